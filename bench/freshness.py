"""Freshness: an outbox commit in the registry's database -> the indicator visible in the API.

    uv run python bench/freshness.py [--rate 200] [--seconds 20] [--runs 3] [--poll-ms 5]

The registry's API is being reworked, so the clock starts at the registry's outbox commit
(what its POST does last): `participant.registered` events are recorded with
`milagro_kit.outbox.record`, one transaction each, at `rate` per second, in a database
with the kit's outbox tables, and a real `OutboxRelay` (NOTIFY-woken, as in the registry
process) publishes them. The observatory runs as its own process (`python -m
milagro_observatory serve --migrate --provision`, uvicorn, relay and consumers). A poller
reads `GET /v1/indicators/participants-registered` (the live headline: tables with a
breakdown come from batched releases by design) every `poll-ms` and notes when its count
first covers each event; latency = that response's
arrival - the event's commit (so it includes up to one poll period plus the request).
Bar (quality.md): p99 <= 100 ms at 200 events/s. Also prints the observatory's own
`milagro_indicator_freshness` (event time -> projection commit) from its /metrics.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import psutil
import uvloop
from observatory_mix import reset_streams, start_servers

from milagro_contracts.event import Group
from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered
from milagro_kit import bus
from milagro_kit.database import Database, database_url
from milagro_kit.migrations import ensure_database, upgrade
from milagro_kit.outbox import record
from milagro_kit.relay import OutboxRelay
from milagro_kit.settings import Settings
from milagro_platform.embedded import free_port

OUTBOX_MIGRATIONS = Path(__file__).resolve().parent.parent / "services/kit/tests/tally_migrations"
PARTNER = "IT-SIENA"
URL = "/v1/indicators/participants-registered"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def registration() -> ParticipantRegistered:
    return ParticipantRegistered(
        partner=PARTNER,
        participant_id=uuid.uuid4(),
        registered_at=datetime.now(UTC),
        attributes=ParticipantAttributes(group=Group.migrant),
    )


async def visible_count(client: httpx.AsyncClient) -> int:
    response = await client.get(URL)
    response.raise_for_status()
    (headline,) = response.json()["cells"]
    return int(headline["value"] or 0)


async def commit_one(database: Database) -> float:
    async with database.transaction() as session:
        await record(session, registration(), source="/milagro/registry")
    return time.perf_counter()


async def one_run(
    database: Database, client: httpx.AsyncClient, rate: float, seconds: float, poll: float
) -> list[float]:
    base = await visible_count(client)
    n = int(rate * seconds)
    committed: list[float] = []  # commit times, in commit order
    seen: list[float] = []  # when the count first covered the i-th commit
    requests: list[float] = []
    done = asyncio.Event()

    async def poller() -> None:
        while len(seen) < n:
            sent = time.perf_counter()
            count = await visible_count(client) - base
            now = time.perf_counter()
            requests.append(now - sent)
            # A count of k covers the first k commits (each commits one registration).
            while len(seen) < min(count, len(committed)):
                seen.append(now)
            await asyncio.sleep(poll)
        done.set()

    async def commit() -> None:
        async with database.transaction() as session:
            await record(session, registration(), source="/milagro/registry")
            # committed on leaving the block; the time is taken right after
        committed.append(time.perf_counter())

    task = asyncio.create_task(poller())
    started = time.perf_counter()
    writers = []
    for i in range(n):  # one transaction per event, started on schedule, overlapping
        delay = started + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        writers.append(asyncio.create_task(commit()))
    await asyncio.gather(*writers)
    achieved = n / (max(committed) - started)
    await asyncio.wait_for(done.wait(), 60)
    await task
    print(
        f"  offered {achieved:,.0f} events/s; API poll request median "
        f"{1000 * statistics.median(requests):.1f} ms, p99 "
        f"{1000 * percentile(requests, 99):.1f} ms ({len(requests):,} polls)"
    )
    return [(s - c) * 1000 for s, c in zip(seen, committed, strict=True)]


def metric_lines(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(name)]


async def main(rate: float, seconds: float, runs: int, poll_ms: float) -> None:
    servers = start_servers("bench-freshness-")
    process = None
    try:
        pg = servers.postgres.url
        await ensure_database(pg, "bench_registry")
        registry_url = database_url(pg, "registry", "bench")
        await asyncio.to_thread(upgrade, registry_url, OUTBOX_MIGRATIONS)
        await ensure_database(pg, "bench_observatory")
        settings = Settings(
            service="registry", nats_url=servers.nats.url, database_url=registry_url
        )
        nc = await bus.connect(settings)
        js = nc.jetstream()
        await reset_streams(js, settings)
        port = free_port()
        env = {
            **os.environ,
            "MILAGRO_SERVICE": "observatory",
            "MILAGRO_PORT": str(port),
            "MILAGRO_DATABASE_URL": database_url(pg, "observatory", "bench"),
            "MILAGRO_NATS_URL": servers.nats.url,
            "MILAGRO_LOG_LEVEL": "WARNING",
        }
        log = (servers.root / "observatory.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "-m", "milagro_observatory", "serve", "--migrate", "--provision"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        database = Database(registry_url)
        relay = asyncio.create_task(OutboxRelay(database, js, settings).run())
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if (await client.get("/readyz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("observatory not ready")
                await asyncio.sleep(0.1)
            for _ in range(20):  # past the disclosure threshold, so the total is published
                await commit_one(database)
            while await visible_count(client) < 20:
                await asyncio.sleep(0.05)
            service = psutil.Process(process.pid)
            results = []
            for run in range(runs):
                latencies = await one_run(database, client, rate, seconds, poll_ms / 1000)
                p = {q: percentile(latencies, q) for q in (50, 95, 99)}
                results.append(p)
                rss = service.memory_info().rss / 2**20
                print(
                    f"run {run + 1}: {len(latencies):,} events, p50 {p[50]:.1f} ms, "
                    f"p95 {p[95]:.1f} ms, p99 {p[99]:.1f} ms, max {max(latencies):.1f} ms; "
                    f"observatory RSS {rss:.0f} MB",
                    flush=True,
                )
            med = {q: statistics.median(r[q] for r in results) for q in (50, 95, 99)}
            print(
                f"median of {runs} runs at {rate:.0f} events/s, {seconds:.0f} s each "
                f"(poll every {poll_ms:g} ms): p50 {med[50]:.1f} ms, p95 {med[95]:.1f} ms, "
                f"p99 {med[99]:.1f} ms (bar p99 <= 100 ms)"
            )
            metrics = (await client.get("/metrics")).text
            lines = metric_lines(metrics, "milagro_indicator_freshness")
            print("observatory's own histogram (event time -> projection commit):")
            for line in lines:
                if "_bucket" not in line or 'le="5.0"' in line or 'le="+Inf"' in line:
                    print(f"  {line}")
            sums = [float(x.split()[-1]) for x in lines if "_sum" in x.split("{")[0]]
            counts = [float(x.split()[-1]) for x in lines if "_count" in x.split("{")[0]]
            if sums and counts and sum(counts):
                print(f"  mean {1000 * sum(sums) / sum(counts):.1f} ms over {sum(counts):.0f}")
        relay.cancel()
        await asyncio.gather(relay, return_exceptions=True)
        await nc.close()
        await database.close()
    finally:
        if process is not None:
            process.terminate()
            process.wait(10)
        servers.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--poll-ms", type=float, default=5)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.rate, arguments.seconds, arguments.runs, arguments.poll_ms))
