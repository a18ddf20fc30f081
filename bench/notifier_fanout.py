"""Notifier fan-out: each dispatcher against its client library sending the same messages.

    uv run python bench/notifier_fanout.py [--channel webhook|mail|both] [--deliveries 10000]
        [--runs 3]

Webhooks: a local receiver (uvicorn, in its own process) answers 204. The notifier side
queues `--deliveries` rows in `webhook_deliveries` (as the consumers would) and runs the
dispatcher until every one is delivered: claim a batch under SKIP LOCKED, sign, POST
(200 at once), log each attempt, settle. The baseline POSTs the same signed bodies with one
httpx client, 200 in flight, and no database.

E-mail: `--deliveries` coaching-session e-mails to distinct participants with consent, in
four languages and time zones, queued with `enqueue`; the same receiver process serves
their contacts as the registry's batch look-up would; an aiosmtpd catcher in its own
process only counts. The e-mail dispatcher (`Dispatcher.drain` until nothing is due: claim
100, check consent and opt-outs, look the batch's contacts up, render, send, log, settle)
against aiosmtplib sending the same messages, rendered beforehand, with no database, two
ways: `aiosmtplib.send`, a connection each, 100 in flight (the batch), and the faster way
to send many, `smtp_connections` connections each sending the next message as soon as the
last is taken (as the dispatcher does). Each run's dispatcher is compared with both.

Bar (issue 18): each dispatcher >= 50% of its baseline.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as daytime
from pathlib import Path
from typing import Any

import aiosmtplib
import httpx
import uvloop
from aiosmtpd.smtp import SMTP
from sqlalchemy import delete, insert, select

from milagro_contracts import new_envelope
from milagro_contracts.registry import PartnerKind, PartnerRegistered
from milagro_kit.database import Database, database_url
from milagro_kit.migrations import ensure_database, upgrade
from milagro_notifier import dispatch, mail
from milagro_notifier.queue import Notification, enqueue
from milagro_notifier.service import service
from milagro_notifier.settings import NotifierSettings
from milagro_notifier.store import (
    communications_consent,
    notifications,
    webhook_deliveries,
    webhook_subscriptions,
)
from milagro_notifier.templates import render
from milagro_notifier.webhooks.dispatch import Dispatcher
from milagro_notifier.webhooks.settings import WebhookSettings
from milagro_notifier.webhooks.signing import new_secret, sign
from milagro_platform.embedded import EmbeddedPostgres, free_port

PARTNER = "NL-UTRECHT"
PEOPLE = [("en", "Europe/London"), ("it", "Europe/Rome"), ("sr", "Europe/Belgrade"),
          ("nl", "Europe/Amsterdam")]  # fmt: skip


def contact(person: uuid.UUID) -> dict[str, Any]:
    """What the registry's look-up says of a participant, derived from the id alone (the
    receiver keeps no state): one of four languages and time zones."""
    language, zone = PEOPLE[person.int % len(PEOPLE)]
    return {
        "participant_id": str(person),
        "email": f"{person.hex[:16]}@example.org",
        "preferred_language": language,
        "communications_consent": True,
        "time_zone": zone,
    }


async def receive(scope: Any, receive: Any, send: Any) -> None:
    """The partner's endpoint (reads the body, answers 204) and the registry's batch contact
    look-up (`POST /internal/v1/participants/contacts`)."""
    chunks = [await receive()]
    while chunks[-1].get("more_body"):
        chunks.append(await receive())
    body = b"".join(c.get("body", b"") for c in chunks)
    if scope["path"] != dispatch.CONTACTS:
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    asked = json.loads(body)["participant_ids"]
    found = {p: contact(uuid.UUID(p)) for p in asked}
    answer = json.dumps({"contacts": found, "refused": {}}).encode()
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": answer})


class Counter:
    """The catcher's handler: counts what it is given, keeps nothing."""

    def __init__(self, count: Any) -> None:
        self.count = count

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count.value += 1
        return "250 OK"


def catch(port: int, count: Any) -> None:
    """The SMTP catcher, in its own process (as the receiver is) so that it does not share
    the senders' core; named, so aiosmtpd does not look its host name up per connection."""

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(
            lambda: SMTP(Counter(count), hostname="catcher"), "127.0.0.1", port
        )
        await server.serve_forever()

    uvloop.run(serve())


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


