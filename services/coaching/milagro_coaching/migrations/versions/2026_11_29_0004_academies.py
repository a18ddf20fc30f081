"""academies, coaches, newcomers, matches, sessions, feedback, calendar feeds

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


def upgrade() -> None:

    op.create_table(
        "academies",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("partner", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_academies_partner"), "academies", ["partner"], unique=False)
    op.create_table(
        "calendar_feeds",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked", sa.Boolean(), server_default="false", nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_index(
        op.f("ix_calendar_feeds_owner_id"), "calendar_feeds", ["owner_id"], unique=False
    )
    op.create_table(
        "certified_coaches",
        sa.Column("participant_id", sa.UUID(), nullable=False),
        sa.Column("partner", sa.String(length=16), nullable=False),
        sa.Column("certified_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("participant_id"),
    )
    op.create_table(
        "coaches",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("academy_id", sa.UUID(), nullable=False),
        sa.Column("participant_id", sa.UUID(), nullable=True),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=3)), nullable=False),
        sa.Column("topics", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("availability", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("capacity BETWEEN 0 AND 50", name="a_coachs_capacity"),
        sa.ForeignKeyConstraint(
            ["academy_id"],
            ["academies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "one_coach_record_per_academy", "coaches", ["academy_id", "participant_id"], unique=True
    )
    op.create_table(
        "newcomers",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("academy_id", sa.UUID(), nullable=False),
        sa.Column("participant_id", sa.UUID(), nullable=True),
        sa.Column("languages", postgresql.ARRAY(sa.String(length=3)), nullable=False),
        sa.Column("needs", postgresql.ARRAY(sa.String(length=40)), nullable=False),
        sa.Column("availability", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["academy_id"],
            ["academies.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "one_newcomer_record_per_academy",
        "newcomers",
        ["academy_id", "participant_id"],
        unique=True,
    )
    op.create_table(
        "matches",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("academy_id", sa.UUID(), nullable=False),
        sa.Column("coach_id", sa.UUID(), nullable=False),
        sa.Column("newcomer_id", sa.UUID(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["academy_id"],
            ["academies.id"],
        ),
        sa.ForeignKeyConstraint(
            ["coach_id"],
            ["coaches.id"],
        ),
        sa.ForeignKeyConstraint(
            ["newcomer_id"],
            ["newcomers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("matches_by_coach", "matches", ["coach_id", "state"], unique=False)
    op.create_index(
        "one_live_match_per_newcomer",
        "matches",
        ["newcomer_id"],
        unique=True,
        postgresql_where=sa.text("state IN ('proposed', 'accepted')"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("match_id", sa.UUID(), nullable=False),
        sa.Column("coach_id", sa.UUID(), nullable=False),
        sa.Column("newcomer_id", sa.UUID(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("held_minutes", sa.Integer(), nullable=True),
        sa.Column(
            "topics", postgresql.ARRAY(sa.String(length=40)), server_default="{}", nullable=False
        ),
        sa.Column("absent_side", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name="a_session_ends_after_it_starts"),
        sa.ForeignKeyConstraint(
            ["coach_id"],
            ["coaches.id"],
        ),
        sa.ForeignKeyConstraint(
            ["match_id"],
            ["matches.id"],
        ),
        sa.ForeignKeyConstraint(
            ["newcomer_id"],
            ["newcomers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("sessions_of_a_coach", "sessions", ["coach_id", "starts_at"], unique=False)
    op.create_index(
        "sessions_of_a_newcomer", "sessions", ["newcomer_id", "starts_at"], unique=False
    )
    op.create_table(
        "feedback",
        sa.Column("session_id", sa.UUID(), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="a_rating_from_1_to_5"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
        ),
        sa.PrimaryKeyConstraint("session_id", "side"),
    )


def downgrade() -> None:

    op.drop_table("feedback")
    op.drop_index("sessions_of_a_newcomer", table_name="sessions")
    op.drop_index("sessions_of_a_coach", table_name="sessions")
    op.drop_table("sessions")
    op.drop_index(
        "one_live_match_per_newcomer",
        table_name="matches",
        postgresql_where=sa.text("state IN ('proposed', 'accepted')"),
    )
    op.drop_index("matches_by_coach", table_name="matches")
    op.drop_table("matches")
    op.drop_index("one_newcomer_record_per_academy", table_name="newcomers")
    op.drop_table("newcomers")
    op.drop_index("one_coach_record_per_academy", table_name="coaches")
    op.drop_table("coaches")
    op.drop_table("certified_coaches")
    op.drop_index(op.f("ix_calendar_feeds_owner_id"), table_name="calendar_feeds")
    op.drop_table("calendar_feeds")
    op.drop_index(op.f("ix_academies_partner"), table_name="academies")
    op.drop_table("academies")
