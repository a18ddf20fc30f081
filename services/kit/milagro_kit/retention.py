"""Retention of the kit's tables: published outbox rows and processed-event records are
deleted on a schedule, so neither grows with every event for ever.

Every service prunes every `MILAGRO_PRUNE_INTERVAL_S` (a task of its process,
`keep_pruning`) and on demand (`milagro-<service> prune`):

- **Outbox**: rows published more than `MILAGRO_OUTBOX_KEEP_DAYS` ago. The relay never
  reads a published row again, and a row not yet published (never acknowledged by
  JetStream) is never deleted, so nothing can be lost or sent twice by pruning.
- **Processed events**: a consumer's records older than `MILAGRO_PROCESSED_KEEP_DAYS`,
  and only those its checkpoint covers. Exactly-once stays intact because an event can
  come back in three ways, each covered:

  1. *JetStream redelivers* an event whose ack was lost: within `ack_wait` times
     `max_deliver` (minutes), long before its record is old enough to go.
  2. *A copy* of an event: the relay publishes a row again if it stopped between the
     PubAck and marking the row sent. JetStream drops the copy within the stream's
     duplicate window (`MILAGRO_STREAM_DUPLICATE_WINDOW_S`, 10 min); after it, only the
     record stops it, so the records are kept far longer (30 days by default) than any
     relay stays down with a row in that state.
  3. *A replay* of the stream (a durable consumer deleted and made again delivers
     everything from the start): before deleting, pruning takes a **checkpoint** of the
     consumer from JetStream: if nothing awaits an ack, every message up to the last
     delivered stream sequence is handled, so `(sequence, time)` says "all of the stream
     up to here was processed before this time". Only records older than the checkpoint's
     time are deleted (each of their events is within its sequence), and the runner
     treats a message at or below the checkpoint's sequence, stored before its time, as
     seen (`ConsumerRunner`): a replay after pruning counts once. It looks the checkpoint
     up only for a message older than the records kept, so the usual batch pays nothing.
     (A stream made anew restarts its sequences; its messages are newer than any
     checkpoint, so none is mistaken for a replay. A replay also skips an event that was
     dead-lettered: it is in the DEADLETTER stream already.)

The observatory's rebuild forgets both a consumer's records and its checkpoint
(`forget_processed`) before it replays on purpose. `milagro_kit_table_rows` and
`milagro_kit_table_bytes` (by table) show the sizes after each pruning.
"""

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from nats.js import JetStreamContext
from nats.js.api import ConsumerInfo
from nats.js.errors import NotFoundError
from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation
from sqlalchemy import CursorResult, MetaData, TextClause, delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.bus import DurableConsumer
from milagro_kit.database import Database
from milagro_kit.outbox import add_kit_tables
from milagro_kit.settings import Settings

log = logging.getLogger(__name__)

_, _PROCESSED, _CHECKPOINTS = add_kit_tables(MetaData())
TABLES = ("outbox", "processed_events")

_PRUNE_OUTBOX = text(
    """
    DELETE FROM outbox WHERE id IN (
        SELECT id FROM outbox WHERE published_at < now() - make_interval(secs => :keep_s)
        ORDER BY id LIMIT :batch)
    """
)
_PRUNE_PROCESSED = text(
    """
    DELETE FROM processed_events WHERE consumer = :consumer AND event_id IN (
        SELECT event_id FROM processed_events
        WHERE consumer = :consumer AND processed_at < :before LIMIT :batch)
    """
)
_SIZES = text(
    """
    SELECT relname, greatest(reltuples, 0)::bigint AS rows, pg_total_relation_size(oid) AS bytes
    FROM pg_class WHERE relname = ANY(:tables) AND relkind = 'r'
    """
)
# Refreshed by each pruning, read by the Prometheus scrape.
_sizes: dict[tuple[str, str], tuple[int, int]] = {}


def _observe(index: int) -> Callable[[CallbackOptions], Iterable[Observation]]:
    def observe(options: CallbackOptions) -> Iterable[Observation]:
        return [
            Observation(size[index], {"service": service, "table": table})
            for (service, table), size in _sizes.items()
        ]

    return observe


meter = metrics.get_meter("milagro.retention")
meter.create_observable_gauge(
    "milagro_kit_table_rows", [_observe(0)], description="Rows (estimated) of a kit table"
)
meter.create_observable_gauge(
    "milagro_kit_table_bytes", [_observe(1)], unit="By", description="Size of a kit table"
)


@dataclass(frozen=True)
class Pruned:
    """What one pruning deleted, and the tables' sizes after it."""

    outbox: int
    processed: int
    sizes: dict[str, tuple[int, int]]

    def __str__(self) -> str:
        sizes = ", ".join(
            f"{t} {rows} rows {size // 1024} KiB" for t, (rows, size) in self.sizes.items()
        )
        return (
            f"pruned {self.outbox} outbox rows, {self.processed} processed-event records ({sizes})"
        )


