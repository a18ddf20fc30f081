"""Simulated activity for a demo: a service's events published straight to the bus.

The events and coaching services have no API yet; their `demo` and `simulate` commands
publish what they will publish, exactly as their relays will (same subjects, `Nats-Msg-Id`
= event id), so every indicator downstream moves.
"""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from nats.js import JetStreamContext

from milagro_contracts import Event, new_envelope
from milagro_kit import bus
from milagro_kit.consumer import Consumer
from milagro_kit.settings import Settings


@dataclass
class Simulator:
    """Publishes a service's events, dated as the simulation says."""

    js: JetStreamContext
    source: str

    async def publish(self, *events: Event, at: datetime | None = None) -> None:
        for event in events:
            await bus.publish_straight(self.js, new_envelope(event, source=self.source, time=at))

    async def stream_is_empty(self, stream: str) -> bool:
        """Whether nothing was ever published on a stream: a history is simulated only then,
        so a demo started again goes on from where it was instead of doubling it."""
        return bool((await self.js.stream_info(stream)).state.last_seq == 0)


@asynccontextmanager
async def simulator(settings: Settings, consumers: Sequence[Consumer]) -> AsyncIterator[Simulator]:
    """A simulator for the service of `settings`, once its consumers have caught up with the
    bus (so its tables know everyone the registry has published so far)."""
    nc = await bus.connect(settings, name=f"{settings.service}-demo", persist=False)
    try:
        js = nc.jetstream()
        for consumer in consumers:
            while not await bus.caught_up(js, consumer.stream, consumer.name):
                await asyncio.sleep(0.1)
        # the service's own CloudEvents source, as its relay sets it
        yield Simulator(js, f"/milagro/{settings.service}")
    finally:
        await nc.close()
