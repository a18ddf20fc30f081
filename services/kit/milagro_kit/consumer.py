"""Idempotent event consumers: "on this event, do that", exactly once in effect.

A `Consumer` names a durable pull consumer and maps event classes to handlers. The
runner fetches a batch, records `(consumer, event id)` in `processed_events` in the same
transaction as the handlers' effects, commits, and only then acks. Redelivery is
harmless; a batch that fails is retried one event at a time so one poison event cannot
hold the others back; after `max_deliver` attempts (or at once, for an event that can
never be read) the event goes to `milagro.deadletter.<consumer>` with its reason. The
records are pruned after `MILAGRO_PROCESSED_KEEP_DAYS`; a replay of events older than that
is recognised by the consumer's checkpoint (`milagro_kit.retention`).

The fetch loop is nats-py's, not faststream's (which declares the same consumers, in
`milagro_kit.broker`, for its AsyncAPI document and in-memory tests). Measured in one run
(bench/faststream_vs_natspy.py; bench/RESULTS.md, "faststream"): throughput is about the
same (faststream's batch subscriber driving this runner: 93% of the kit's loop), but
faststream holds a partial batch until its timeout, so on a quiet bus an event waits
p50 296 ms (kit: 3 ms) with the timeout at 0.5 s; at 50 ms it spins pull requests and one
event in 90 waited 30 s (fetched by a request that had timed out, redelivered after
ack_wait). Its OpenTelemetry middleware starts a new trace per batch (linked by a
correlation id our events do not carry) where this runner continues the publisher's.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from nats.aio.msg import Msg
from nats.errors import NotJSMessageError
from nats.js import JetStreamContext
from opentelemetry import metrics, propagate, trace
from pydantic import ValidationError
from sqlalchemy import MetaData
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import CATALOGUE, Envelope, Event
from milagro_contracts.catalogue import DEAD_LETTER_PREFIX
from milagro_kit import retention
from milagro_kit.bus import DurableConsumer
from milagro_kit.database import Database, unreachable
from milagro_kit.outbox import add_kit_tables
from milagro_kit.settings import Settings

log = logging.getLogger(__name__)
tracer = trace.get_tracer("milagro.consumer")
meter = metrics.get_meter("milagro.consumer")
consumed = meter.create_counter("milagro_events_consumed", description="Events handled")
dead_lettered = meter.create_counter("milagro_dead_letters", description="Events given up on")
pending = meter.create_gauge(
    "milagro_consumer_pending",
    description="Messages on the stream this durable consumer has yet to be given (its lag)",
)

_PROCESSED = add_kit_tables(MetaData())[1]
_CLAIM = pg_insert(_PROCESSED).on_conflict_do_nothing().returning(_PROCESSED.c.event_id)

E = TypeVar("E", bound=Event)


@dataclass(frozen=True)
class Received(Generic[E]):
    """One event as a handler sees it: the typed payload and its envelope."""

    payload: E
    envelope: Envelope


Handler = Callable[[AsyncSession, Sequence[Received[Any]]], Awaitable[None]]


@dataclass
class Consumer:
    """A durable consumer and its handlers, one per event class.

    A handler gets consecutive events of its class in one call (in stream order) so it
    can write them in bulk; it runs inside the transaction that records them processed.
    With `by_type=True` a handler gets every event of its class in the batch in one call
    (still in stream order), the handlers called in the order they were registered: far
    fewer statements for an interleaved stream, for consumers whose handlers do not
    depend on the stream order across classes beyond that registration order.
    """

    name: str
    stream: str
    handlers: dict[str, Handler] = field(default_factory=dict)
    by_type: bool = False
    after: list[Handler] = field(default_factory=list)

    def on(self, payload: type[E]) -> Callable[[Handler], Handler]:
        """Register the handler of one event class."""
        spec = next(s for s in CATALOGUE.values() if s.payload is payload)

        def register(handler: Handler) -> Handler:
            self.handlers[spec.type] = handler
            return handler

        return register

    def after_batch(self, hook: Handler) -> Handler:
        """Register a function run once per transaction, after the handlers, with every
        new event of the batch: what a projection does once per batch whatever the events
        (mark itself changed, refresh something), said once instead of in every handler."""
        self.after.append(hook)
        return hook

    @property
    def durable(self) -> DurableConsumer:
        subjects = sorted({CATALOGUE[t].subject for t in self.handlers})
        return DurableConsumer(self.name, self.stream, tuple(subjects))


class Unreadable(Exception):
    """An event that no retry can fix: malformed, unknown type or invalid payload."""


@dataclass
class _Delivery:
    msg: Msg
    received: Received[Any] | None = None
    reason: str | None = None


def read(msg: Msg) -> Received[Any]:
    """Decode a message into a typed event, or raise Unreadable with the reason."""
    try:
        envelope = Envelope.model_validate_json(msg.data)
    except ValidationError as exc:
        raise Unreadable(f"not a CloudEvents envelope: {_first_error(exc)}") from exc
    spec = CATALOGUE.get(envelope.type)
    if spec is None:
        raise Unreadable(f"unknown event type {envelope.type!r}")
    try:
        payload = spec.parse(envelope.data)
    except ValidationError as exc:
        raise Unreadable(f"invalid {envelope.type} payload: {_first_error(exc)}") from exc
    return Received(payload, envelope)


def _stored(msg: Msg) -> tuple[int, datetime] | None:
    """A JetStream message's stream sequence and the time it was stored (None for a
    message that did not come from a stream: `milagro_kit.testing.in_memory`'s, or a
    test's stand-in without metadata)."""
    try:
        metadata = msg.metadata
    except (NotJSMessageError, AttributeError):
        return None
    return metadata.sequence.stream, metadata.timestamp


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    return f"{'.'.join(map(str, error['loc'])) or 'body'}: {error['msg']}"


