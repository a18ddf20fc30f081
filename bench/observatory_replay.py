"""Replay: rebuild every observatory projection from the stored streams, with its progress bar.

    uv run python bench/observatory_replay.py [--events 1000000] [--runs 3] [--batch 500]

N events of the realistic mix (bench/observatory_mix.py, erasures included) are
published to JetStream (untimed), then projected live by the observatory's consumers
(timed too, for reference), and every indicator's figures are read (total, by partner,
by month). Then `milagro_observatory.rebuild.rebuild` (what `python -m milagro_observatory
rebuild` runs) drops the projections and consumes the streams again from sequence 1, `runs`
times; after each, the figures must equal those before. Bar (quality.md): 1,000,000
events rebuilt in <= 60 s.
"""

import argparse
import gc
import logging
import statistics
from typing import Any

import uvloop
from observatory_mix import (
    generate,
    observatory_database,
    publish,
    reset_streams,
    start_servers,
    timed,
)
from observatory_throughput import observatory
from sqlalchemy import func, select

from milagro_kit import bus
from milagro_kit.database import Database
from milagro_kit.settings import Settings
from milagro_observatory.catalogue import catalogue
from milagro_observatory.formulas import family
from milagro_observatory.headlines import headlines
from milagro_observatory.rebuild import rebuild
from milagro_observatory.releases import compose
from milagro_observatory.store import facts, partners


async def figures(database: Database) -> dict[str, Any]:
    """Every cell of every indicator, as a release would publish it (suppressed)."""
    out: dict[str, Any] = {}
    async with database.transaction() as session:
        out["facts"] = await session.scalar(select(func.count()).select_from(facts))
        country_of = dict(
            (await session.execute(select(partners.c.code, partners.c.country))).all()
        )
        for indicator in catalogue().indicators:
            _, cells = compose(indicator, await family(session, indicator), country_of, 5)
            out[indicator.id] = {str(k): None if c is None else vars(c) for k, c in cells.items()}
        # the live headlines: tallied by the live projection before, counted once after
        out["headlines"] = {k: vars(f) for k, f in (await headlines(session)).items()}
    return out


async def main(events: int, runs: int, batch: int) -> None:
    servers = start_servers("bench-obs-replay-")
    try:
        url = await observatory_database(servers.postgres.url)
        settings = Settings(
            service="observatory",
            nats_url=servers.nats.url,
            database_url=url,
            consumer_batch=batch,
        )
        database = Database(url)
        nc = await bus.connect(settings)
        js = nc.jetstream()
        with timed(f"generate {events:,} events"):
            messages = generate(events)
        await reset_streams(js, settings)
        with timed("publish to JetStream (untimed set-up)"):
            await publish(js, messages)
        print("  per stream: " + ", ".join(f"{k} {len(v):,}" for k, v in messages.items()))
        del messages
        gc.collect()
        gc.freeze()
        rate = await observatory(js, database, settings, events)  # live projection
        print(f"live projection: {rate:,.0f} events/s ({events / rate:.1f} s)", flush=True)
        before = await figures(database)
        print(f"figures before: {len(before) - 2} series, {before['facts']:,} facts", flush=True)
        seconds = []
        for run in range(runs):
            elapsed = await rebuild(settings, show=True)
            after = await figures(database)
            same = after == before
            seconds.append(elapsed)
            print(
                f"rebuild {run + 1}: {elapsed:.1f} s ({events / elapsed:,.0f} events/s), "
                f"figures equal before/after: {same}",
                flush=True,
            )
            if not same:
                diff = [k for k in before if before[k] != after.get(k)]
                print(f"  differing: {diff[:10]}")
                for k in diff[:1]:
                    print("  before", before[k])
                    print("  after ", after.get(k))
        median = statistics.median(seconds)
        print(
            f"median of {runs} rebuilds of {events:,} events: {median:.1f} s "
            f"({events / median:,.0f} events/s); 1,000,000 events at that rate: "
            f"{1_000_000 / (events / median):.0f} s (bar <= 60 s)"
        )
        await nc.close()
        await database.close()
    finally:
        servers.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=500, help="consumer fetch batch")
    arguments = parser.parse_args()
    logging.basicConfig(format="  %(message)s")
    for name in ("milagro_observatory.rebuild", "milagro_observatory.bulk"):
        logging.getLogger(name).setLevel(logging.INFO)
    uvloop.run(main(arguments.events, arguments.runs, arguments.batch))
