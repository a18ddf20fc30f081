"""Pytest fixtures and helpers for MILAGRO tests on real servers (`-p milagro_kit.testing.plugin`).

The servers themselves come from a `servers` fixture: the development platform's plugin
(`-p milagro_platform.testing`) starts them once per session. Every test that needs a
service gets its own freshly migrated database, and `bus` gives it clean streams.
"""

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import asyncpg
import httpx
import pytest
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.api import RawStreamMsg
from nats.js.errors import NotFoundError, ServerError

from milagro_contracts import STREAMS, Envelope, Event, new_envelope
from milagro_kit import bus as kit_bus
from milagro_kit.auth.mint import TokenMint
from milagro_kit.database import Database, asyncpg_dsn, database_url
from milagro_kit.migrations import ensure_database, upgrade
from milagro_kit.service import Role, Service, create_app
from milagro_kit.settings import Settings
from milagro_kit.testing.auth import bearer, trusting


class Servers(Protocol):
    """Where the test session's PostgreSQL and nats-server listen (the `servers` fixture)."""

    postgres_url: str
    nats_url: str


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
    """A connection to the test's streams, and what tests do with them."""

    nc: NATS
    js: JetStreamContext
    settings: Settings

    async def publish(
        self, *events: Event, source: str = "/milagro/tests", time: datetime | None = None
    ) -> list[Envelope]:
        """Put events straight on the bus, as their owning service's relay would."""
        envelopes = [new_envelope(event, source=source, time=time) for event in events]
        for envelope in envelopes:
            await kit_bus.publish_straight(self.js, envelope)
        return envelopes

    async def publish_envelope(self, envelope: Envelope, *, msg_id: str | None = None) -> None:
        """Put one envelope on the bus (another `msg_id`: a copy the bus cannot deduplicate)."""
        await kit_bus.publish_straight(self.js, envelope, msg_id=msg_id)

    async def messages(self, stream: str) -> list[RawStreamMsg]:
        """Every message in a stream, in stream order."""
        info = await self.js.stream_info(stream)
        if not info.state.messages:
            return []
        return [
            await self.js.get_msg(stream, seq)
            for seq in range(info.state.first_seq, info.state.last_seq + 1)
        ]

    async def events(self, stream: str) -> list[dict[str, Any]]:
        """Every envelope in a stream, as JSON, in stream order."""
        return [json.loads(message.data or b"") for message in await self.messages(stream)]

    async def drained(self, stream: str, durable: str) -> bool:
        """Whether a durable consumer has nothing left to deliver and nothing awaiting an ack."""
        return await kit_bus.caught_up(self.js, stream, durable)

    async def published(self, stream: str, type: str, count: int = 1) -> list[dict[str, Any]]:
        """The envelopes of CloudEvents `type` in `stream`, once there are `count`."""

        async def found() -> list[dict[str, Any]]:
            return [e for e in await self.events(stream) if e["type"] == type]

        async def enough() -> bool:
            return len(await found()) >= count

        await eventually(enough)
        return await found()


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
async def running(
    service: Service, settings: Settings, role: Role = Role.whole
) -> AsyncIterator[httpx.AsyncClient]:
    """The service in this process (API, relay, consumers, or what `role` runs) and an HTTP
    client to it."""
    nc = await kit_bus.connect(settings, name=f"{service.name}-provision")
    for consumer in service.consumers:
        await kit_bus.provision_consumer(nc.jetstream(), consumer.durable, settings)
    await nc.close()
    app = create_app(service, settings, role)
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


@pytest.fixture(scope="session")
def mint() -> TokenMint:
    """Signs test tokens with a key made for this test session."""
    return TokenMint.generate(issuer="milagro-tests", audience="milagro")


@dataclass
class Api:
    """An HTTP client to a service that trusts the session's `mint`, and its callers' tokens."""

    client: httpx.AsyncClient
    mint: TokenMint
    settings: Settings | None = None

    def as_(self, partner: str | None = None, *roles: str, **claims: Any) -> dict[str, str]:
        """Headers of a person of `partner` with `roles` (default: coordinator)."""
        return bearer(self.mint.token(partner=partner, roles=roles or ("coordinator",), **claims))

    @property
    def admin(self) -> dict[str, str]:
        """Headers of a consortium admin."""
        return bearer(self.mint.token(roles=["admin"], subject="admin@consortium"))

    def service(self, name: str) -> dict[str, str]:
        """Headers of another service's credential."""
        return bearer(self.mint.token(service=name))

    async def add_partners(self, *codes: str) -> None:
        """Register partners through the registry's API (this client must reach a registry;
        one already there is fine); a partner's country is its code's first two letters."""
        for code in codes:
            body = {"code": code, "name": f"Partner {code}", "country": code[:2], "city": "City"}
            response = await self.client.post("/v1/partners", json=body, headers=self.admin)
            assert response.status_code in (201, 409), response.text


@asynccontextmanager
async def calling(url: str, mint: TokenMint) -> AsyncIterator[Api]:
    """An `Api` to a service running in another process (the end-to-end tests' stacks)."""
    async with httpx.AsyncClient(base_url=url, timeout=20) as client:
        yield Api(client, mint)


@pytest.fixture
def serve(
    service_settings: Callable[..., Awaitable[Settings]], mint: TokenMint
) -> Callable[..., contextlib.AbstractAsyncContextManager[Api]]:
    """`async with serve(service, partners=(...), **settings) as api`: the service in this
    process with a fresh database, trusting the session's mint, its partners registered."""

    @asynccontextmanager
    async def serving(
        service: Service, *, partners: tuple[str, ...] = (), **overrides: Any
    ) -> AsyncIterator[Api]:
        settings = await service_settings(service, **(trusting(mint) | overrides))
        async with running(service, settings) as client:
            api = Api(client, mint, settings)
            await api.add_partners(*partners)
            yield api

    return serving


async def outbox_drained(settings: Settings) -> bool:
    """Whether the service's relay has published every event in its outbox."""
    connection = await asyncpg.connect(asyncpg_dsn(settings.database_url.get_secret_value()))
    try:
        return not await connection.fetchval(
            "SELECT count(*) FROM outbox WHERE published_at IS NULL"
        )
    finally:
        await connection.close()


async def every_row(url: str) -> str:
    """Every row of every table of a database, as text (to look for what must not be there)."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )
        rows = []
        for table in tables:
            rows += await connection.fetch(f'SELECT t::text AS row FROM "{table[0]}" t')
        return "\n".join(r["row"] for r in rows)
    finally:
        await connection.close()


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
