"""A consumer's handlers driven through faststream's in-memory `TestNatsBroker`: no nats-server.

Each published event is wrapped in its CloudEvents envelope, routed by subject to the
consumer as faststream declares it (`milagro_kit.broker.subscribe`), and handled at once by
the kit's runner: typed reading, the processed-event claim, the handlers and the commit,
against a real database. Fast enough for many small handler tests.

What it cannot show: faststream's test broker turns acks into no-ops and delivers every
message once, in a batch of one. Acks, redelivery, retries, dead letters and batches are
tested against a real nats-server (`running`, `bus`); here an event the kit would retry or
dead-letter fails the test instead.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, cast

from faststream.nats import NatsBroker, TestNatsBroker
from nats.aio.msg import Msg
from nats.js import JetStreamContext

from milagro_contracts import CATALOGUE, Envelope, Event, new_envelope
from milagro_kit.broker import subscribe
from milagro_kit.consumer import Consumer, ConsumerRunner
from milagro_kit.database import Database
from milagro_kit.settings import Settings

Publish = Callable[..., Awaitable[None]]


class _InMemoryRunner(ConsumerRunner):
    """The kit's runner, with the paths that need a real bus turned into test failures."""

    async def _retry_or_dead_letter(self, msg: Msg, exc: Exception) -> None:
        raise AssertionError(f"{self.consumer.name} failed on {msg.subject}: {exc!r}") from exc

    async def _dead_letter(self, msg: Msg, reason: str) -> None:
        raise AssertionError(f"{self.consumer.name} would dead-letter {msg.subject}: {reason}")


@asynccontextmanager
async def in_memory(
    consumer: Consumer, database: Database, settings: Settings | None = None
) -> AsyncIterator[Publish]:
    """`publish(*events_or_envelopes)`: each handled before `publish` returns."""
    settings = settings or Settings()
    broker = NatsBroker(settings.nats_url, logger=None)
    # The runner publishes only dead letters, which fail the test before reaching the bus.
    runner = _InMemoryRunner(consumer, database, cast(JetStreamContext, None), settings)
    subscribe(broker, consumer, runner.handle, settings)

    async def publish(*events: Event | Envelope, source: str = "/milagro/tests") -> None:
        for event in events:
            envelope = event if isinstance(event, Envelope) else new_envelope(event, source=source)
            headers: dict[str, Any] = {"Nats-Msg-Id": str(envelope.id), "ce-type": envelope.type}
            await test_broker.publish(
                envelope.model_dump_json().encode(),
                CATALOGUE[envelope.type].subject,
                headers=headers,
                stream=consumer.stream,
            )

    async with TestNatsBroker(broker) as test_broker:
        yield publish
