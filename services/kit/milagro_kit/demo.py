"""What a service's `demo` command needs to drive its own API as a partner front-end would:
an HTTP client with the demo's admin token (`milagro up --demo` and `milagro run` mint
one), and waits for the bus."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import asyncpg
import httpx
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from milagro_kit import bus
from milagro_kit.consumer import Consumer
from milagro_kit.database import asyncpg_dsn
from milagro_kit.settings import Settings


class DemoSettings(BaseSettings):
    """The admin token a demo calls its service with."""

    model_config = SettingsConfigDict(env_prefix="MILAGRO_", env_file=".env", extra="ignore")

    admin_token: SecretStr


@asynccontextmanager
async def own_api(settings: Settings, timeout: float = 30) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the service the settings describe, calling with the demo's admin token."""
    token = DemoSettings().admin_token.get_secret_value()
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{settings.port}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=timeout,
    ) as client:
        yield client


async def caught_up(settings: Settings, consumers: Sequence[Consumer]) -> None:
    """Return once the service's consumers have handled everything on the bus so far (so
    its tables know everyone the registry has published)."""
    nc = await bus.connect(settings, name=f"{settings.service}-demo", persist=False)
    try:
        js = nc.jetstream()
        for consumer in consumers:
            while not await bus.caught_up(js, consumer.stream, consumer.name):
                await asyncio.sleep(0.1)
    finally:
        await nc.close()


async def all_published(settings: Settings) -> None:
    """Return once the service's relay has put every outbox row on the bus."""
    connection = await asyncpg.connect(asyncpg_dsn(settings.database_url.get_secret_value()))
    try:
        unpublished = "SELECT count(*) FROM outbox WHERE published_at IS NULL"
        while await connection.fetchval(unpublished):
            await asyncio.sleep(0.1)
    finally:
        await connection.close()
