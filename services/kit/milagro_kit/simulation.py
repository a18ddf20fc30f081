"""Simulated activity for a demo: a service's events published straight to the bus.

The coaching service has no API yet; its `demo` and `simulate` commands publish what it
will publish, exactly as their relays will (same subjects, `Nats-Msg-Id`
= event id), so every indicator downstream moves.
"""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from nats.js import JetStreamContext

from milagro_contracts import Event, new_envelope
from milagro_kit import bus
from milagro_kit.consumer import Consumer
from milagro_kit.demo import caught_up
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
    await caught_up(settings, consumers)
    nc = await bus.connect(settings, name=f"{settings.service}-demo", persist=False)
    try:
        # the service's own CloudEvents source, as its relay sets it
        yield Simulator(nc.jetstream(), f"/milagro/{settings.service}")
    finally:
        await nc.close()
