"""The kit's own tables, step by step, for every service's migrations to call.

Migrations are history: each step creates or changes the tables as they were at that
step, never from the current definition in `milagro_kit.outbox` (a database migrated
today and one migrated a year ago must end up alike).
"""

from alembic import op
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Integer,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from milagro_kit.outbox import NOTIFY_CHANNEL


def create_kit_tables() -> None:
    """Step 1: the outbox, its NOTIFY trigger and the processed-event record."""
    op.create_table(
        "outbox",
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("subject", String(200), nullable=False),
        Column("aggregate", String(200)),
        Column("envelope", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("last_error", Text),
    )
    op.create_index(
        "outbox_unpublished", "outbox", ["id"], postgresql_where=text("published_at IS NULL")
    )
    op.create_table(
        "processed_events",
        Column("consumer", String(100), primary_key=True),
        Column("event_id", UUID(as_uuid=True), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    op.execute(
        "CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{NOTIFY_CHANNEL}', ''); RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER outbox_notify AFTER INSERT ON outbox "
        "FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()"
    )


def name_the_nats_subject() -> None:
    """Step 2: the outbox's `subject` is the NATS subject; the CloudEvents subject is
    `aggregate`. One word, one meaning."""
    op.alter_column("outbox", "subject", new_column_name="nats_subject")


def prune_the_kit_tables() -> None:
    """Step 3: processed-event records are pruned by age, per consumer, behind a
    checkpoint of what each consumer has acknowledged (`milagro_kit.retention`)."""
    op.create_index("processed_events_age", "processed_events", ["consumer", "processed_at"])
    op.create_table(
        "consumer_checkpoints",
        Column("consumer", String(100), primary_key=True),
        Column("stream_sequence", BigInteger, nullable=False),
        Column("taken_at", DateTime(timezone=True), nullable=False),
    )
