"""What faststream costs the kit's hot paths: consuming in batches and relaying the outbox.

    uv run python bench/faststream_vs_natspy.py [--events 50000] [--runs 3]

(Not named `bench/faststream.py`: run as a script, the bench folder comes first on
`sys.path` and that file would shadow the faststream package it measures.)

One process (uvloop), one PostgreSQL (`pgserver`, fsync on) and one nats-server (file
storage), the same messages for every side, in the same run. The database is the kit's
tally schema (`services/kit/tests/tally_migrations`): outbox, processed_events and a
`tallied` table without uniqueness.

Consuming N `participant.registered` events already on the REGISTRY stream, each side
with a fresh durable pull consumer (batch 500), timed until every event is acked:

  bare nats-py      fetch 500, json-parse + ack each message, no database (the bar's
                    baseline in quality.md);
  kit               `ConsumerRunner` with an idempotent counter consumer: typed parse,
                    processed_events claim and one multi-row insert in one transaction,
                    ack after commit;
  faststream        the same `ConsumerRunner.handle` driven by a faststream NATS
                    subscriber as the kit declares it (`milagro_kit.broker.subscribe`:
                    `PullSub(batch=True)`, `AckPolicy.MANUAL`, bodies left raw, the
                    durable bound, not created), instead of the kit's own fetch loop;
  faststream+otel   the same with faststream's `NatsTelemetryMiddleware` on the broker.

Relaying N outbox rows to a fresh stream, PubAcks awaited:

  bare nats-py      `publish_async` of the same bodies and headers (bench/relay.py);
  kit relay         `OutboxRelay.relay_once` until the outbox is empty;
  faststream relay  the same relay (claim, mark sent) publishing through
                    `NatsBroker.publish(..., stream=...)` with `Nats-Msg-Id`, each PubAck
                    awaited before the next message (faststream's JetStream publish is
                    a request per message; order is kept only that way).

Then the latency on a quiet bus (one event every 100 ms, a durable delivering only new
events): publish -> commit + ack, for the kit and for faststream with its PullSub timeout
at the kit's fetch timeout (0.5 s) and at 50 ms.

Sides run in a rotated order per run so none always runs first on a warm or cold machine.
"""

import argparse
import asyncio
import contextlib
import os
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import uvloop
from faststream.nats import NatsBroker
from faststream.nats.opentelemetry import NatsTelemetryMiddleware
from nats.aio.msg import Msg
from nats.js import JetStreamContext, api
from nats.js.errors import NotFoundError
from observatory_throughput import Countdown, bare
from relay import baseline, fill_outbox, payload, reset_streams, tally_servers
from sqlalchemy import Column, MetaData, String, Table, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import new_envelope
from milagro_contracts.registry import ParticipantRegistered
from milagro_kit import bus, telemetry
from milagro_kit.broker import subscribe
from milagro_kit.bus import DurableConsumer
from milagro_kit.consumer import Consumer, ConsumerRunner, Received
from milagro_kit.database import Database
from milagro_kit.relay import OutboxRelay
from milagro_kit.settings import Settings

tallied = Table(
    "tallied",
    MetaData(),
    Column("event_id", UUID(as_uuid=True)),
    Column("participant_id", UUID(as_uuid=True)),
    Column("partner", String(16)),
)


def counter(name: str) -> Consumer:
    """An idempotent counter: the kit's claim plus one multi-row insert per batch."""
    consumer = Consumer(name, stream="REGISTRY")

    @consumer.on(ParticipantRegistered)
    async def count(
        session: AsyncSession, events: Sequence[Received[ParticipantRegistered]]
    ) -> None:
        rows = [
            {
                "event_id": e.envelope.id,
                "participant_id": e.payload.participant_id,
                "partner": e.payload.partner,
            }
            for e in events
        ]
        await session.execute(tallied.insert(), rows)

    return consumer


class CountingRunner(ConsumerRunner):
    countdown: Countdown
    handled_at: dict[str, float]  # Nats-Msg-Id -> when its batch was committed and acked

    async def handle(self, msgs: Sequence[Msg]) -> None:
        await super().handle(msgs)
        now = time.perf_counter()
        for msg in msgs:
            self.handled_at[(msg.headers or {}).get("Nats-Msg-Id", "")] = now
        self.countdown.add(len(msgs))


async def fresh(js: JetStreamContext, database: Database, durable: DurableConsumer) -> None:
    with contextlib.suppress(NotFoundError):
        await js.delete_consumer(durable.stream, durable.name)
    await bus.provision_consumer(js, durable, SETTINGS)
    async with database.transaction() as session:
        await session.execute(text("TRUNCATE tallied, processed_events"))


async def timed_until(countdown: Countdown, start: Callable[[], Awaitable[Any]]) -> float:
    began = time.perf_counter()
    stop = await start()
    await countdown.done.wait()
    elapsed = time.perf_counter() - began
    await stop()
    return elapsed


