"""Pytest fixtures for MILAGRO tests on real servers (loaded with `-p milagro_kit.testing.plugin`).

One PostgreSQL and one nats-server per test session; every test that needs a service
gets its own freshly migrated database, and `bus` gives it clean streams.
"""

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError, ServerError

from milagro_contracts import STREAMS, Event, new_envelope, spec_of
from milagro_kit import bus as kit_bus
from milagro_kit.database import Database
from milagro_kit.migrations import ensure_database, upgrade
from milagro_kit.service import Service, create_app
from milagro_kit.settings import Settings
from milagro_kit.stack import database_url
from milagro_kit.testing.servers import Servers, test_servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    with test_servers(tmp_path_factory.mktemp("servers")) as running_servers:
        yield running_servers


async def reset_streams(js: JetStreamContext, settings: Settings) -> None:
    """Delete every stream and provision it afresh, empty."""
    for stream in STREAMS:
        with contextlib.suppress(NotFoundError):
            await js.delete_stream(stream.name)
    for attempt in range(50):
        try:
            await kit_bus.provision_streams(js, settings)
            return
        except ServerError:  # "error creating store": the deleted store is still going away
            if attempt == 49:
                raise
            await asyncio.sleep(0.1)


@dataclass
class Bus:
    nc: NATS
    js: JetStreamContext
    settings: Settings


@pytest.fixture
async def bus(servers: Servers) -> AsyncIterator[Bus]:
    """Empty streams, freshly provisioned, and a connection to them."""
    settings = Settings(
        nats_url=servers.nats_url,
        consumer_max_deliver=3,
        consumer_nak_delay_s=0.1,
        relay_poll_interval_s=0.2,
    )
    nc = await kit_bus.connect(settings, name="tests")
    js = nc.jetstream()
    await reset_streams(js, settings)
    yield Bus(nc, js, settings)
    await nc.close()


async def new_database(servers: Servers, service: Service) -> str:
    """A new database for one service, migrated to head; returns its URL."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    await ensure_database(servers.postgres_url, f"{prefix}_{service.name}")
    url = database_url(servers.postgres_url, service.name, prefix)
    await asyncio.to_thread(upgrade, url, service.migrations)
    return url


@pytest.fixture
async def service_database(
    servers: Servers,
) -> AsyncIterator[Callable[[Service], Awaitable[Database]]]:
    """A service's own fresh database and no bus, for in-memory handler tests
    (`milagro_kit.testing.in_memory`): `await service_database(svc)`."""
    opened: list[Database] = []

    async def make(service: Service) -> Database:
        opened.append(Database(await new_database(servers, service)))
        return opened[-1]

    yield make
    for database in opened:
        await database.close()


@asynccontextmanager
async def running(service: Service, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The service in this process (API, relay, consumers) and an HTTP client to it."""
    nc = await kit_bus.connect(settings, name=f"{service.name}-provision")
    for consumer in service.consumers:
        await kit_bus.provision_consumer(nc.jetstream(), consumer.durable, settings)
    await nc.close()
    app = create_app(service, settings)
    async with app.router.lifespan_context(app):
        # As under uvicorn, a bug answers 500 problem+json instead of raising into the test.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client


@pytest.fixture
def service_settings(servers: Servers, bus: Bus) -> Callable[..., Awaitable[Settings]]:
    """Settings for a service with its own fresh database: `await service_settings(svc)`."""

    async def make(service: Service, **overrides: Any) -> Settings:
        url = await new_database(servers, service)
        fields = bus.settings.model_dump() | {"service": service.name, "database_url": url}
        return service.settings(**(fields | overrides))

    return make


async def publish(bus: Bus, *events: Event, source: str = "/milagro/tests") -> None:
    """Put events straight on the bus, as their owning service's relay would."""
    for event in events:
        envelope = new_envelope(event, source=source)
        await bus.js.publish(
            spec_of(type(event)).subject,
            envelope.model_dump_json().encode(),
            headers={"Nats-Msg-Id": str(envelope.id), "ce-type": envelope.type},
        )


async def drained(bus: Bus, stream: str, durable: str) -> bool:
    """Whether a durable consumer has nothing left to deliver and nothing awaiting an ack."""
    consumer = await bus.js.consumer_info(stream, durable)
    return bool(consumer.num_pending == 0 and consumer.num_ack_pending == 0)


async def eventually(
    check: Callable[[], Awaitable[bool]], timeout: float = 10.0, interval: float = 0.05
) -> float:
    """Wait until `check` holds; returns the seconds it took, fails after `timeout`."""
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)
    return time.monotonic() - started
