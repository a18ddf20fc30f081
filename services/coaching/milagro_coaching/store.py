"""Tables of the coaching service."""

from sqlalchemy import ARRAY, Column, MetaData, String, Table
from sqlalchemy.dialects.postgresql import UUID

metadata = MetaData()

# Who may coach or be coached: roles as the registry last published them.
roles = Table(
    "participant_roles",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False, index=True),
    Column("roles", ARRAY(String(20)), nullable=False),
)