async def consume_bare(js: JetStreamContext, database: Database, total: int) -> float:
    durable = DurableConsumer("fs-bench-bare", "REGISTRY", ("milagro.registry.>",))
    await fresh(js, database, durable)
    countdown = Countdown(total)

    async def start() -> Callable[[], Awaitable[None]]:
        task = asyncio.create_task(bare(js, durable.name, durable.stream, countdown))

        async def stop() -> None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

        return stop

    return total / await timed_until(countdown, start)


async def consume_kit(js: JetStreamContext, database: Database, total: int) -> float:
    consumer = counter("fs-bench-kit")
    await fresh(js, database, consumer.durable)
    runner = counting_runner(consumer, database, js, total)
    countdown = runner.countdown

    async def start() -> Callable[[], Awaitable[None]]:
        task = asyncio.create_task(runner.run())

        async def stop() -> None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

        return stop

    return total / await timed_until(countdown, start)


async def consume_faststream(
    js: JetStreamContext, database: Database, total: int, *, otel: bool
) -> float:
    consumer = counter("fs-bench-faststream-otel" if otel else "fs-bench-faststream")
    await fresh(js, database, consumer.durable)
    runner = counting_runner(consumer, database, js, total)
    countdown = runner.countdown
    broker = faststream_broker(consumer, runner, otel=otel)

    async def start() -> Callable[[], Awaitable[None]]:
        await broker.start()  # binds the durable and starts the fetch loop
        return broker.stop

    # Connected before the clock starts, as the kit's runner gets an open connection.
    await broker.connect()
    return total / await timed_until(countdown, start)


def counting_runner(
    consumer: Consumer, database: Database, js: JetStreamContext, total: int
) -> CountingRunner:
    runner = CountingRunner(consumer, database, js, SETTINGS)
    runner.countdown = Countdown(total)
    runner.handled_at = {}
    return runner


def faststream_broker(
    consumer: Consumer, runner: ConsumerRunner, *, otel: bool, timeout: float | None = None
) -> NatsBroker:
    """A broker whose one batch subscriber hands each fetched batch to the kit's runner."""
    broker = NatsBroker(
        SETTINGS.nats_url,
        logger=None,
        middlewares=[NatsTelemetryMiddleware()] if otel else (),
    )

    # The kit's own declaration (what the AsyncAPI document and the in-memory tests use).
    settings = SETTINGS.model_copy(
        update={"consumer_fetch_timeout_s": timeout or SETTINGS.consumer_fetch_timeout_s}
    )
    subscribe(broker, consumer, runner.handle, settings)
    return broker


async def latency(
    js: JetStreamContext, database: Database, side: str, n: int, timeout: float | None
) -> list[float]:
    """Publish one event every 100 ms (a quiet bus); seconds from publish to commit + ack."""
    consumer = counter(f"fs-bench-latency-{side}".replace(" ", ""))
    with contextlib.suppress(NotFoundError):
        await js.delete_consumer(consumer.stream, consumer.name)
    config = api.ConsumerConfig(  # only what is published from now on
        durable_name=consumer.name,
        deliver_policy=api.DeliverPolicy.NEW,
        ack_policy=api.AckPolicy.EXPLICIT,
        filter_subjects=list(consumer.durable.subjects),
    )
    await js.add_consumer(consumer.stream, config)
    runner = counting_runner(consumer, database, js, n)
    if side == "kit":
        task = asyncio.create_task(runner.run())
    else:
        broker = faststream_broker(consumer, runner, otel=False, timeout=timeout)
        await broker.start()
    await asyncio.sleep(1.0)  # bound and idle, as a service between events
    sent: dict[str, float] = {}
    for _ in range(n):
        envelope = new_envelope(payload(), source="/bench")
        sent[str(envelope.id)] = time.perf_counter()
        await js.publish(
            "milagro.registry.participant.registered",
            envelope.model_dump_json().encode(),
            headers={"Nats-Msg-Id": str(envelope.id), "ce-type": envelope.type},
        )
        await asyncio.sleep(0.1)
    await runner.countdown.done.wait()
    if side == "kit":
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    else:
        await broker.stop()
    return [runner.handled_at[i] - t for i, t in sent.items()]


class FaststreamRelay(OutboxRelay):
    """The kit's relay publishing through faststream's broker, one awaited PubAck at a time."""

    broker: NatsBroker

    async def _publish(self, rows: Any) -> tuple[list[int], list[int], str | None]:
        sent: list[int] = []
        for row in rows:
            headers = {"Nats-Msg-Id": row.event_id, "ce-type": row.event_type}
            if row.traceparent:
                headers["traceparent"] = row.traceparent
            try:
                await self.broker.publish(
                    row.body.encode(),
                    row.subject,
                    headers=headers,
                    stream="REGISTRY",
                    timeout=self.settings.relay_publish_timeout_s,
                )
            except Exception as exc:
                return sent, [r.id for r in rows[len(sent) :]], repr(exc)
            sent.append(row.id)
        return sent, [], None