def session_mail(person: uuid.UUID, starts_at: datetime) -> Notification:
    return Notification(
        dedup=f"bench:{uuid.uuid4()}",
        kind="session_scheduled",
        template="session_scheduled",
        partner=PARTNER,
        participant_id=person,
        context={"starts_at": starts_at.isoformat(), "duration_minutes": 60},
    )


def rendered(
    settings: NotifierSettings, sender: dispatch.Dispatcher, n: Notification
) -> tuple[mail.Envelope, bytes]:
    """The message the dispatcher would send for `n`, rendered as it does."""
    assert n.participant_id is not None
    found = contact(n.participant_id)
    person = dispatch.Recipient(
        found["email"], found["preferred_language"], found["time_zone"], n.participant_id
    )
    link = sender.unsubscribe_link(person, n.kind, n.template)
    text = render(n.template, n.context, person.language, person.time_zone, link)
    message_id = f"<{uuid.uuid4()}@milagro>"
    return mail.message(settings.mail_from, person.email, text, link, message_id)


async def smtp_baseline(
    relay: mail.Relay, messages: list[tuple[mail.Envelope, bytes]], width: int
) -> float:
    """aiosmtplib alone: the same rendered messages, `width` in flight, a connection each
    (as the dispatcher did before it kept its connections)."""
    gate = asyncio.Semaphore(width)

    async def send(envelope: mail.Envelope, message: bytes) -> None:
        async with gate:
            await aiosmtplib.send(
                message,
                sender=envelope.sender,
                recipients=[envelope.to],
                hostname=relay.host,
                port=relay.port,
                timeout=10,
                local_hostname=mail.local_hostname(),  # as the dispatcher: looked up once
            )

    started = time.perf_counter()
    await asyncio.gather(*(send(e, m) for e, m in messages))
    return len(messages) / (time.perf_counter() - started)


async def smtp_pooled(
    relay: mail.Relay, messages: list[tuple[mail.Envelope, bytes]], width: int
) -> float:
    """aiosmtplib alone as it best sends many: `width` connections, each sending the next
    message as soon as the last is taken (as the dispatcher's `mail.Postman` does)."""
    queue = iter(messages)  # shared: `next` is never interrupted by another task

    async def connection() -> None:
        smtp = aiosmtplib.SMTP(
            hostname=relay.host, port=relay.port, timeout=10, local_hostname=mail.local_hostname()
        )
        await smtp.connect()
        for envelope, message in queue:
            await smtp.sendmail(envelope.sender, [envelope.to], message)
        await smtp.quit()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(width)))
    return len(messages) / (time.perf_counter() - started)


async def mail_dispatcher(
    database: Database, settings: NotifierSettings, wanted: list[Notification]
) -> tuple[float, int]:
    """The dispatcher's rate until every e-mail is sent, and how many needed a retry."""
    async with database.transaction() as session:
        await session.execute(delete(notifications))  # and their attempts (cascade)
        for start in range(0, len(wanted), 2000):  # 12 columns a row, 32,767 parameters
            await enqueue(session, *wanted[start : start + 2000])
    async with dispatch.registry_client(settings) as registry:
        sender = dispatch.Dispatcher(database, settings, registry)
        started = time.perf_counter()
        while True:
            await sender.drain()
            # a retry is due within a second (retry_max_s); the poll interval: none pending
            pause = await sender.next_due()
            if pause == settings.dispatch_poll_s:
                break
            await asyncio.sleep(pause)
        rate = len(wanted) / (time.perf_counter() - started)
    async with database.transaction() as session:
        found = select(notifications.c.state, notifications.c.attempts, notifications.c.last_error)
        rows = (await session.execute(found)).all()
    if failed := [r for r in rows if r.state != "sent"]:
        raise RuntimeError(f"{len(failed)} of {len(wanted)} e-mails not sent: {failed[:5]}")
    return rate, sum(r.attempts > 1 for r in rows)


async def webhooks(database: Database, url: str, port: int, count: int, runs: int) -> None:
    settings = WebhookSettings(service="notifier", database_url=url)
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
    base_rates, rates = [], []
    for run in range(runs):
        events = bodies(count)
        base_rates.append(await baseline(hook, secret, events, settings.webhook_batch))
        rates.append(await dispatcher(database, settings, sub, events))
        print(
            f"webhook run {run + 1}: httpx {base_rates[-1]:,.0f}/s, dispatcher {rates[-1]:,.0f}/s",
            flush=True,
        )
    summary("webhook", "httpx", base_rates, rates, count)


