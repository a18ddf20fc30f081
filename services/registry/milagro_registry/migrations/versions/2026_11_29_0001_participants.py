"""participants, outbox

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from milagro_kit.kit_migrations import create_kit_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_kit_tables()
    op.create_table(
        "participants",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False, index=True),
        sa.Column("given_name", sa.String(100), nullable=False),
        sa.Column("family_name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254)),
        sa.Column("phone", sa.String(32)),
        sa.Column("birth_date", sa.Date()),
        sa.Column("preferred_language", sa.String(3)),
        sa.Column("group", sa.String(16), nullable=False),
        sa.Column("migrant_status", sa.String(16)),
        sa.Column("gender", sa.String(16)),
        sa.Column("gender_self_described", sa.String(60)),
        sa.Column("country", sa.String(2)),
        sa.Column("languages", postgresql.ARRAY(sa.String(3)), nullable=False),
        sa.Column("roles", postgresql.ARRAY(sa.String(20)), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.func.now()),
    )


def downgrade() -> None:
    op.drop_table("participants")
