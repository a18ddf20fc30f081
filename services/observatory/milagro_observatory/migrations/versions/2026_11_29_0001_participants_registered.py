"""participants registered, kit tables

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

from milagro_kit.kit_migrations import create_kit_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_kit_tables()
    op.create_table(
        "participants_registered",
        sa.Column("partner", sa.String(16), primary_key=True),
        sa.Column("group", sa.String(16), primary_key=True),
        sa.Column("participants", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("participants_registered")
