"""The outbox relay: publishes committed outbox rows to JetStream, in commit order.

Each row is published with `Nats-Msg-Id` = event id (JetStream drops a duplicate inside
the stream's window), its PubAck awaited, then marked sent. The relay wakes on
LISTEN/NOTIFY and also polls, so a lost notification never strands an event. Only one
relay per database publishes at a time (an advisory lock), which keeps per-aggregate
order with any number of replicas.

Published with nats-py's `publish_async`, not faststream's publisher: faststream's
JetStream publish awaits each PubAck before sending the next message, which gave 59% of
this relay's rate in the same run (bench/faststream_vs_natspy.py; bench/RESULTS.md,
"faststream"); publishing concurrently instead would give up commit order.
"""

import asyncio
import contextlib
import logging
import time
from typing import Any

from nats.js import JetStreamContext
from opentelemetry import metrics, propagate, trace
from sqlalchemy import text

from milagro_kit.database import Database, listen
from milagro_kit.outbox import NOTIFY_CHANNEL
from milagro_kit.settings import Settings

log = logging.getLogger(__name__)
meter = metrics.get_meter("milagro.relay")
published = meter.create_counter("milagro_events_published", description="Events relayed")
backlog = meter.create_gauge(
    "milagro_outbox_backlog", description="Outbox rows not yet published (counted each second)"
)
tracer = trace.get_tracer("milagro.relay")

_BACKLOG = text("SELECT count(*) FROM outbox WHERE published_at IS NULL")
_BACKLOG_EVERY_S = 1.0  # a count per batch would scan a long backlog's index each time

_RELAY_LOCK = 0x6D696C6167726F  # "milagro": one publishing relay per service database

_CLAIM = text(
    """
    SELECT id, event_id::text AS event_id, event_type, nats_subject, envelope::text AS body,
           envelope->>'traceparent' AS traceparent
    FROM outbox WHERE published_at IS NULL
    ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
    """
)
_MARK_SENT = text("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)")
_MARK_FAILED = text(
    "UPDATE outbox SET attempts = attempts + 1, last_error = :error WHERE id = ANY(:ids)"
)


class OutboxRelay:
    """Moves outbox rows onto the bus until stopped."""

    def __init__(self, database: Database, js: JetStreamContext, settings: Settings) -> None:
        self.database = database
        self.js = js
        self.settings = settings
        self._wake = asyncio.Event()
        self._counted_at = 0.0

    async def run(self) -> None:
        """Relay for ever: a batch after each NOTIFY, and at least every poll interval."""
        listener = asyncio.create_task(listen(self.database.url, NOTIFY_CHANNEL, self._wake))
        try:
            while True:
                try:
                    sent = await self.relay_once()
                except Exception:
                    log.exception("outbox relay batch failed; retrying")
                    sent = 0
                    await asyncio.sleep(self.settings.relay_poll_interval_s)
                if sent < self.settings.relay_batch:
                    # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow
                    # a cancellation that races its timeout, and shutdown would hang.
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(self.settings.relay_poll_interval_s):
                            await self._wake.wait()
                    self._wake.clear()
        finally:
            listener.cancel()

    async def relay_once(self) -> int:
        """Publish one batch of unpublished rows; returns how many were marked sent."""
        async with self.database.transaction() as session:
            locked = await session.scalar(
                text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _RELAY_LOCK}
            )
            service = {"service": self.settings.service}
            if not locked:
                backlog.set(0, service)  # the relaying replica counts it (`max by service`)
                return 0
            rows = (await session.execute(_CLAIM, {"limit": self.settings.relay_batch})).all()
            if not rows:
                backlog.set(0, service)
                return 0
            sent_ids, failed_ids, error = await self._publish(rows)
            if sent_ids:
                await session.execute(_MARK_SENT, {"ids": sent_ids})
            if failed_ids:
                await session.execute(_MARK_FAILED, {"ids": failed_ids, "error": error})
            if time.monotonic() - self._counted_at >= _BACKLOG_EVERY_S:
                self._counted_at = time.monotonic()
                backlog.set(await session.scalar(_BACKLOG) or 0, service)
        published.add(len(sent_ids), {"service": self.settings.service})
        if failed_ids:
            log.warning("relay: %d events not acknowledged: %s", len(failed_ids), error)
            await asyncio.sleep(self.settings.relay_poll_interval_s)
        return len(sent_ids)

    async def _publish(self, rows: Any) -> tuple[list[int], list[int], str | None]:
        """Publish rows in order; only the acknowledged prefix counts as sent."""
        futures = []
        spans = [self._span(row) for row in rows]
        try:
            for row, span in zip(rows, spans, strict=True):
                headers = {"Nats-Msg-Id": row.event_id, "ce-type": row.event_type}
                if span is not None:
                    # the consumers' spans are children of this one (the request's grandchildren)
                    headers["traceparent"] = _traceparent(span.get_span_context())
                try:
                    futures.append(
                        await self.js.publish_async(
                            row.nats_subject, row.body.encode(), headers=headers, wait_stall=1.0
                        )
                    )
                except Exception as exc:  # the connection is down: stop here, retry later
                    return [], [row.id for row in rows], repr(exc)
            sent: list[int] = []
            for row, future, span in zip(rows, futures, spans, strict=False):
                try:
                    async with asyncio.timeout(self.settings.relay_publish_timeout_s):
                        await future
                except Exception as exc:
                    if span is not None:
                        span.set_status(trace.StatusCode.ERROR, repr(exc))
                    return sent, [r.id for r in rows[len(sent) :]], repr(exc)
                if span is not None:
                    span.end()
                sent.append(row.id)
            return sent, [], None
        finally:
            for span in spans:
                if span is not None and span.is_recording():  # not acknowledged
                    span.end()

    @staticmethod
    def _span(row: Any) -> trace.Span | None:
        """The publishing of one outbox row in the trace of the request that wrote it; none
        for a row written outside any trace (a command's), which has no story to continue."""
        if not row.traceparent:
            return None
        return tracer.start_span(
            f"{row.nats_subject} publish",
            context=propagate.extract({"traceparent": row.traceparent}),
            kind=trace.SpanKind.PRODUCER,
            attributes={
                "messaging.system": "nats",
                "messaging.destination.name": row.nats_subject,
                "messaging.message.id": row.event_id,
                "milagro.outbox.row": row.id,
            },
        )


def _traceparent(context: trace.SpanContext) -> str:
    """W3C traceparent of a span (what propagate.inject writes, without its overhead)."""
    return f"00-{context.trace_id:032x}-{context.span_id:016x}-{context.trace_flags:02x}"
