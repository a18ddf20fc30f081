"""the participant directory (was attendees), activities, attendance, trainings,
certifications, camp locations, mediation services, assessments

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

UUID = postgresql.UUID(as_uuid=True)
WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.rename_table("attendees", "directory")
    op.execute("ALTER INDEX attendees_pkey RENAME TO directory_pkey")
    op.drop_index("ix_attendees_partner", table_name="directory")
    # the kit's directory consumer (`events-directory`) replays the registry's stream from
    # its start and fills in every person again, with roles and languages
    op.execute("DELETE FROM directory")
    for name, size in (("roles", 32), ("languages", 3)):
        op.add_column(
            "directory",
            sa.Column(name, postgresql.ARRAY(sa.String(size)), nullable=False, server_default="{}"),
        )
    op.create_table(
        "erasures",
        sa.Column("digest", sa.String(64), primary_key=True),
        sa.Column("erased_at", WHEN, nullable=False),
    )
    op.create_table(
        "trainings",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False, index=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("certification", sa.String(16), nullable=False),
        sa.Column("min_share", sa.Float, nullable=False),
        sa.Column("pass_mark", sa.Float),
        sa.Column("state", sa.String(16), nullable=False, server_default="open"),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("completed_at", WHEN),
        sa.CheckConstraint("min_share > 0 AND min_share <= 1", name="share_is_a_share"),
    )
    op.create_table(
        "camp_locations",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False, index=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("place", sa.String(120), nullable=False),
        sa.Column("replication", sa.Boolean, nullable=False),
        sa.Column("added_at", WHEN, nullable=False),
    )
    op.create_table(
        "activities",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("place", sa.String(120), nullable=False),
        sa.Column("online", sa.Boolean, nullable=False),
        sa.Column("starts_at", WHEN, nullable=False),
        sa.Column("ends_at", WHEN, nullable=False),
        sa.Column("capacity", sa.Integer),
        sa.Column("target_groups", postgresql.ARRAY(sa.String(16)), nullable=False),
        sa.Column(
            "facilitator_ids", postgresql.ARRAY(UUID), nullable=False, server_default="{}"
        ),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("present", sa.Integer, nullable=False, server_default="0"),
        sa.Column("training_id", UUID, sa.ForeignKey("trainings.id"), index=True),
        sa.Column("camp_location_id", sa.String(40), sa.ForeignKey("camp_locations.id")),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.Column("closed_at", WHEN),
        sa.Column("cancel_reason", sa.Text),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_it_starts"),
        sa.CheckConstraint("capacity IS NULL OR present <= capacity", name="within_capacity"),
    )
    op.create_index(
        "activities_by_partner_and_time", "activities", ["partner", "starts_at", "id"]
    )
    op.create_index("activities_by_time", "activities", ["starts_at", "id"])
    op.create_table(
        "attendance",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("activity_id", UUID, sa.ForeignKey("activities.id"), nullable=False),
        sa.Column("participant_id", UUID, index=True),
        sa.Column("present", sa.Boolean, nullable=False),
        sa.Column("group", sa.String(16)),
        sa.Column("recorded_at", WHEN, nullable=False),
        sa.UniqueConstraint("activity_id", "participant_id", name="attendance_once_per_person"),
    )
    op.create_table(
        "final_assessments",
        sa.Column("training_id", UUID, sa.ForeignKey("trainings.id"), primary_key=True),
        sa.Column("participant_id", UUID, primary_key=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("recorded_at", WHEN, nullable=False),
    )
    op.create_table(
        "training_results",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("training_id", UUID, sa.ForeignKey("trainings.id"), nullable=False),
        sa.Column("participant_id", UUID),
        sa.Column("sessions_attended", sa.Integer, nullable=False),
        sa.Column("sessions_held", sa.Integer, nullable=False),
        sa.Column("final_score", sa.Float),
        sa.Column("certified", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.UniqueConstraint("training_id", "participant_id", name="one_result_per_trainee"),
    )
    op.create_table(
        "certifications",
        sa.Column("participant_id", UUID, primary_key=True),
        sa.Column("certification", sa.String(16), primary_key=True),
        sa.Column("training_id", UUID, sa.ForeignKey("trainings.id"), nullable=False),
        sa.Column("certified_at", WHEN, nullable=False),
    )
    op.create_table(
        "mediation_services",
        sa.Column("activity_id", UUID, sa.ForeignKey("activities.id"), primary_key=True),
        sa.Column("mediator_id", UUID, index=True),
        sa.Column("service_kind", sa.String(40), nullable=False),
        sa.Column("duration_minutes", sa.Integer, nullable=False),
        sa.Column("language", sa.String(3), nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
    )
    op.create_table(
        "assessments",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("partner", sa.String(16), nullable=False, index=True),
        sa.Column("participant_id", UUID),
        sa.Column("instrument_id", sa.String(60), nullable=False),
        sa.Column("instrument_version", sa.Integer, nullable=False),
        sa.Column("phase", sa.String(8), nullable=False),
        sa.Column("group", sa.String(16), nullable=False),
        sa.Column("answers", postgresql.JSONB),
        sa.Column("scores", postgresql.JSONB, nullable=False),
        sa.Column("submitted_at", WHEN, nullable=False),
        sa.UniqueConstraint(
            "participant_id", "instrument_id", "phase", name="one_submission_per_phase"
        ),
    )


def downgrade() -> None:
    for table in (
        "assessments",
        "mediation_services",
        "certifications",
        "training_results",
        "final_assessments",
        "attendance",
        "activities",
        "camp_locations",
        "trainings",
        "erasures",
    ):
        op.drop_table(table)
    op.drop_column("directory", "languages")
    op.drop_column("directory", "roles")
    op.create_index("ix_attendees_partner", "directory", ["partner"])
    op.execute("ALTER INDEX directory_pkey RENAME TO attendees_pkey")
    op.rename_table("directory", "attendees")
