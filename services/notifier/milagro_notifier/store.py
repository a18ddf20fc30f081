"""Tables of the notifier."""

from sqlalchemy import Boolean, Column, DateTime, MetaData, String, Table
from sqlalchemy.dialects.postgresql import UUID

metadata = MetaData()

# Whether a person may be e-mailed; withdrawing consent must stop e-mail at once.
communications_consent = Table(
    "communications_consent",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False),
    Column("given", Boolean, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)