async def checkpoint(
    database: Database, js: JetStreamContext, consumer: DurableConsumer
) -> datetime | None:
    """Record how far a consumer has handled its stream, if it has nothing awaiting an
    ack right now; returns the time of its checkpoint (None: it has none yet).

    The time is read before the consumer's state: anything processed before it was
    delivered before the state was read, so its sequence is within the checkpoint's.
    """
    now = await _database_now(database)
    try:
        info: ConsumerInfo | None = await js.consumer_info(consumer.stream, consumer.name)
    except NotFoundError:  # not provisioned (yet, or again): no new checkpoint
        info = None
    async with database.transaction() as session:
        if info is not None and info.num_ack_pending == 0 and info.delivered is not None:
            row = {"consumer": consumer.name, "stream_sequence": info.delivered.stream_seq}
            upsert = pg_insert(_CHECKPOINTS).values(**row, taken_at=now)
            await session.execute(
                upsert.on_conflict_do_update(
                    index_elements=["consumer"],
                    set_={"stream_sequence": upsert.excluded.stream_sequence, "taken_at": now},
                )
            )
            return now
        taken: datetime | None = await session.scalar(
            select(_CHECKPOINTS.c.taken_at).where(_CHECKPOINTS.c.consumer == consumer.name)
        )
        return taken


async def _database_now(database: Database) -> datetime:
    """The database's clock, which also stamps `processed_at`."""
    async with database.transaction() as session:
        return cast(datetime, await session.scalar(select(func.now())))


async def prune(
    database: Database,
    js: JetStreamContext,
    consumers: Sequence[DurableConsumer],
    settings: Settings,
) -> Pruned:
    """Delete what is no longer needed, a batch per statement (short locks)."""
    batch = settings.prune_batch
    keep_s = settings.outbox_keep_days * 86400
    outbox = await _drain(database, _PRUNE_OUTBOX, batch=batch, keep_s=keep_s)
    processed = 0
    for consumer in consumers:
        covered = await checkpoint(database, js, consumer)
        if covered is None:
            continue
        now = await _database_now(database)
        before = min(covered, now - timedelta(days=settings.processed_keep_days))
        processed += await _drain(
            database, _PRUNE_PROCESSED, batch=batch, consumer=consumer.name, before=before
        )
    if outbox or processed:
        async with database.transaction() as session:  # fresh estimates, for sizes and plans
            await session.execute(text(f"ANALYZE {', '.join(TABLES)}"))
    return Pruned(outbox, processed, await measure(database, settings))


async def _drain(database: Database, statement: TextClause, **parameters: object) -> int:
    """Run a batched DELETE until it deletes less than a batch; returns the rows deleted."""
    deleted = 0
    while True:
        async with database.transaction() as session:
            result = cast(CursorResult[Any], await session.execute(statement, parameters))
        deleted += result.rowcount
        if result.rowcount < cast(int, parameters["batch"]):
            return deleted


async def measure(database: Database, settings: Settings) -> dict[str, tuple[int, int]]:
    """Rows (the planner's estimate, free to read) and bytes of the kit's tables, also
    kept for the metrics."""
    async with database.transaction() as session:
        rows = (await session.execute(_SIZES, {"tables": list(TABLES)})).all()
    sizes = {row.relname: (int(row.rows), int(row.bytes)) for row in rows}
    _sizes.update({(settings.service, table): size for table, size in sizes.items()})
    return sizes


async def keep_pruning(
    database: Database,
    js: JetStreamContext,
    consumers: Sequence[DurableConsumer],
    settings: Settings,
) -> None:
    """Prune every `prune_interval_s` (the first time after a random part of it, so
    replicas started together spread out) until cancelled; a failure waits for the next."""
    with contextlib.suppress(Exception):  # sizes in the metrics from the start
        await measure(database, settings)
    await asyncio.sleep(random.uniform(0, settings.prune_interval_s))
    while True:
        try:
            log.info("%s", await prune(database, js, consumers, settings))
        except Exception:
            log.exception(
                "pruning the kit's tables failed; trying again in %.0f s", settings.prune_interval_s
            )
        await asyncio.sleep(settings.prune_interval_s)


async def covered(
    session: AsyncSession, consumer: str, sequence_and_time: Sequence[tuple[int, datetime]]
) -> list[bool]:
    """Whether each message (stream sequence, time stored) is within the consumer's
    checkpoint: a replay of something processed whose record may have been pruned."""
    row = (
        await session.execute(
            select(_CHECKPOINTS.c.stream_sequence, _CHECKPOINTS.c.taken_at).where(
                _CHECKPOINTS.c.consumer == consumer
            )
        )
    ).one_or_none()
    if row is None:
        return [False] * len(sequence_and_time)
    return [seq <= row.stream_sequence and at <= row.taken_at for seq, at in sequence_and_time]


async def forget_processed(session: AsyncSession, consumers: Iterable[str]) -> None:
    """Forget what these consumers processed, records and checkpoints, before replaying
    their streams on purpose (the observatory's rebuild)."""
    names = list(consumers)
    await session.execute(delete(_PROCESSED).where(_PROCESSED.c.consumer.in_(names)))
    await session.execute(delete(_CHECKPOINTS).where(_CHECKPOINTS.c.consumer.in_(names)))
