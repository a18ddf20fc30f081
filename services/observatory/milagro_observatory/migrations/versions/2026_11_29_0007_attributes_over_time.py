"""attributes over time, tombstones of erasures, a session's match and academy

Facts keep when they happened (the attributes they take) and a session's match (to be
completed when it arrives late); participants' attributes become a history of assertions
(existing rows become one registration each); erased ids leave a tombstone; enrolments
keep their academy. Existing facts lack what only a replay can give them (their time,
their academy): run `python -m milagro_observatory rebuild` after upgrading.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, UUID

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_DIMENSIONS = ("group", "migrant_status", "gender", "age_band")


def upgrade() -> None:
    op.add_column(
        "facts",
        sa.Column(
            "happened",
            sa.DateTime(timezone=True),
            comment="when it happened: decides its period and the participant attributes it takes",
        ),
    )
    op.execute("UPDATE facts SET happened = at")
    op.alter_column("facts", "happened", nullable=False)
    op.alter_column("facts", "at", comment="event time (envelope)")
    op.add_column(
        "facts",
        sa.Column(
            "match_id",
            UUID(as_uuid=True),
            comment="a session's or feedback's match, to complete the fact when the match or "
            "its enrolments arrive after it",
        ),
    )
    op.create_index("facts_match", "facts", ["match_id"])
    op.create_table(
        "participant_attributes",
        sa.Column("participant_id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "event_id", UUID(as_uuid=True), primary_key=True, comment="the asserting event"
        ),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "asserted_at", sa.DateTime(timezone=True), nullable=False, comment="envelope time"
        ),
        sa.Column("registration", sa.Boolean(), nullable=False),
        sa.Column(
            "sets", ARRAY(sa.String(16)), nullable=False, comment="the attributes it asserts"
        ),
        sa.Column("group", sa.String(16)),
        sa.Column("migrant_status", sa.String(16)),
        sa.Column("gender", sa.String(16)),
        sa.Column("age_band", sa.String(8)),
        comment="every registration and update of a participant's statistical attributes, in "
        "whatever order they arrived: a fact takes the version valid at its event time",
    )
    op.execute(
        "INSERT INTO participant_attributes (participant_id, event_id, valid_from, asserted_at,"
        ' registration, sets, "group", migrant_status, gender, age_band)'
        " SELECT participant_id, gen_random_uuid(), attributes_at, attributes_at, true,"
        " ARRAY['age_band', 'gender', 'group', 'migrant_status'],"
        ' "group", migrant_status, gender, age_band FROM participants'
    )
    for column in ("partner", *_DIMENSIONS, "attributes_at"):
        op.drop_column("participants", column)
    op.create_table_comment(
        "participants", "the latest research_statistics decision of each participant"
    )
    op.create_table(
        "erased_participants",
        sa.Column(
            "digest", sa.String(64), primary_key=True, comment="sha256 of the erased id"
        ),
        sa.Column(
            "stranger",
            UUID(as_uuid=True),
            nullable=False,
            comment="the random id its facts got",
        ),
        comment="tombstones: facts about an erased participant that arrive later go to the "
        "same stranger as the others",
    )
    op.add_column(
        "coaching_people",
        sa.Column("academy_id", UUID(as_uuid=True), comment="the academy they enrolled in"),
    )
    op.create_index("ix_matches_coach_id", "matches", ["coach_id"])
    op.create_index("ix_matches_newcomer_id", "matches", ["newcomer_id"])


def downgrade() -> None:
    op.drop_index("ix_matches_newcomer_id", "matches")
    op.drop_index("ix_matches_coach_id", "matches")
    op.drop_column("coaching_people", "academy_id")
    op.drop_table("erased_participants")
    op.drop_table_comment("participants")
    op.add_column("participants", sa.Column("partner", sa.String(16)))
    for column in _DIMENSIONS:
        op.add_column("participants", sa.Column(column, sa.String(16 if column != "age_band" else 8)))
    op.add_column("participants", sa.Column("attributes_at", sa.DateTime(timezone=True)))
    # the latest version of each history; the partner was never used by a figure
    op.execute(
        "INSERT INTO participants (participant_id) SELECT DISTINCT participant_id"
        " FROM participant_attributes ON CONFLICT DO NOTHING"
    )
    op.execute(
        'UPDATE participants p SET partner = \'unknown\', "group" = a."group",'
        " migrant_status = a.migrant_status, gender = a.gender, age_band = a.age_band,"
        " attributes_at = a.valid_from FROM (SELECT DISTINCT ON (participant_id) * FROM"
        " participant_attributes ORDER BY participant_id, valid_from DESC) a"
        " WHERE a.participant_id = p.participant_id"
    )
    op.execute("DELETE FROM participants WHERE attributes_at IS NULL")
    for column in ("partner", "group", "attributes_at"):
        op.alter_column("participants", column, nullable=False)
    op.drop_table("participant_attributes")
    op.drop_index("facts_match", "facts")
    op.drop_column("facts", "match_id")
    op.alter_column("facts", "at", comment="event time")
    op.drop_column("facts", "happened")
