"""The transactional outbox: a service records events in the same transaction as its change.

Every service's metadata gets the kit's two tables (`outbox` and `processed_events`) from
`add_kit_tables`; its first migration creates them with `create_kit_tables`. Services only
call `record(session, payload)`; the relay does the rest.
"""

from typing import Any

from alembic.operations import Operations
from opentelemetry import propagate
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    insert,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import Envelope, Event, new_envelope, spec_of

NOTIFY_CHANNEL = "milagro_outbox"


def add_kit_tables(metadata: MetaData) -> tuple[Table, Table]:
    """Add the outbox and the processed-event record to a service's metadata."""
    outbox = Table(
        "outbox",
        metadata,
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
        Index("outbox_unpublished", "id", postgresql_where=text("published_at IS NULL")),
    )
    processed = Table(
        "processed_events",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", UUID(as_uuid=True), primary_key=True),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )
    return outbox, processed


def create_kit_tables(op: Operations) -> None:
    """Create the outbox, its NOTIFY trigger and the processed-event record (a migration step)."""
    metadata = MetaData()
    for table in add_kit_tables(metadata):
        table.create(op.get_bind())
    op.execute(
        "CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{NOTIFY_CHANNEL}', ''); RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER outbox_notify AFTER INSERT ON outbox "
        "FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()"
    )


_OUTBOX = add_kit_tables(MetaData())[0]


def current_trace_context() -> dict[str, str]:
    """The W3C trace context of the current span, to carry across the bus."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


async def record(
    session: AsyncSession, *payloads: Event, source: str, aggregate: str | None = None
) -> list[Envelope]:
    """Put events in the outbox, inside the caller's transaction.

    They leave for the bus only if the transaction commits; the relay publishes them in
    commit order. Returns the envelopes written.
    """
    trace = current_trace_context()
    envelopes = [
        new_envelope(
            payload,
            source=source,
            subject=aggregate,
            traceparent=trace.get("traceparent"),
            tracestate=trace.get("tracestate"),
        )
        for payload in payloads
    ]
    rows: list[dict[str, Any]] = [
        {
            "event_id": envelope.id,
            "event_type": envelope.type,
            "subject": spec_of(type(payload)).subject,
            "aggregate": aggregate,
            "envelope": envelope.model_dump(mode="json"),
        }
        for envelope, payload in zip(envelopes, payloads, strict=True)
    ]
    if rows:
        await session.execute(insert(_OUTBOX), rows)
    return envelopes
