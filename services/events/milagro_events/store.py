"""Tables of the events service.

People appear here only by their pseudonymous registry id: no names, no contact details.
Erasure unlinks them (the id becomes NULL) and keeps what was counted.
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from milagro_kit.directory import Directory

metadata = MetaData()

# Who may attend, in which group: the registry's participants as this service keeps them.
participants = Directory(metadata, "events")

# A training: its sessions are activities of kind `training`; its completion rule is data.
trainings = Table(
    "trainings",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("certification", String(16), nullable=False),
    Column("min_share", Float, nullable=False),
    Column("pass_mark", Float),  # set: a final assessment is part of the rule
    Column("state", String(16), nullable=False, server_default="open"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("completed_at", DateTime(timezone=True)),
    CheckConstraint("min_share > 0 AND min_share <= 1", name="share_is_a_share"),
)

# Where summer camps are held: the three partner locations, then replications (data).
camp_locations = Table(
    "camp_locations",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("partner", String(16), nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("place", String(120), nullable=False),
    Column("replication", Boolean, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

activities = Table(
    "activities",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("title", String(200), nullable=False),
    Column("place", String(120), nullable=False),
    Column("online", Boolean, nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("capacity", Integer),
    Column("target_groups", ARRAY(String(16)), nullable=False),
    Column("facilitator_ids", ARRAY(UUID(as_uuid=True)), nullable=False, server_default="{}"),
    Column("state", String(16), nullable=False),
    Column("present", Integer, nullable=False, server_default="0"),
    Column("training_id", UUID(as_uuid=True), ForeignKey("trainings.id"), index=True),
    Column("camp_location_id", String(40), ForeignKey("camp_locations.id")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("cancel_reason", Text),
    CheckConstraint("ends_at > starts_at", name="ends_after_it_starts"),
    CheckConstraint("capacity IS NULL OR present <= capacity", name="within_capacity"),
    Index("activities_by_partner_and_time", "partner", "starts_at", "id"),
    Index("activities_by_time", "starts_at", "id"),
)

attendance = Table(
    "attendance",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("activity_id", UUID(as_uuid=True), ForeignKey("activities.id"), nullable=False),
    Column("participant_id", UUID(as_uuid=True), index=True),
    Column("present", Boolean, nullable=False),
    # the group at check-in (NULL until the registry's event arrives); kept after erasure
    Column("group", String(16)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("activity_id", "participant_id", name="attendance_once_per_person"),
)

# What a training's final assessment gave each trainee (when its rule has one).
final_assessments = Table(
    "final_assessments",
    metadata,
    Column("training_id", UUID(as_uuid=True), ForeignKey("trainings.id"), primary_key=True),
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("score", Float, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

# The outcome of a completed training for each person who attended a session of it.
training_results = Table(
    "training_results",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("training_id", UUID(as_uuid=True), ForeignKey("trainings.id"), nullable=False),
    Column("participant_id", UUID(as_uuid=True)),
    Column("sessions_attended", Integer, nullable=False),
    Column("sessions_held", Integer, nullable=False),
    Column("final_score", Float),
    Column("certified", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
    UniqueConstraint("training_id", "participant_id", name="one_result_per_trainee"),
)

certifications = Table(
    "certifications",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("certification", String(16), primary_key=True),
    Column("training_id", UUID(as_uuid=True), ForeignKey("trainings.id"), nullable=False),
    Column("certified_at", DateTime(timezone=True), nullable=False),
)

# A service a certified mediator delivered: an activity of kind `mediation_service`, held
# when recorded; the newcomers served are its attendance.
mediation_services = Table(
    "mediation_services",
    metadata,
    Column("activity_id", UUID(as_uuid=True), ForeignKey("activities.id"), primary_key=True),
    Column("mediator_id", UUID(as_uuid=True), index=True),
    Column("service_kind", String(40), nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("language", String(3), nullable=False),
    Column("outcome", String(32), nullable=False),
)

# Scores and answers of an assessment; answers never leave the service.
assessments = Table(
    "assessments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False, index=True),
    Column("participant_id", UUID(as_uuid=True)),
    Column("instrument_id", String(60), nullable=False),
    Column("instrument_version", Integer, nullable=False),
    Column("phase", String(8), nullable=False),
    Column("group", String(16), nullable=False),
    Column("answers", JSONB),  # NULL once the person is erased
    Column("scores", JSONB, nullable=False),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("participant_id", "instrument_id", "phase", name="one_submission_per_phase"),
)
