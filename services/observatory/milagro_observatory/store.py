"""Observatory projections: aggregates only, never a row about a person."""

from sqlalchemy import Column, Integer, MetaData, String, Table

metadata = MetaData()

participants_registered = Table(
    "participants_registered",
    metadata,
    Column("partner", String(16), primary_key=True),
    Column("group", String(16), primary_key=True),
    Column("participants", Integer, nullable=False),
)