async def emails(database: Database, url: str, port: int, count: int, runs: int) -> None:
    smtp_port = free_port()
    caught = multiprocessing.Value("q", 0, lock=False)  # only the catcher writes it
    catcher = multiprocessing.Process(target=catch, args=(smtp_port, caught), daemon=True)
    catcher.start()
    try:
        settings = NotifierSettings(
            service="notifier",
            database_url=url,
            registry_url=f"http://127.0.0.1:{port}",
            smtp_url=f"smtp://127.0.0.1:{smtp_port}",
            quiet_from=daytime(0, 0),  # never quiet: every e-mail is due now
            quiet_until=daytime(0, 0),
            retry_base_s=0.1,  # a failed look-up or send is retried within the run
            retry_max_s=1.0,
        )
        relay = mail.Relay.parse(settings.smtp_url)
        while True:
            try:
                probe = aiosmtplib.SMTP(hostname=relay.host, port=relay.port)
                await probe.connect()
                await probe.quit()
                break
            except OSError:
                await asyncio.sleep(0.1)
        people = [uuid.uuid4() for _ in range(count)]
        now = datetime.now(UTC)
        async with database.transaction() as session:
            consent = [
                {"participant_id": p, "partner": PARTNER, "given": True, "changed_at": now}
                for p in people
            ]
            for start in range(0, count, 5000):
                await session.execute(insert(communications_consent), consent[start : start + 5000])
        async with httpx.AsyncClient() as unused:  # only its unsubscribe links are wanted
            sender = dispatch.Dispatcher(database, settings, unused)
        base_rates, pooled_rates, rates = [], [], []
        for run in range(runs):
            starts_at = datetime.now(UTC) + timedelta(days=3)
            wanted = [session_mail(p, starts_at) for p in people]
            messages = [rendered(settings, sender, n) for n in wanted]
            before = caught.value
            base_rates.append(await smtp_baseline(relay, messages, settings.dispatch_batch))
            pooled_rates.append(await smtp_pooled(relay, messages, settings.smtp_connections))
            rate, retried = await mail_dispatcher(database, settings, wanted)
            rates.append(rate)
            if caught.value - before != 3 * count:
                raise RuntimeError(f"caught {caught.value - before} of {3 * count}")
            print(
                f"e-mail run {run + 1}: aiosmtplib a connection each {base_rates[-1]:,.0f}/s, "
                f"aiosmtplib over {settings.smtp_connections} connections "
                f"{pooled_rates[-1]:,.0f}/s, dispatcher {rate:,.0f}/s ({retried} retried); "
                f"ratios {rate / base_rates[-1]:.0%}, {rate / pooled_rates[-1]:.0%}; "
                f"load average {os.getloadavg()[0]:.2f}",
                flush=True,
            )
        summary("e-mail", "aiosmtplib, a connection each", base_rates, rates, count)
        summary("e-mail", "aiosmtplib, connections reused", pooled_rates, rates, count)
    finally:
        catcher.terminate()
        catcher.join()


def summary(
    channel: str, library: str, base_rates: list[float], rates: list[float], count: int
) -> None:
    b, r = statistics.median(base_rates), statistics.median(rates)
    print(
        f"{channel}: median of {len(rates)} runs, {count:,} each: {library} {b:,.0f}/s, "
        f"notifier dispatcher {r:,.0f}/s, ratio {r / b:.0%} (bar >= 50%); "
        f"load average {os.getloadavg()[0]:.2f}"
    )


async def main(channels: list[str], count: int, runs: int) -> None:
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
        database = Database(url)
        async with httpx.AsyncClient() as probe:
            while True:
                try:
                    await probe.post(f"http://127.0.0.1:{port}/hooks")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
        if "webhook" in channels:
            await webhooks(database, url, port, count, runs)
        if "mail" in channels:
            await emails(database, url, port, count, runs)
        await database.close()
    finally:
        receiver.terminate()
        receiver.wait()
        postgres.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--channel", choices=["webhook", "mail", "both"], default="both")
    parser.add_argument("--deliveries", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    channels = ["webhook", "mail"] if arguments.channel == "both" else [arguments.channel]
    uvloop.run(main(channels, arguments.deliveries, arguments.runs))
