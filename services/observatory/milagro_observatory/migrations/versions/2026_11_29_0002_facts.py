"""facts, pseudonymous lookups, projection state, indicator changes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("participants_registered")
    op.create_table(
        "facts",
        sa.Column("source", sa.String(24), primary_key=True),
        sa.Column("key", sa.String(160), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, comment="event time"),
        sa.Column("period", sa.Date(), nullable=False,
                  comment="first day of the event time's month"),
        sa.Column("partner", sa.String(16), nullable=False),
        sa.Column("participant_key", UUID(as_uuid=True)),
        sa.Column("group", sa.String(16)),
        sa.Column("migrant_status", sa.String(16)),
        sa.Column("gender", sa.String(16)),
        sa.Column("age_band", sa.String(8)),
        sa.Column("activity_kind", sa.String(24)),
        sa.Column("item", sa.String(80)),
        sa.Column("tag", sa.String(24)),
        sa.Column("value", sa.Float(), nullable=False, server_default="1"),
    )
    op.create_index("facts_participant", "facts", ["participant_key"])
    op.create_index("facts_source_period", "facts", ["source", "period"])
    op.create_table(
        "participants",
        sa.Column("participant_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False),
        sa.Column("group", sa.String(16), nullable=False),
        sa.Column("migrant_status", sa.String(16)),
        sa.Column("gender", sa.String(16)),
        sa.Column("age_band", sa.String(8)),
        sa.Column("attributes_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "partners",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("city", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
    )
    op.create_table(
        "coaching_people",
        sa.Column("coaching_id", UUID(as_uuid=True), primary_key=True,
                  comment="coach or newcomer id"),
        sa.Column("participant_id", UUID(as_uuid=True), nullable=False),
    )
    op.create_index("ix_coaching_people_participant_id", "coaching_people", ["participant_id"])
    op.create_table(
        "matches",
        sa.Column("match_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("coach_id", UUID(as_uuid=True), nullable=False),
        sa.Column("newcomer_id", UUID(as_uuid=True), nullable=False),
    )
    op.create_table(
        "projection_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.execute("INSERT INTO projection_state (id, version, updated_at) VALUES (1, 0, now())")
    op.create_table(
        "indicator_changes",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=True),
        sa.Column("indicator", sa.String(60), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("value", JSONB(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("indicator", "version", name="indicator_changes_once"),
    )


def downgrade() -> None:
    for table in ("indicator_changes", "projection_state", "matches", "coaching_people",
                  "partners", "participants", "facts"):
        op.drop_table(table)
    op.create_table(
        "participants_registered",
        sa.Column("partner", sa.String(16), primary_key=True),
        sa.Column("group", sa.String(16), primary_key=True),
        sa.Column("participants", sa.Integer(), nullable=False),
    )
