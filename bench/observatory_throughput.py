"""Observatory projection throughput against a bare nats-py pull consumer, same streams.

    uv run python bench/observatory_throughput.py [--events 200000] [--runs 3]

N events of a realistic mix of the three streams (bench/observatory_mix.py) are published
straight to JetStream first (untimed). Then, per run and in the same process (uvloop):

  baseline     one bare nats-py pull consumer per stream (fetch 500, json-parse + ack each
               message, no work), the three running concurrently;
  observatory  the observatory's three real `Consumer`s run by the kit's `ConsumerRunner`
               (batch fetch, typed parse, processed_events claim, bulk upserts, one
               transaction per batch, ack after commit) against a migrated observatory
               database, emptied before each run.

Both are timed from start until every event is acked. Bar (quality.md): observatory
events/s >= 50% of the baseline's.
"""

import argparse
import asyncio
import contextlib
import gc
import json
import statistics
import time
from collections.abc import Sequence
from typing import Any

import psutil
import uvloop
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from observatory_mix import (
    empty_projections,
    fresh_durables,
    generate,
    observatory_database,
    publish,
    reset_streams,
    start_servers,
    timed,
)
from sqlalchemy import func, select

from milagro_contracts import STREAMS
from milagro_kit import bus
from milagro_kit.bus import DurableConsumer
from milagro_kit.consumer import ConsumerRunner
from milagro_kit.database import Database
from milagro_kit.settings import Settings
from milagro_observatory.handlers import CONSUMERS
from milagro_observatory.headlines import settling
from milagro_observatory.store import facts


def cpu_seconds(postgres_pid: int) -> tuple[float, float]:
    """CPU seconds used so far by this process, and by PostgreSQL (all its backends)."""
    me = psutil.Process().cpu_times()
    pg = psutil.Process(postgres_pid)
    total = 0.0
    for p in [pg, *pg.children(recursive=True)]:
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return me.user + me.system, total


class Countdown:
    def __init__(self, total: int) -> None:
        self.left = total
        self.done = asyncio.Event()

    def add(self, n: int) -> None:
        self.left -= n
        if self.left <= 0:
            self.done.set()


class CountingRunner(ConsumerRunner):
    """The kit's runner, unchanged, counting handled messages."""

    countdown: Countdown

    async def handle(self, msgs: Sequence[Msg]) -> None:
        await super().handle(msgs)
        self.countdown.add(len(msgs))


async def bare(js: JetStreamContext, name: str, stream: str, countdown: Countdown) -> None:
    subscription = await js.pull_subscribe_bind(durable=name, stream=stream)
    while True:
        try:
            msgs = await subscription.fetch(500, timeout=0.5)
        except TimeoutError:
            continue
        for msg in msgs:
            json.loads(msg.data)
            await msg.ack()
        countdown.add(len(msgs))


async def baseline(js: JetStreamContext, settings: Settings, total: int) -> float:
    streams = [s for s in STREAMS if s.name != "DEADLETTER"]
    for s in streams:
        name = f"bench-bare-{s.name.lower()}"
        with contextlib.suppress(NotFoundError):
            await js.delete_consumer(s.name, name)
        await bus.provision_consumer(js, DurableConsumer(name, s.name, s.subjects), settings)
    countdown = Countdown(total)
    started = time.perf_counter()
    tasks = [
        asyncio.create_task(bare(js, f"bench-bare-{s.name.lower()}", s.name, countdown))
        for s in streams
    ]
    await countdown.done.wait()
    elapsed = time.perf_counter() - started
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return total / elapsed


async def observatory(
    js: JetStreamContext, database: Database, settings: Settings, total: int, tallies: bool = True
) -> float:
    """Project every event; `tallies=False` leaves the live headlines' tallies out (as a
    rebuild's replay does, which counts them once at the end)."""
    await empty_projections(database)
    await fresh_durables(js, settings)
    countdown = Countdown(total)
    runners = []
    for consumer in CONSUMERS:
        runner = CountingRunner(consumer, database, js, settings)
        runner.countdown = countdown
        runners.append(runner)
    started = time.perf_counter()
    token = settling.set(tallies)
    tasks = [asyncio.create_task(r.run()) for r in runners]
    settling.reset(token)
    await countdown.done.wait()
    elapsed = time.perf_counter() - started
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return total / elapsed


async def main(events: int, runs: int) -> None:
    servers = start_servers("bench-obs-throughput-")
    try:
        url = await observatory_database(servers.postgres.url)
        settings = Settings(service="observatory", nats_url=servers.nats.url, database_url=url)
        database = Database(url, pool_size=settings.database_pool_size)
        nc = await bus.connect(settings)
        js = nc.jetstream()
        with timed(f"generate {events:,} events"):
            messages = generate(events)
        await reset_streams(js, settings)
        with timed("publish to JetStream (untimed set-up)"):
            await publish(js, messages)
        print("  per stream: " + ", ".join(f"{k} {len(v):,}" for k, v in messages.items()))
        # The published messages are not the service's: drop them, or the cyclic GC keeps
        # walking them during the timed runs (as a service process has no such heap).
        del messages
        gc.collect()
        gc.freeze()
        base_rates, obs_rates, untallied = [], [], []
        pg_pid = servers.postgres.process.pid
        cpu: dict[str, list[float]] = {"baseline": [], "observatory": [], "untallied": []}

        async def measured(side: str, work: Any) -> float:
            """Run one side; note its CPU (bench process + PostgreSQL) per event, in µs:
            on a loaded machine the wall-clock rates follow the other load, CPU much less."""
            py0, pg0 = cpu_seconds(pg_pid)
            rate: float = await work
            py1, pg1 = cpu_seconds(pg_pid)
            cpu[side].append((py1 - py0 + pg1 - pg0) / events * 1e6)
            return rate

        for run in range(runs):
            base_rates.append(await measured("baseline", baseline(js, settings, events)))
            obs_rates.append(
                await measured("observatory", observatory(js, database, settings, events))
            )
            untallied.append(
                await measured(
                    "untallied", observatory(js, database, settings, events, tallies=False)
                )
            )
            async with database.transaction() as session:
                n_facts = await session.scalar(select(func.count()).select_from(facts))
            print(
                f"run {run + 1}: baseline {base_rates[-1]:,.0f}/s, "
                f"observatory {obs_rates[-1]:,.0f}/s "
                f"({obs_rates[-1] / base_rates[-1]:.0%}; {n_facts:,} facts); without the "
                f"headlines' tallies {untallied[-1]:,.0f}/s "
                f"({untallied[-1] / base_rates[-1]:.0%}); CPU µs per event (bench process + "
                f"PostgreSQL): baseline {cpu['baseline'][-1]:.0f}, observatory "
                f"{cpu['observatory'][-1]:.0f}, without tallies {cpu['untallied'][-1]:.0f}",
                flush=True,
            )
        b, o = statistics.median(base_rates), statistics.median(obs_rates)
        print(
            f"median of {runs} runs, {events:,} events each: baseline bare pull {b:,.0f} msgs/s, "
            f"observatory projections {o:,.0f} events/s, ratio {o / b:.0%} (bar >= 50%); "
            f"without the tallies {statistics.median(untallied):,.0f} events/s; median CPU µs "
            f"per event: " + ", ".join(f"{k} {statistics.median(v):.0f}" for k, v in cpu.items())
        )
        await nc.close()
        await database.close()
    finally:
        servers.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.events, arguments.runs))
