"""Soak: the kit's tables with and without pruning, over many events.

    uv run python bench/retention_soak.py [--events 1000000] [--round 20000] [--prune-every 5]

Two arms in the same run, each on a fresh tally database and stream: events go into the
outbox (`record`), the kit's `OutboxRelay` publishes them (`relay_once`, batches of
1,000), the kit's `ConsumerRunner` handles them (`handle`, batches of 1,000: the
processed-event claim and a multi-row insert). The "pruned" arm runs `retention.prune`
every `--prune-every` rounds, keeping what is younger than the previous pruning (as a
service keeps its last `MILAGRO_*_KEEP_DAYS`); the "kept" arm never prunes (before this
change). Each round prints the tables' rows and sizes and the median time of a relay
batch and a consumer batch, so growth (or flatness) shows round by round.
"""

import argparse
import statistics
import time
from dataclasses import dataclass

import uvloop
from faststream_vs_natspy import counter
from relay import payload, reset_streams, tally_servers
from sqlalchemy import text

from milagro_kit import bus, retention
from milagro_kit.consumer import ConsumerRunner
from milagro_kit.database import Database
from milagro_kit.outbox import record
from milagro_kit.relay import OutboxRelay
from milagro_kit.settings import Settings

BATCH = 1000


@dataclass
class Round:
    events: int
    outbox_rows: int
    processed_rows: int
    kit_mib: float
    relay_ms: float
    consumer_ms: float
    prune_s: float | None


async def sizes(database: Database) -> tuple[int, int, float]:
    async with database.transaction() as session:
        row = (
            await session.execute(
                text(
                    "SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM processed_events),"
                    " pg_total_relation_size('outbox') + pg_total_relation_size('processed_events')"
                )
            )
        ).one()
    return int(row[0]), int(row[1]), row[2] / 2**20


async def arm(settings: Settings, events: int, per_round: int, prune_every: int) -> list[Round]:
    database = Database(settings.database_url.get_secret_value())
    nc = await bus.connect(settings)
    js = nc.jetstream()
    await reset_streams(js, settings)
    async with database.transaction() as session:
        await session.execute(
            text("TRUNCATE outbox, processed_events, consumer_checkpoints, tallied")
        )
    consumer = counter("soak")
    await bus.provision_consumer(js, consumer.durable, settings)
    relay = OutboxRelay(database, js, settings)
    runner = ConsumerRunner(consumer, database, js, settings)
    pull = await js.pull_subscribe_bind(durable="soak", stream="REGISTRY")
    rounds: list[Round] = []
    last_prune = time.time()
    for number in range(1, events // per_round + 1):
        for _ in range(per_round // 5000):
            async with database.transaction() as session:
                await record(session, *(payload() for _ in range(5000)), source="/soak")
        relay_times, consumer_times = [], []
        sent = 0
        while sent < per_round:
            began = time.perf_counter()
            sent += await relay.relay_once()
            relay_times.append(time.perf_counter() - began)
        handled = 0
        while handled < per_round:
            msgs = await pull.fetch(BATCH, timeout=5)
            began = time.perf_counter()
            await runner.handle(msgs)
            consumer_times.append(time.perf_counter() - began)
            handled += len(msgs)
        prune_s = None
        if prune_every and number % prune_every == 0:
            keep_days = (time.time() - last_prune) / 86400
            last_prune = time.time()
            keep = settings.model_copy(
                update={"outbox_keep_days": keep_days, "processed_keep_days": keep_days}
            )
            began = time.perf_counter()
            await retention.prune(database, js, [consumer.durable], keep)
            prune_s = time.perf_counter() - began
        outbox_rows, processed_rows, mib = await sizes(database)
        rounds.append(
            Round(
                number * per_round,
                outbox_rows,
                processed_rows,
                mib,
                statistics.median(relay_times) * 1000,
                statistics.median(consumer_times) * 1000,
                prune_s,
            )
        )
        r = rounds[-1]
        pruned = f", pruned in {r.prune_s:.1f} s" if r.prune_s is not None else ""
        print(
            f"  {r.events:>9,} events: outbox {r.outbox_rows:>9,} rows, processed "
            f"{r.processed_rows:>9,}, {r.kit_mib:7.1f} MiB; relay batch {r.relay_ms:6.1f} ms, "
            f"consumer batch {r.consumer_ms:6.1f} ms{pruned}",
            flush=True,
        )
    await nc.close()
    await database.close()
    return rounds


def summary(name: str, rounds: list[Round]) -> str:
    tenth = max(1, len(rounds) // 10)
    first, last = rounds[:tenth], rounds[-tenth:]

    def median(values: list[float]) -> float:
        return statistics.median(values)

    return (
        f"{name}: {rounds[-1].events:,} events; kit tables {rounds[0].kit_mib:.1f} -> "
        f"{rounds[-1].kit_mib:.1f} MiB (max {max(r.kit_mib for r in rounds):.1f}); "
        f"relay batch {median([r.relay_ms for r in first]):.1f} -> "
        f"{median([r.relay_ms for r in last]):.1f} ms; consumer batch "
        f"{median([r.consumer_ms for r in first]):.1f} -> "
        f"{median([r.consumer_ms for r in last]):.1f} ms (first and last tenth of rounds)"
    )


async def main(events: int, per_round: int, prune_every: int, arms: list[str]) -> None:
    async with tally_servers("bench-soak-") as base:
        settings = base.model_copy(
            update={
                "relay_batch": BATCH,
                "consumer_batch": BATCH,
                "stream_max_bytes": 512 * 2**20,  # the stream keeps its newest 512 MiB
                "prune_batch": 5000,
            }
        )
        results = {}
        for name in arms:
            print(f"{name} arm:", flush=True)
            results[name] = await arm(
                settings, events, per_round, prune_every if name == "pruned" else 0
            )
        for name, rounds in results.items():
            print(summary(name, rounds))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--round", type=int, default=20_000)
    parser.add_argument("--prune-every", type=int, default=5)
    parser.add_argument("--arms", nargs="+", default=["pruned", "kept"])
    arguments = parser.parse_args()
    uvloop.run(main(arguments.events, arguments.round, arguments.prune_every, arguments.arms))
