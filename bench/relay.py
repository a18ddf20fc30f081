"""Outbox relay publish rate against nats-py publishing the same messages straight to JetStream.

    uv run python bench/relay.py [--events 20000] [--runs 3]

Both sides publish identical bodies and headers (Nats-Msg-Id, ce-type, traceparent) with
PubAcks awaited, to a fresh file-storage stream on the same nats-server, in the same run.
The relay also claims rows (FOR UPDATE SKIP LOCKED) and marks them sent in PostgreSQL;
that is the price of the outbox's guarantees. Bar (quality.md): relay >= 50% of baseline.
"""

import argparse
import asyncio
import contextlib
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import uvloop
from nats.js.errors import NotFoundError
from sqlalchemy import text

from milagro_contracts import STREAMS
from milagro_contracts.event import Group
from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered
from milagro_kit import bus
from milagro_kit.database import Database, database_url
from milagro_kit.migrations import ensure_database, upgrade
from milagro_kit.outbox import record
from milagro_kit.relay import OutboxRelay
from milagro_kit.settings import Settings
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres, free_port

MIGRATIONS = Path(__file__).resolve().parent.parent / "services/kit/tests/tally_migrations"


def payload() -> ParticipantRegistered:
    return ParticipantRegistered(
        partner="IT-SIENA",
        participant_id=uuid.uuid4(),
        registered_at=datetime.now(UTC),
        attributes=ParticipantAttributes(group=Group.local),
    )


async def reset_streams(js, settings: Settings) -> None:
    for stream in STREAMS:
        with contextlib.suppress(NotFoundError):
            await js.delete_stream(stream.name)
    await bus.provision_streams(js, settings)


async def fill_outbox(database: Database, events: int) -> list[tuple[str, bytes, dict[str, str]]]:
    async with database.transaction() as session:
        await session.execute(text("TRUNCATE outbox"))
    for start in range(0, events, 5000):
        async with database.transaction() as session:
            await record(
                session, *(payload() for _ in range(min(5000, events - start))), source="/bench"
            )
    async with database.transaction() as session:
        rows = (
            await session.execute(
                text(
                    "SELECT nats_subject, envelope::text, event_id::text, event_type"
                    " FROM outbox ORDER BY id"
                )
            )
        ).all()
    return [(r[0], r[1].encode(), {"Nats-Msg-Id": r[2], "ce-type": r[3]}) for r in rows]


async def baseline(js, messages) -> float:
    """nats-py publish_async of the same messages, all PubAcks awaited."""
    started = time.perf_counter()
    futures = [
        await js.publish_async(s, b, headers=dict(h), wait_stall=5.0) for s, b, h in messages
    ]
    await asyncio.gather(*futures)
    return len(messages) / (time.perf_counter() - started)


async def relay(database: Database, js, settings: Settings, events: int) -> float:
    started = time.perf_counter()
    sent = 0
    relay = OutboxRelay(database, js, settings)
    while sent < events:
        sent += await relay.relay_once()
    return events / (time.perf_counter() - started)


@contextlib.asynccontextmanager
async def tally_servers(prefix: str) -> AsyncIterator[Settings]:
    """A nats-server and a PostgreSQL with the kit's tally schema; settings pointing at them."""
    root = Path(tempfile.mkdtemp(prefix=prefix))
    postgres = EmbeddedPostgres(root / "postgres", free_port())
    nats = EmbeddedNats(root / "nats", free_port())
    postgres.start()
    nats.start()
    try:
        await ensure_database(postgres.url, "bench_tally")
        url = database_url(postgres.url, "tally", "bench")
        await asyncio.to_thread(upgrade, url, MIGRATIONS)
        yield Settings(service="bench", nats_url=nats.url, database_url=url, relay_batch=1000)
    finally:
        nats.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)  # a soak leaves gigabytes behind


async def main(events: int, runs: int) -> None:
    async with tally_servers("bench-relay-") as settings:
        url = settings.database_url.get_secret_value()
        database = Database(url)
        nc = await bus.connect(settings)
        js = nc.jetstream()
        base_rates, relay_rates = [], []
        for run in range(runs):
            messages = await fill_outbox(database, events)
            await reset_streams(js, settings)
            base_rates.append(await baseline(js, messages))
            await reset_streams(js, settings)
            relay_rates.append(await relay(database, js, settings, events))
            base, relayed = base_rates[-1], relay_rates[-1]
            print(f"run {run + 1}: baseline {base:,.0f}/s, relay {relayed:,.0f}/s")
        b, r = statistics.median(base_rates), statistics.median(relay_rates)
        print(
            f"median of {runs} runs, {events:,} events each: baseline nats-py {b:,.0f} msgs/s, "
            f"outbox relay {r:,.0f} events/s, ratio {r / b:.0%} (bar >= 50%)"
        )
        await nc.close()
        await database.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.events, arguments.runs))
