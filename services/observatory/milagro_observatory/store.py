"""Observatory projections: facts and the pseudonymous lookups that disaggregate them.

A fact is one countable occurrence (a registration, a presence, a certification, a held
session...) keyed by what it is about, so a redelivered or corrected event rewrites the
same row. Facts carry the dimensions published (period, partner, group, gender, age band,
activity kind), the participant's as they were at the fact's event time. Participant
attributes come from registry events, kept as a history of assertions under pseudonymous
ids only; an erased participant's id is replaced by a random one everywhere, and a
one-way digest of the id remembers where later facts about them go, so the aggregates
stay and nothing names the person any more. Only aggregates leave.
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

metadata = MetaData()

facts = Table(
    "facts",
    metadata,
    Column("fact", String(24), primary_key=True, comment="what it is: registration, attendance..."),
    Column("key", String(160), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, comment="event time (envelope)"),
    Column(
        "happened",
        DateTime(timezone=True),
        nullable=False,
        comment="when it happened: decides its period and the participant attributes it takes",
    ),
    Column("period", Date, nullable=False, comment="first day of the event time's month"),
    Column("partner", String(16), nullable=False),
    Column("participant_key", UUID(as_uuid=True)),
    Column("group", String(16)),
    Column("migrant_status", String(16)),
    Column("gender", String(16)),
    Column("age_band", String(8)),
    Column("activity_kind", String(24)),
    Column("item", String(80)),
    Column("tag", String(24)),
    Column("value", Float, nullable=False, server_default="1"),
    Column(
        "match_id",
        UUID(as_uuid=True),
        comment="a session's or feedback's match, to complete the fact when the match or its "
        "enrolments arrive after it",
    ),
    Column(
        "research_consent",
        Boolean,
        nullable=False,
        server_default="false",
        comment="the participant consents to research statistics (research indicators)",
    ),
    Index("facts_participant", "participant_key"),
    Index("facts_fact_period", "fact", "period"),
    Index("facts_match", "match_id"),
)

participants = Table(
    "participants",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("research_consent", Boolean, nullable=False, server_default="false"),
    Column("research_consent_at", DateTime(timezone=True)),
    comment="the latest research_statistics decision of each participant",
)

participant_attributes = Table(
    "participant_attributes",
    metadata,
    Column("participant_id", UUID(as_uuid=True), primary_key=True),
    Column("event_id", UUID(as_uuid=True), primary_key=True, comment="the asserting event"),
    Column("valid_from", DateTime(timezone=True), nullable=False),
    Column("asserted_at", DateTime(timezone=True), nullable=False, comment="envelope time"),
    Column("registration", Boolean, nullable=False),
    Column("sets", ARRAY(String(16)), nullable=False, comment="the attributes it asserts"),
    Column("group", String(16)),
    Column("migrant_status", String(16)),
    Column("gender", String(16)),
    Column("age_band", String(8)),
    comment="every registration and update of a participant's statistical attributes, in "
    "whatever order they arrived: a fact takes the version valid at its event time",
)

erased_participants = Table(
    "erased_participants",
    metadata,
    Column("digest", String(64), primary_key=True, comment="sha256 of the erased id"),
    Column("stranger", UUID(as_uuid=True), nullable=False, comment="the random id its facts got"),
    comment="tombstones: facts about an erased participant that arrive later go to the "
    "same stranger as the others",
)

partners = Table(
    "partners",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("country", String(2), nullable=False),
    Column("city", String(100), nullable=False),
    Column("kind", String(16), nullable=False),
)

coaching_people = Table(
    "coaching_people",
    metadata,
    Column("coaching_id", UUID(as_uuid=True), primary_key=True, comment="coach or newcomer id"),
    Column("participant_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("academy_id", UUID(as_uuid=True), comment="the academy they enrolled in"),
)

matches = Table(
    "matches",
    metadata,
    Column("match_id", UUID(as_uuid=True), primary_key=True),
    Column("coach_id", UUID(as_uuid=True), nullable=False, index=True),
    Column("newcomer_id", UUID(as_uuid=True), nullable=False, index=True),
)

merged_participants = Table(
    "merged_participants",
    metadata,
    Column("merged_id", UUID(as_uuid=True), primary_key=True),
    Column("kept_id", UUID(as_uuid=True), nullable=False, index=True),
    comment="registry records merged into another: facts about them count for the kept one",
)

projection_state = Table(
    "projection_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", BigInteger, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

indicator_changes = Table(
    "indicator_changes",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("indicator", String(60), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("value", JSONB, nullable=False),
    Column("summary", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("indicator", "version", name="indicator_changes_once"),
)

releases = Table(
    "releases",
    metadata,
    Column("indicator", String(60), primary_key=True),
    Column("number", Integer, nullable=False, comment="1, 2, ... per indicator"),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("changed", Integer, nullable=False, comment="records changed since the last one"),
    Column("atoms", JSONB, nullable=False, comment="the finest cells, to measure change"),
    Column("document", JSONB, nullable=False, comment="every published cell"),
    comment="The latest release of each indicator's tables (not a projection: a rebuild "
    "keeps it, and the next release is measured against it)",
)

release_state = Table(
    "release_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("checked_version", BigInteger, nullable=False),
    Column("checked_at", DateTime(timezone=True), nullable=False),
)

editions = Table(
    "editions",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False, comment="1, 2, ..."),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("kind", String(16), nullable=False, comment="monthly or on-demand"),
    Column("month", String(7), comment="YYYY-MM of a monthly edition"),
    Column("base_url", Text, nullable=False, comment="the public URL its links were made with"),
    Column("citation", Text, nullable=False),
    Column("sha256", String(64), nullable=False, comment="checksum of `archive`"),
    Column("archive", LargeBinary, nullable=False, comment="the zip, served byte for byte"),
    Index("editions_one_a_month", "month", unique=True),
    comment="Dated editions: frozen, citable snapshots of the whole data package (not a "
    "projection: a rebuild keeps them)",
)

edition_tables = Table(
    "edition_tables",
    metadata,
    Column("edition", Integer, ForeignKey("editions.number"), primary_key=True),
    Column("indicator", String(60), primary_key=True),
    Column("release", Integer, comment="the indicator's release frozen (none yet: null)"),
    Column("release_published_at", DateTime(timezone=True)),
    Column("changed", Integer),
    Column("document", JSONB, comment="the release's every cell, as `releases` had it"),
    Column("cells", Integer, nullable=False),
    Column("suppressed_small", Integer, comment="cells hidden: too few people"),
    Column("suppressed_protecting", Integer, comment="hidden so no small one can be worked out"),
    comment="Each edition's tables of every indicator, and its disclosure log",
)

PROJECTIONS = (
    facts,
    participants,
    participant_attributes,
    erased_participants,
    partners,
    coaching_people,
    matches,
    merged_participants,
)
"""What `rebuild` empties: everything derived from the streams."""
