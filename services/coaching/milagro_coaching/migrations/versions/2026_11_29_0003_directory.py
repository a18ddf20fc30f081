"""the kit's participant directory replaces participant_roles

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the directory's consumer (`coaching-directory`) replays the registry's stream from its
    # start, so every person comes back with group, roles and languages
    op.drop_table("participant_roles")
    op.create_table(
        "directory",
        sa.Column("participant_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False),
        sa.Column("group", sa.String(16), nullable=False),
        sa.Column("roles", postgresql.ARRAY(sa.String(32)), nullable=False, server_default="{}"),
        sa.Column(
            "languages", postgresql.ARRAY(sa.String(3)), nullable=False, server_default="{}"
        ),
    )
    op.create_table(
        "erasures",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("erasures")
    op.drop_table("directory")
    op.create_table(
        "participant_roles",
        sa.Column("participant_id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False, index=True),
        sa.Column("roles", postgresql.ARRAY(sa.String(20)), nullable=False),
    )