async def drain(relay: OutboxRelay, events: int) -> float:
    began, sent = time.perf_counter(), 0
    while sent < events:
        sent += await relay.relay_once()
    return events / (time.perf_counter() - began)


async def relay_faststream(database: Database, js: JetStreamContext, events: int) -> float:
    relay = FaststreamRelay(database, js, SETTINGS)
    relay.broker = NatsBroker(SETTINGS.nats_url, logger=None)
    await relay.broker.connect()
    try:
        return await drain(relay, events)
    finally:
        await relay.broker.stop()


async def publish_events(js: JetStreamContext, n: int) -> None:
    futures = []
    for _ in range(n):
        envelope = new_envelope(payload(), source="/bench")
        headers = {"Nats-Msg-Id": str(envelope.id), "ce-type": envelope.type}
        body = envelope.model_dump_json().encode()
        futures.append(
            await js.publish_async(
                "milagro.registry.participant.registered", body, headers=headers, wait_stall=5
            )
        )
    await asyncio.gather(*futures)


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def report(title: str, rates: dict[str, list[float]], base: str, unit: str) -> None:
    print(f"\n{title}")
    medians = {side: statistics.median(r) for side, r in rates.items()}
    for side, r in rates.items():
        runs = ", ".join(f"{x:,.0f}" for x in r)
        ratio = medians[side] / medians[base]
        print(f"  {side:<18} median {medians[side]:>8,.0f} {unit}  ({runs})  {ratio:.0%} of {base}")


SETTINGS = Settings(service="bench")


async def main(events: int, runs: int) -> None:
    global SETTINGS
    async with tally_servers("bench-faststream-") as SETTINGS:
        url = SETTINGS.database_url.get_secret_value()
        # As a service process without an OTLP endpoint: SDK providers, spans recorded.
        telemetry.configure_telemetry(SETTINGS)
        database = Database(url)
        nc = await bus.connect(SETTINGS)
        js = nc.jetstream()

        await reset_streams(js, SETTINGS)
        await publish_events(js, events)
        consumers: dict[str, Callable[[], Awaitable[float]]] = {
            "bare nats-py": lambda: consume_bare(js, database, events),
            "kit": lambda: consume_kit(js, database, events),
            "faststream": lambda: consume_faststream(js, database, events, otel=False),
            "faststream+otel": lambda: consume_faststream(js, database, events, otel=True),
        }
        consumed: dict[str, list[float]] = {side: [] for side in consumers}
        for run in range(runs):
            sides = list(consumers)
            sides = sides[run % len(sides) :] + sides[: run % len(sides)]
            for side in sides:
                consumed[side].append(await consumers[side]())
            print(
                f"consume run {run + 1} (load {load()}): "
                + ", ".join(f"{s} {consumed[s][-1]:,.0f}/s" for s in consumers),
                flush=True,
            )

        relayed: dict[str, list[float]] = {
            "bare nats-py": [],
            "kit relay": [],
            "faststream relay": [],
        }
        for run in range(runs):
            messages = await fill_outbox(database, events)
            await reset_streams(js, SETTINGS)
            relayed["bare nats-py"].append(await baseline(js, messages))
            for side, relay in (
                ("kit relay", lambda: drain(OutboxRelay(database, js, SETTINGS), events)),
                ("faststream relay", lambda: relay_faststream(database, js, events)),
            ):
                async with database.transaction() as session:
                    await session.execute(text("UPDATE outbox SET published_at = NULL"))
                await reset_streams(js, SETTINGS)
                relayed[side].append(await relay())
            print(
                f"relay run {run + 1} (load {load()}): "
                + ", ".join(f"{s} {relayed[s][-1]:,.0f}/s" for s in relayed),
                flush=True,
            )

        quiet: dict[str, float | None] = {
            "kit": None,
            "faststream": None,  # PullSub timeout = the kit's fetch timeout, 0.5 s
            "faststream 50ms": 0.05,
        }
        lags: dict[str, list[float]] = {side: [] for side in quiet}
        for side, timeout in quiet.items():
            for _ in range(runs):
                lags[side] += await latency(js, database, side, 30, timeout)
        print(f"\nquiet bus, one event every 100 ms, {30 * runs} events (load {load()}):")
        for side, lag in lags.items():
            lag.sort()
            print(
                f"  {side:<18} publish -> commit + ack: p50 {lag[len(lag) // 2] * 1000:.0f} ms, "
                f"p90 {lag[int(len(lag) * 0.9)] * 1000:.0f} ms, max {lag[-1] * 1000:.0f} ms"
            )

        report(f"consume {events:,} events, medians of {runs}", consumed, "kit", "events/s")
        report(f"relay {events:,} events, medians of {runs}", relayed, "kit relay", "events/s")
        await nc.close()
        await database.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.events, arguments.runs))
