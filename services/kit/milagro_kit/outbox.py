"""The transactional outbox: a service records events in the same transaction as its change.

Every service's metadata gets the kit's two tables (`outbox` and `processed_events`) from
`add_kit_tables`; its migrations create and change them with the steps in
`milagro_kit.kit_migrations`. A route records events through the `Outbox` dependency
(`await outbox.record(event, aggregate=...)`); the relay does the rest.

Two subjects, two names: `nats_subject` is where the relay publishes an event on the bus
(`milagro.registry.participant.registered`); `aggregate` is the CloudEvents `subject`,
the thing the event is about (`participant:<id>`), which also keeps one aggregate's
events in order.
"""

from typing import Any

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
from milagro_kit.database import rows_insert, rows_json

NOTIFY_CHANNEL = "milagro_outbox"


def add_kit_tables(metadata: MetaData) -> tuple[Table, Table, Table]:
    """Add the outbox, the processed-event record and the consumers' checkpoints (what
    pruning the record leaves behind, `milagro_kit.retention`) to a service's metadata."""
    outbox = Table(
        "outbox",
        metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("nats_subject", String(200), nullable=False),
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
        Index("processed_events_age", "consumer", "processed_at"),
    )
    checkpoints = Table(
        "consumer_checkpoints",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("stream_sequence", BigInteger, nullable=False),
        Column("taken_at", DateTime(timezone=True), nullable=False),
    )
    return outbox, processed, checkpoints


_OUTBOX = add_kit_tables(MetaData())[0]
OUTBOX_ROWS = rows_insert(
    _OUTBOX, ("event_id", "event_type", "nats_subject", "aggregate", "envelope"), "outbox_rows"
)
"""The INSERT of the outbox rows in parameter `outbox_rows` (`EventOutbox.rows`)."""


def current_trace_context() -> dict[str, str]:
    """The W3C trace context of the current span, to carry across the bus."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier


def outbox_rows(
    *payloads: Event, source: str, aggregate: str | None = None
) -> tuple[list[Envelope], list[dict[str, Any]]]:
    """The envelopes of these events (carrying the current trace context) and their
    outbox rows, not yet written."""
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
            "nats_subject": spec_of(type(payload)).subject,
            "aggregate": aggregate,
            "envelope": envelope.model_dump(mode="json"),
        }
        for envelope, payload in zip(envelopes, payloads, strict=True)
    ]
    return envelopes, rows


async def record(
    session: AsyncSession, *payloads: Event, source: str, aggregate: str | None = None
) -> list[Envelope]:
    """Put events in the outbox, inside the caller's transaction.

    They leave for the bus only if the transaction commits; the relay publishes them in
    commit order. Returns the envelopes written.
    """
    envelopes, rows = outbox_rows(*payloads, source=source, aggregate=aggregate)
    if rows:
        await session.execute(insert(_OUTBOX), rows)
    return envelopes


class EventOutbox:
    """The outbox as a route sees it: bound to the request's session and to the service's
    CloudEvents source (take it as `outbox: Outbox` from `milagro_kit.service`)."""

    def __init__(self, session: AsyncSession, source: str) -> None:
        self.session = session
        self.source = source

    async def record(self, *payloads: Event, aggregate: str | None = None) -> list[Envelope]:
        """Record events of this request's change; `aggregate` is what they are about."""
        return await record(self.session, *payloads, source=self.source, aggregate=aggregate)

    def rows(self, *payloads: Event, aggregate: str | None = None) -> str:
        """These events' outbox rows as the parameter of `OUTBOX_ROWS`, for a write path
        that sends its change and its events in one statement (data-modifying CTEs, one
        round trip), still inside this request's transaction."""
        return rows_json(outbox_rows(*payloads, source=self.source, aggregate=aggregate)[1])
