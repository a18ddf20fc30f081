"""The registry in this process, with real PostgreSQL and nats-server, and test tokens."""

import asyncio
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest

from milagro_kit.auth.devkeys import TokenMint
from milagro_kit.database import asyncpg_dsn
from milagro_kit.settings import Settings
from milagro_kit.testing.auth import bearer, mint, trusting
from milagro_kit.testing.plugin import eventually, running
from milagro_registry.service import service

__all__ = ["mint"]

PARTNERS = [
    {"code": "IT-SIENA", "name": "Comune di Siena", "country": "IT", "city": "Siena"},
    {"code": "RS-BELGRADE", "name": "Grad Beograd", "country": "RS", "city": "Belgrade"},
]
_serial = itertools.count(1)


@dataclass
class Registry:
    """A running registry, the database behind it, and tokens for its callers."""

    client: httpx.AsyncClient
    settings: Settings
    mint: TokenMint

    def as_(self, partner: str | None = None, *roles: str, **claims: Any) -> dict[str, str]:
        """Headers of a person of `partner` with `roles` (default: coordinator)."""
        return bearer(self.mint.token(partner=partner, roles=roles or ("coordinator",), **claims))

    @property
    def admin(self) -> dict[str, str]:
        return bearer(self.mint.token(roles=["admin"], subject="admin@consortium"))

    def service(self, name: str) -> dict[str, str]:
        return bearer(self.mint.token(service=name))

    async def register(
        self, partner: str = "IT-SIENA", headers: dict[str, str] | None = None, **fields: Any
    ) -> dict[str, Any]:
        """Register a participant (unique name and e-mail unless given; a different
        person from any other, whom the likely-duplicate rules must not stop, unless
        `confirm_new_person` is given as False); returns its JSON."""
        n = next(_serial)
        body = {
            "partner": partner,
            "given_name": f"Amina{n}",
            "family_name": "Haddad",
            "email": f"amina.{n}@example.org",
            "birth_date": "1990-04-01",
            "preferred_language": "ar",
            "group": "migrant",
            "migrant_status": "refugee",
            "gender": "female",
            "country": partner[:2],
            "languages": ["ar", "it"],
            "roles": ["participant"],
            "confirm_new_person": True,
        } | fields
        response = await self.client.post(
            "/v1/participants", json=body, headers=headers or self.as_(partner)
        )
        assert response.status_code == 201, response.text
        return dict(response.json())


@pytest.fixture
async def registry(service_settings: Any, mint: TokenMint) -> AsyncIterator[Registry]:
    settings = await service_settings(service, **trusting(mint))
    async with running(service, settings) as client:
        registry = Registry(client, settings, mint)
        for partner in PARTNERS:
            response = await client.post("/v1/partners", json=partner, headers=registry.admin)
            assert response.status_code == 201, response.text
        yield registry
        # Let the relay drain and fall idle before it is cancelled: on Python 3.11
        # asyncio.wait_for can swallow a cancellation that races a wake-up (relay.py).
        await eventually(lambda: outbox_drained(settings), timeout=10)
        await asyncio.sleep(0.3)


async def outbox_drained(settings: Settings) -> bool:
    connection = await asyncpg.connect(asyncpg_dsn(settings.database_url.get_secret_value()))
    try:
        return not await connection.fetchval(
            "SELECT count(*) FROM outbox WHERE published_at IS NULL"
        )
    finally:
        await connection.close()
