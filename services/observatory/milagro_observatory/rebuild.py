"""Replay: drop the projections and rebuild them from the streams, with a progress bar.

The observatory's durable consumers are deleted and created again from sequence 1, the
projections and their processed-event records emptied, and this process takes everything
the durables hold in large fetches and writes it in bulk, in one transaction
(`milagro_observatory.bulk`); then it consumes what came meanwhile through the live
handlers until the durables have caught up (running replicas, if any, share that work:
they re-bind). Releases wait meanwhile; the next one is measured against the last one
before the rebuild, so a replay that gives the same facts publishes nothing new. The live
headlines' tallies are left to one recount at the end (replicas settle theirs meanwhile;
the recount replaces them all).

Running replicas are safe because the projections do not depend on the order events
arrive in (tests/test_order.py): the TRUNCATE waits for any replica transaction in flight,
so each replica batch lands wholly before it (emptied with the rest and replayed) or
wholly after it (recorded processed, its redelivery from the new durable then skipped),
and either is one more delivery order; the bulk transaction takes the locks replicas'
batches take, so theirs land wholly before it (folded in: `bulk.write`) or after it.
Two rebuilds at once are refused: the second would empty the first's half-built
projections under it.
"""

import asyncio
import contextlib
import logging
import time
from functools import partial

from nats.js.errors import NotFoundError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import func, select, text, update

from milagro_kit import bus
from milagro_kit.consumer import ConsumerRunner
from milagro_kit.database import Database
from milagro_kit.retention import forget_processed
from milagro_kit.settings import Settings
from milagro_observatory import bulk
from milagro_observatory.handlers import CONSUMERS
from milagro_observatory.headlines import recount, settling
from milagro_observatory.releases import RELEASE_LOCK
from milagro_observatory.store import PROJECTIONS, projection_state
from milagro_observatory.watching import notify

log = logging.getLogger(__name__)

REBUILD_LOCK = 0x726562  # held by the one rebuild running
REPLAY_BATCH = 5000
"""Events fetched and applied per transaction while replaying: ten times a live batch, as
nobody waits for one of them to show."""


class RebuildRefused(Exception):
    """Another rebuild is running against this database."""


async def rebuild(settings: Settings, *, show: bool = True) -> float:
    """Rebuild every projection; returns the seconds it took."""
    started = time.monotonic()
    settings = settings.model_copy(
        update={"consumer_batch": max(settings.consumer_batch, REPLAY_BATCH)}
    )
    database = Database(settings.database_url.get_secret_value())
    nc = await bus.connect(settings, name="observatory-rebuild", persist=False)
    js = nc.jetstream()
    # No release may be cut from half-rebuilt projections: hold the releases' lock
    # (on a connection of its own) until the projections have caught up again.
    pause = await database.engine.connect()
    try:
        if not await pause.scalar(select(func.pg_try_advisory_lock(REBUILD_LOCK))):
            raise RebuildRefused(
                "another rebuild of the observatory's projections is running on this "
                "database; wait for it to finish (its progress bar) and run this one after, "
                "if still needed"
            )
        await pause.execute(select(func.pg_advisory_lock(RELEASE_LOCK)))
        totals = {}
        for consumer in CONSUMERS:
            with contextlib.suppress(NotFoundError):
                await js.delete_consumer(consumer.stream, consumer.name)
        async with database.transaction() as session:
            names = ", ".join(f'"{t.name}"' for t in PROJECTIONS)
            await session.execute(text(f"TRUNCATE {names}"))
            await forget_processed(session, [c.name for c in CONSUMERS])
            await session.execute(
                update(projection_state).values(version=projection_state.c.version + 1)
            )
        for consumer in CONSUMERS:
            await bus.provision_consumer(js, consumer.durable, settings)
            info = await js.consumer_info(consumer.stream, consumer.name)
            totals[consumer.name] = info.num_pending
        # the replay's transactions leave the headlines' tallies to one recount at the end
        token = settling.set(False)
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, disable=not show) as progress:
            tasks = {name: progress.add_task(name, total=total) for name, total in totals.items()}
            gathered = bulk.Gathered()
            for consumer in CONSUMERS:
                if not totals[consumer.name]:
                    continue  # an empty stream would only make the fetch wait
                advance = partial(progress.advance, tasks[consumer.name])
                unreadable = await bulk.fetch(js, consumer, gathered, advance)
                if unreadable:
                    log.warning("%s: %d unreadable events left out", consumer.name, unreadable)
            fetched = time.monotonic()
            writing = progress.add_task("writing in bulk", total=1)
            async with database.transaction() as session:
                await bulk.write(session, gathered)
            progress.advance(writing, 1)
            del gathered
            log.info(
                "fetched and read in %.1f s, written in bulk in %.1f s",
                fetched - started,
                time.monotonic() - fetched,
            )
            runners = [
                asyncio.create_task(ConsumerRunner(c, database, js, settings).run())
                for c in CONSUMERS
            ]
            settling.reset(token)
            while True:
                done = True
                for consumer in CONSUMERS:
                    info = await js.consumer_info(consumer.stream, consumer.name)
                    left = info.num_pending + info.num_ack_pending
                    progress.update(
                        tasks[consumer.name], completed=max(0, totals[consumer.name] - left)
                    )
                    done = done and left == 0
                if done:
                    break
                await asyncio.sleep(0.2)
        for runner in runners:
            runner.cancel()
        await asyncio.gather(*runners, return_exceptions=True)
        async with database.transaction() as session:
            await recount(session)
            # the bulk write and the recount bumped nothing: caches and live readers of
            # the version before them must see them
            await session.execute(
                update(projection_state).values(version=projection_state.c.version + 1)
            )
            await notify(session)
    finally:
        await pause.close()
        await nc.close()
        await database.close()
    return time.monotonic() - started
