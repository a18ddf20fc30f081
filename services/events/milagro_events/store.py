"""Tables of the events service."""

from sqlalchemy import Column, MetaData, String, Table
from sqlalchemy.dialects.postgresql import UUID

metadata = MetaData()

# Who may attend, and in which group they count: the registry's pseudonymous view.
attendees = Table(
    "attendees",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False, index=True),
    Column("group", String(16), nullable=False),
)
