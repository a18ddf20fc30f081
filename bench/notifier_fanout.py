"""Webhook fan-out: the notifier's dispatcher against httpx sending the same requests.

    uv run python bench/notifier_fanout.py [--deliveries 10000] [--runs 3]

A local receiver (uvicorn, in its own process) answers 204. The notifier side queues
`--deliveries` rows in `webhook_deliveries` (as the consumers would) and runs the
dispatcher until every one is delivered: claim a batch under SKIP LOCKED, sign, POST
(200 at once), log each attempt, settle. The baseline POSTs the same signed bodies with one
httpx client, 200 in flight, and no database. Bar (issue 18): dispatcher >= 50% of it.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import uvloop
from sqlalchemy import delete, insert

from milagro_contracts import new_envelope
from milagro_contracts.registry import PartnerKind, PartnerRegistered
from milagro_kit.database import Database, database_url
from milagro_kit.migrations import ensure_database, upgrade
from milagro_notifier.service import service
from milagro_notifier.store import webhook_deliveries, webhook_subscriptions
from milagro_notifier.webhooks.dispatch import Dispatcher
from milagro_notifier.webhooks.settings import WebhookSettings
from milagro_notifier.webhooks.signing import new_secret, sign
from milagro_platform.embedded import EmbeddedPostgres, free_port

PARTNER = "NL-UTRECHT"


async def receive(scope: Any, receive: Any, send: Any) -> None:
    """The partner's endpoint: reads the body, answers 204."""
    while (await receive()).get("more_body"):
        pass
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


def bodies(count: int) -> list[tuple[uuid.UUID, str]]:
    events = [
        new_envelope(
            PartnerRegistered(
                partner=PARTNER, name=f"P{i}", kind=PartnerKind.full, country="NL", city="U"
            ),
            source="/milagro/bench",
        )
        for i in range(count)
    ]
    return [(e.id, e.model_dump_json()) for e in events]


async def baseline(url: str, secret: str, events: list[tuple[uuid.UUID, str]], width: int) -> float:
    """httpx alone: the same signed requests, `width` in flight."""
    gate = asyncio.Semaphore(width)
    limits = httpx.Limits(max_connections=width)

    async def post(client: httpx.AsyncClient, event_id: uuid.UUID, body: str) -> None:
        async with gate:
            timestamp = int(time.time())
            headers = {
                "content-type": "application/json",
                "webhook-id": str(event_id),
                "webhook-timestamp": str(timestamp),
                "webhook-signature": sign([secret], str(event_id), timestamp, body.encode()),
            }
            response = await client.post(url, content=body, headers=headers)
            response.raise_for_status()

    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        started = time.perf_counter()
        await asyncio.gather(*(post(client, i, b) for i, b in events))
        return len(events) / (time.perf_counter() - started)


async def dispatcher(
    database: Database,
    settings: WebhookSettings,
    sub: uuid.UUID,
    events: list[tuple[uuid.UUID, str]],
) -> float:
    now = datetime.now(UTC)
    async with database.transaction() as session:
        await session.execute(delete(webhook_deliveries))
        rows = [
            {
                "id": uuid.uuid4(),
                "subscription_id": sub,
                "event_id": event_id,
                "event_type": "bench",
                "body": body,
                "state": "pending",
                "next_attempt_at": now,
                "created_at": now,
            }
            for event_id, body in events
        ]
        await session.execute(insert(webhook_deliveries), rows)
    limits = httpx.Limits(max_connections=settings.webhook_batch)
    async with httpx.AsyncClient(limits=limits, timeout=settings.webhook_timeout_s) as client:
        sender = Dispatcher(database, settings, client)
        started = time.perf_counter()
        sent = 0
        while sent < len(events):
            sent += await sender.send_due()
        return len(events) / (time.perf_counter() - started)


async def main(count: int, runs: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-fanout-"))
    postgres = EmbeddedPostgres(root / "postgres", free_port())
    postgres.start()
    port = free_port()
    receiver = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(__file__).parent),
         "--port", str(port), "--log-level", "warning", "--no-access-log",
         "--loop", "uvloop", "--lifespan", "off", "notifier_fanout:receive"]
    )  # fmt: skip
    try:
        await ensure_database(postgres.url, "bench_notifier")
        url = database_url(postgres.url, "notifier", "bench")
        await asyncio.to_thread(upgrade, url, service.migrations)
        settings = WebhookSettings(service="notifier", database_url=url)
        database = Database(url)
        hook = f"http://127.0.0.1:{port}/hooks"
        secret = new_secret()
        sub = uuid.uuid4()
        async with database.transaction() as session:
            await session.execute(
                insert(webhook_subscriptions).values(
                    id=sub, partner=PARTNER, url=hook, event_types=["*"], secret=secret,
                    enabled=True, created_at=datetime.now(UTC), updated_at=datetime.now(UTC),
                )
            )  # fmt: skip
        async with httpx.AsyncClient() as probe:
            while True:
                try:
                    await probe.post(hook)
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
        base_rates, rates = [], []
        for run in range(runs):
            events = bodies(count)
            base_rates.append(await baseline(hook, secret, events, settings.webhook_batch))
            rates.append(await dispatcher(database, settings, sub, events))
            print(f"run {run + 1}: httpx {base_rates[-1]:,.0f}/s, dispatcher {rates[-1]:,.0f}/s")
        b, r = statistics.median(base_rates), statistics.median(rates)
        print(
            f"median of {runs} runs, {count:,} deliveries each: httpx {b:,.0f}/s, "
            f"notifier dispatcher {r:,.0f}/s, ratio {r / b:.0%} (bar >= 50%); "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        await database.close()
    finally:
        receiver.terminate()
        receiver.wait()
        postgres.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deliveries", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.deliveries, arguments.runs))
