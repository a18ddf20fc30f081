"""partner contacts, the notifications queue and its send attempts

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

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "partner_contacts",
        sa.Column("partner", sa.String(16), primary_key=True),
        sa.Column("email", sa.String(254), primary_key=True),
        sa.Column("language", sa.String(3), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=False),
        sa.Column("added_at", WHEN, nullable=False),
    )
    op.create_table(
        "notifications",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("dedup", sa.String(300), nullable=False, unique=True),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("template", sa.String(60), nullable=False),
        sa.Column("partner", sa.String(16), nullable=False),
        sa.Column("participant_id", postgresql.UUID(as_uuid=True), index=True),
        sa.Column("context", postgresql.JSONB, nullable=False),
        sa.Column("due_at", WHEN, nullable=False),
        sa.Column("latest_at", WHEN),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("done_at", WHEN),
    )
    op.create_index(
        "notifications_due",
        "notifications",
        ["due_at"],
        postgresql_where=sa.text("state = 'pending'"),
    )
    op.create_table(
        "send_attempts",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "notification_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("notifications.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("relay", sa.String(200)),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text),
        sa.UniqueConstraint("notification_id", "at", "relay", name="one_attempt_per_relay_and_time"),
    )


def downgrade() -> None:
    op.drop_table("send_attempts")
    op.drop_table("notifications")
    op.drop_table("partner_contacts")
