"""Tables of the coaching service.

People appear only by their registry id. A coach or newcomer record belongs to one
academy; erasure clears its profile and unlinks it, and what was counted stays.
"""

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from milagro_kit.directory import Directory

metadata = MetaData()

# Who may coach or be coached: the registry's participants as this service keeps them.
participants = Directory(metadata, "coaching")

academies = Table(
    "academies",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False, index=True),
    Column("name", String(120), nullable=False),
    Column("city", String(100), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
)

# Who holds the coach certification: from the events service's `training.completed`.
certified_coaches = Table(
    "certified_coaches",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("partner", String(16), nullable=False),
    Column("certified_at", DateTime(timezone=True), nullable=False),
)

coaches = Table(
    "coaches",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("academy_id", UUID(as_uuid=True), ForeignKey("academies.id"), nullable=False),
    Column("participant_id", UUID(as_uuid=True)),  # NULL once erased
    Column("languages", ARRAY(String(3)), nullable=False),
    Column("topics", ARRAY(String(40)), nullable=False),
    # {"zone": an IANA time zone, "slots": [{"weekday": 0-6, "start": "18:00", "end": ...}]}
    Column("availability", JSONB, nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("state", String(16), nullable=False),  # available, paused, left
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("capacity BETWEEN 0 AND 50", name="a_coachs_capacity"),
    Index("one_coach_record_per_academy", "academy_id", "participant_id", unique=True),
    Index("coach_records_of_a_person", "participant_id"),  # booking locks them all
)

newcomers = Table(
    "newcomers",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("academy_id", UUID(as_uuid=True), ForeignKey("academies.id"), nullable=False),
    Column("participant_id", UUID(as_uuid=True)),  # NULL once erased
    Column("languages", ARRAY(String(3)), nullable=False),
    Column("needs", ARRAY(String(40)), nullable=False),
    Column("availability", JSONB, nullable=False),
    Column("state", String(16), nullable=False),  # waiting, matched, left
    Column("enrolled_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("one_newcomer_record_per_academy", "academy_id", "participant_id", unique=True),
    Index("newcomer_records_of_a_person", "participant_id"),
)

matches = Table(
    "matches",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("academy_id", UUID(as_uuid=True), ForeignKey("academies.id"), nullable=False),
    Column("coach_id", UUID(as_uuid=True), ForeignKey("coaches.id"), nullable=False),
    Column("newcomer_id", UUID(as_uuid=True), ForeignKey("newcomers.id"), nullable=False),
    Column("state", String(16), nullable=False),  # proposed, accepted, rejected, ended
    Column("score", Float, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("proposed_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("decided_by", String(200)),
    Column("decision_reason", Text),
    Column("ended_at", DateTime(timezone=True)),
    # a newcomer has at most one live pairing: proposed or accepted
    Index(
        "one_live_match_per_newcomer",
        "newcomer_id",
        unique=True,
        postgresql_where=text("state IN ('proposed', 'accepted')"),
    ),
    Index("matches_by_coach", "coach_id", "state"),
)

# Double booking is refused under row locks on the coach and the newcomer (the embedded
# PostgreSQL has no btree_gist for an exclusion constraint on (coach, time range)).
sessions = Table(
    "sessions",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("match_id", UUID(as_uuid=True), ForeignKey("matches.id"), nullable=False),
    Column("coach_id", UUID(as_uuid=True), ForeignKey("coaches.id"), nullable=False),
    Column("newcomer_id", UUID(as_uuid=True), ForeignKey("newcomers.id"), nullable=False),
    Column("starts_at", DateTime(timezone=True), nullable=False),
    Column("ends_at", DateTime(timezone=True), nullable=False),
    Column("state", String(16), nullable=False),  # scheduled, held, cancelled, no_show
    Column("held_minutes", Integer),
    Column("topics", ARRAY(String(40)), nullable=False, server_default="{}"),
    Column("absent_side", String(16)),
    Column("cancel_reason", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("ends_at > starts_at", name="a_session_ends_after_it_starts"),
    Index("sessions_of_a_coach", "coach_id", "starts_at"),
    Index("sessions_of_a_newcomer", "newcomer_id", "starts_at"),
)

# Each side's rating of a held session; the comment never leaves this service.
feedback = Table(
    "feedback",
    metadata,
    Column("session_id", UUID(as_uuid=True), ForeignKey("sessions.id"), nullable=False),
    Column("side", String(16), nullable=False),
    Column("rating", Integer, nullable=False),
    Column("comment", Text),
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("session_id", "side"),
    CheckConstraint("rating BETWEEN 1 AND 5", name="a_rating_from_1_to_5"),
)

# A secret, revocable iCalendar feed of a coach's or a newcomer's sessions: only a digest
# of the secret is kept, so a leaked database does not open anyone's calendar.
calendar_feeds = Table(
    "calendar_feeds",
    metadata,
    Column("digest", String(64), primary_key=True),
    Column("owner", String(16), nullable=False),  # coach, newcomer
    Column("owner_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked", Boolean, nullable=False, server_default="false"),
)