class ConsumerRunner:
    """Runs one `Consumer` against its durable consumer until cancelled."""

    def __init__(
        self, consumer: Consumer, database: Database, js: JetStreamContext, settings: Settings
    ) -> None:
        self.consumer = consumer
        self.database = database
        self.js = js
        self.settings = settings

    async def run(self) -> None:
        """Fetch and handle batches for ever, re-binding after any bus failure."""
        while True:
            try:
                subscription = await self.js.pull_subscribe_bind(
                    durable=self.consumer.name, stream=self.consumer.stream
                )
                while True:
                    try:
                        msgs = await subscription.fetch(
                            self.settings.consumer_batch,
                            timeout=self.settings.consumer_fetch_timeout_s,
                        )
                    except TimeoutError:  # nothing left to give
                        pending.set(0, {"consumer": self.consumer.name})
                        continue
                    if not msgs:  # a fetch can end empty without a timeout
                        continue
                    await self.handle(msgs)
                    # as the server counted when it sent the batch's last message
                    lag = msgs[-1].metadata.num_pending
                    pending.set(lag, {"consumer": self.consumer.name})
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # nats.py issue 504: a pull subscription may not survive a server restart;
                # bind a fresh one rather than trusting the old.
                log.warning("consumer %s: %r; re-binding", self.consumer.name, exc)
                await asyncio.sleep(0.5)

    async def handle(self, msgs: Sequence[Msg]) -> None:
        """Handle one fetched batch: all in one transaction, or one by one if that fails."""
        deliveries = [self._read(msg) for msg in msgs]
        readable = [d for d in deliveries if d.received is not None]
        for delivery in deliveries:
            if delivery.reason is not None:
                await self._dead_letter(delivery.msg, delivery.reason)
        if not readable:
            return
        try:
            await self._apply_patiently(readable)
        except Exception as exc:
            if len(readable) == 1:
                await self._retry_or_dead_letter(readable[0].msg, exc)
                return
            for delivery in readable:
                try:
                    await self._apply_patiently([delivery])
                except Exception as one_exc:
                    await self._retry_or_dead_letter(delivery.msg, one_exc)
                else:
                    await delivery.msg.ack()
            return
        for delivery in readable:
            await delivery.msg.ack()

    async def _apply_patiently(self, deliveries: Sequence[_Delivery]) -> None:
        """Apply; while the database is unreachable, hold the messages and try again.

        An outage is no fault of the events: it must not spend their delivery attempts,
        let alone dead-letter them.
        """
        delay = 0.2
        while True:
            try:
                await self._apply(deliveries)
                return
            except Exception as exc:
                if not unreachable(exc):
                    raise
                log.warning(
                    "consumer %s: database unreachable (%r); holding %d events",
                    self.consumer.name,
                    exc,
                    len(deliveries),
                )
            for delivery in deliveries:
                with contextlib.suppress(Exception):
                    await delivery.msg.in_progress()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    def _read(self, msg: Msg) -> _Delivery:
        try:
            received = read(msg)
        except Unreadable as exc:
            return _Delivery(msg, reason=str(exc))
        if received.envelope.type not in self.consumer.handlers:
            return _Delivery(msg, reason=f"{self.consumer.name} has no handler for this type")
        return _Delivery(msg, received=received)

    async def _apply(self, deliveries: Sequence[_Delivery]) -> None:
        """Record the batch processed and run the handlers for its new events, atomically."""
        events = [d.received for d in deliveries if d.received is not None]
        # a child of the relay's publish span (the message's headers), else of the request
        # (the envelope); the batch's other events are links to their own traces
        contexts = [
            trace.get_current_span(propagate.extract(self._trace_carrier(d))).get_span_context()
            for d in deliveries
            if d.received is not None
        ]
        parent = trace.set_span_in_context(trace.NonRecordingSpan(contexts[0]))
        links = [trace.Link(c) for c in contexts[1:] if c.is_valid]
        with tracer.start_as_current_span(
            f"{self.consumer.name} process",
            context=parent,
            kind=trace.SpanKind.CONSUMER,
            links=links,
        ) as span:
            span.set_attribute("messaging.batch.message_count", len(events))
            async with self.database.transaction() as session:
                fresh = await self._claim(session, events)
                fresh -= await self._replayed(session, deliveries, fresh)
                handled = len(fresh)
                new: list[Received[Any]] = []
                for event in events:
                    if event.envelope.id not in fresh:
                        continue
                    fresh.discard(event.envelope.id)  # a copy later in this batch is a duplicate
                    new.append(event)
                for run in self._runs(new):
                    await self.consumer.handlers[run[0].envelope.type](session, run)
                if new:
                    for hook in self.consumer.after:
                        await hook(session, new)
        consumed.add(handled, {"consumer": self.consumer.name})

    @staticmethod
    def _trace_carrier(delivery: _Delivery) -> dict[str, str]:
        headers = delivery.msg.headers or {}
        if "traceparent" in headers:
            return {"traceparent": headers["traceparent"]}
        assert delivery.received is not None
        return {"traceparent": delivery.received.envelope.traceparent or ""}

    def _runs(self, events: Sequence[Received[Any]]) -> list[list[Received[Any]]]:
        """The handler calls for a batch: runs of one class (all of it with `by_type`)."""
        if self.consumer.by_type:
            groups: dict[str, list[Received[Any]]] = {t: [] for t in self.consumer.handlers}
            for event in events:
                groups[event.envelope.type].append(event)
            return [run for run in groups.values() if run]
        runs: list[list[Received[Any]]] = []
        for event in events:
            if runs and runs[-1][0].envelope.type == event.envelope.type:
                runs[-1].append(event)
            else:
                runs.append([event])
        return runs

    async def _claim(self, session: AsyncSession, events: Sequence[Received[Any]]) -> set[Any]:
        """Insert (consumer, event id) for each event; returns the ids not seen before."""
        rows = [{"consumer": self.consumer.name, "event_id": e.envelope.id} for e in events]
        # executemany of one cached statement (batched into multi-row VALUES by SQLAlchemy):
        # compiling a fresh multi-row VALUES for every batch costs more than the insert.
        return set((await session.execute(_CLAIM, rows)).scalars())

    async def _replayed(
        self, session: AsyncSession, deliveries: Sequence[_Delivery], fresh: set[Any]
    ) -> set[Any]:
        """The fresh-looking events that replay ones processed before their records were
        pruned (`milagro_kit.retention`). Only a message stored before the records kept
        (with an hour's margin for clocks) can be one, so only those are looked up."""
        kept = timedelta(days=self.settings.processed_keep_days) - timedelta(hours=1)
        horizon = datetime.now(UTC) - kept
        old = [
            (d, stored)
            for d in deliveries
            if d.received is not None
            and d.received.envelope.id in fresh
            and (stored := _stored(d.msg)) is not None
            and stored[1] < horizon
        ]
        if not old:
            return set()
        within = await retention.covered(session, self.consumer.name, [s for _, s in old])
        return {
            d.received.envelope.id
            for (d, _), w in zip(old, within, strict=True)
            if w and d.received
        }

    async def _retry_or_dead_letter(self, msg: Msg, exc: Exception) -> None:
        attempt = msg.metadata.num_delivered
        if attempt >= self.settings.consumer_max_deliver:
            await self._dead_letter(msg, f"failed {attempt} times; last error: {exc!r}")
        else:
            log.warning("consumer %s: attempt %d failed: %r", self.consumer.name, attempt, exc)
            await msg.nak(delay=self.settings.consumer_nak_delay_s * attempt)

    async def _dead_letter(self, msg: Msg, reason: str) -> None:
        """Park the event on the dead-letter subject with its reason, then let it go."""
        meta = msg.metadata
        headers = {
            **(msg.headers or {}),
            "Nats-Msg-Id": f"{self.consumer.name}:{meta.stream}:{meta.sequence.stream}",
            "Milagro-Dead-Letter-Reason": reason[:1000],
            "Milagro-Consumer": self.consumer.name,
            "Milagro-Original-Subject": msg.subject,
            "Milagro-Original-Sequence": str(meta.sequence.stream),
        }
        await self.js.publish(
            f"{DEAD_LETTER_PREFIX}.{self.consumer.name}", msg.data, headers=headers
        )
        await msg.term()
        dead_lettered.add(1, {"consumer": self.consumer.name})
        log.error("consumer %s dead-lettered %s: %s", self.consumer.name, msg.subject, reason)
