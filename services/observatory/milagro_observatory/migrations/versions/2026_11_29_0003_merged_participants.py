"""merged participants: registry records merged into another

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "merged_participants",
        sa.Column("merged_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("kept_id", UUID(as_uuid=True), nullable=False),
        comment="registry records merged into another: facts about them count for the kept one",
    )
    op.create_index("ix_merged_participants_kept_id", "merged_participants", ["kept_id"])


def downgrade() -> None:
    op.drop_table("merged_participants")
