"""The cost of publishing a new version of every public table, at the programme's scale.

    uv run python bench/disclosure.py [--events 40000] [--runs 3]

N events of the realistic mix (bench/observatory_mix.py: six partners in six countries,
spread over 24 months) are projected by the observatory's real consumers (untimed). Then,
per run, for every indicator of the catalogue:

  family       the one GROUPING SETS query computing every published cell (wall time);
  unprotected  building every cell of the family from those figures with disclosure
               control switched off (CPU): the baseline, measured in the same run;
  protected    the same with linked-table suppression (CPU): what a release costs more.

and finally a whole `release_due` (every indicator's release cut, stored), timed on the
wall and in CPU, while a ticker on the same event loop measures how late it wakes: the
release runs its CPU work in a worker thread, so requests keep being served.

Bar (issue "Published figures"): protecting a new version of every public table costs at
most 1 s of CPU, and never blocks the event loop that serves requests.
"""

import argparse
import asyncio
import gc
import statistics
import time

import uvloop
from observatory_mix import (
    fresh_durables,
    generate,
    observatory_database,
    publish,
    reset_streams,
    start_servers,
    timed,
)
from observatory_throughput import observatory as project
from sqlalchemy import delete, func, select

from milagro_kit import bus
from milagro_kit.database import Database
from milagro_observatory.catalogue import catalogue
from milagro_observatory.formulas import family
from milagro_observatory.releases import compose, release_due
from milagro_observatory.settings import ObservatorySettings
from milagro_observatory.store import facts, partners, release_state, releases


async def lag_while(work: "asyncio.Future[object]") -> float:
    """The longest a 10 ms sleep on this loop overslept while `work` ran, in seconds."""
    worst = 0.0
    while not work.done():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        worst = max(worst, time.perf_counter() - started - 0.01)
    return worst


async def one_run(database: Database, settings: ObservatorySettings) -> dict[str, float]:
    threshold = settings.disclosure_threshold
    out = {"sql": 0.0, "unprotected": 0.0, "protected": 0.0, "cells": 0, "hidden": 0}
    async with database.transaction() as session:
        country_of = dict(
            (await session.execute(select(partners.c.code, partners.c.country))).all()
        )
        for indicator in catalogue().indicators:
            started = time.perf_counter()
            figures = await family(session, indicator)
            out["sql"] += time.perf_counter() - started
            plain = indicator.model_copy(update={"people": False})
            started = time.process_time()
            compose(plain, figures, country_of, threshold)
            out["unprotected"] += time.process_time() - started
            started = time.process_time()
            _, cells = compose(indicator, figures, country_of, threshold)
            out["protected"] += time.process_time() - started
            out["cells"] += len(cells)
            out["hidden"] += sum(c is None for c in cells.values())
    async with database.transaction() as session:
        await session.execute(delete(releases))
        await session.execute(delete(release_state))
    cpu, wall = time.process_time(), time.perf_counter()

    async def release() -> list[str]:
        async with database.transaction() as session:
            return await release_due(session, settings)

    work = asyncio.ensure_future(release())
    out["lag"] = await lag_while(work)
    assert len(await work) == len(catalogue().indicators)
    out["release_wall"] = time.perf_counter() - wall
    out["release_cpu"] = time.process_time() - cpu
    return out


async def main(events: int, runs: int) -> None:
    servers = start_servers("bench-disclosure-")
    try:
        url = await observatory_database(servers.postgres.url)
        settings = ObservatorySettings(
            service="observatory", nats_url=servers.nats.url, database_url=url
        )
        database = Database(url)
        nc = await bus.connect(settings)
        js = nc.jetstream()
        with timed(f"generate {events:,} events over 24 months"):
            messages = generate(events, days=730, erasures=False)
        await reset_streams(js, settings)
        with timed("publish and project them (untimed set-up)"):
            await publish(js, messages)
            await fresh_durables(js, settings)
            await project(js, database, settings, events)
        # The published messages are not the service's: drop them, or the cyclic GC keeps
        # walking them during the timed runs (a service process has no such heap).
        del messages
        gc.collect()
        gc.freeze()
        async with database.transaction() as session:
            n_facts = await session.scalar(select(func.count()).select_from(facts))
            months = await session.scalar(select(func.count(facts.c.period.distinct())))
        print(f"  {n_facts:,} facts over {months} months, 6 partners", flush=True)
        results = []
        for run in range(runs):
            r = await one_run(database, settings)
            results.append(r)
            print(
                f"run {run + 1}: {r['cells']:,.0f} cells, {r['hidden']:,.0f} hidden; "
                f"family SQL {r['sql']:.2f} s wall; compose CPU unprotected "
                f"{r['unprotected']:.3f} s, protected {r['protected']:.3f} s; whole release "
                f"{r['release_wall']:.2f} s wall, {r['release_cpu']:.2f} s CPU; "
                f"loop lag {r['lag'] * 1000:.0f} ms",
                flush=True,
            )
        med = {k: statistics.median(r[k] for r in results) for k in results[0]}
        print(
            f"median of {runs}: protection {med['protected'] - med['unprotected']:.3f} s CPU "
            f"(protected {med['protected']:.3f} s vs unprotected {med['unprotected']:.3f} s, "
            f"bar: <= 1 s) for {med['cells']:,.0f} cells of {len(catalogue().indicators)} "
            f"indicators; family SQL {med['sql']:.2f} s; whole release {med['release_wall']:.2f}"
            f" s wall; worst loop lag {max(r['lag'] for r in results) * 1000:.0f} ms"
        )
        await nc.close()
        await database.close()
    finally:
        servers.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=40_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.events, arguments.runs))
