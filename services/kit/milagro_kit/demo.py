"""What a service's `demo` command needs to drive its own API as a partner front-end would:
an HTTP client with the demo's admin token (`milagro up --demo` and `milagro run` mint
one), the tokens of the people it animates (signed with the development key, which only a
development platform hands its commands), and waits for the bus."""

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from milagro_kit import bus
from milagro_kit.auth.mint import TokenMint
from milagro_kit.consumer import Consumer
from milagro_kit.database import asyncpg_dsn
from milagro_kit.settings import Settings


class DemoSettings(BaseSettings):
    """The admin token a demo calls its service with, and the development key."""

    model_config = SettingsConfigDict(env_prefix="MILAGRO_", env_file=".env", extra="ignore")

    admin_token: SecretStr
    demo_signing_key_file: Path | None = None


def person_headers(
    settings: Settings, partner: str, role: str, participant_id: object
) -> dict[str, str]:
    """The Authorization header of a person (a coach, a newcomer) acting for themself."""
    key_file = DemoSettings().demo_signing_key_file
    if key_file is None:
        raise RuntimeError("no development key: run the demo from `milagro up --demo`")
    mint = TokenMint.from_pem_file(key_file, settings.auth_issuer, settings.auth_audience)
    token = mint.token(partner=partner, roles=[role], participant=str(participant_id))
    return {"Authorization": f"Bearer {token}"}


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
