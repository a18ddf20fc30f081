"""e-mail: opt-outs, who coaching sessions and activities concern, the participant directory,
what a notification is about

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = postgresql.UUID(as_uuid=True)


def upgrade() -> None:
    op.add_column("notifications", sa.Column("about", sa.String(80)))
    op.create_index("ix_notifications_about", "notifications", ["about"])
    op.create_table(
        "opt_outs",
        sa.Column("participant_id", ID, primary_key=True),
        sa.Column("kind", sa.String(60), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "coaches",
        sa.Column("coach_id", ID, primary_key=True),
        sa.Column("participant_id", ID, nullable=False, index=True),
    )
    op.create_table(
        "newcomers",
        sa.Column("newcomer_id", ID, primary_key=True),
        sa.Column("participant_id", ID, nullable=False, index=True),
    )
    op.create_table(
        "matches",
        sa.Column("match_id", ID, primary_key=True),
        sa.Column("coach_id", ID, nullable=False),
        sa.Column("newcomer_id", ID, nullable=False),
    )
    op.create_table(
        "activity_people",
        sa.Column("activity_id", ID, primary_key=True),
        sa.Column("participant_id", ID, primary_key=True, index=True),
    )
    # the kit's directory: its consumer replays the registry's stream from the start
    op.create_table(
        "directory",
        sa.Column("participant_id", ID, primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False),
        sa.Column("group", sa.String(16), nullable=False),
        sa.Column("roles", postgresql.ARRAY(sa.String(32)), nullable=False, server_default="{}"),
        sa.Column("languages", postgresql.ARRAY(sa.String(3)), nullable=False, server_default="{}"),
    )
    op.create_table(
        "erasures",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    tables = ("erasures", "directory", "activity_people", "matches", "newcomers", "coaches")
    for table in (*tables, "opt_outs"):
        op.drop_table(table)
    op.drop_index("ix_notifications_about", "notifications")
    op.drop_column("notifications", "about")
