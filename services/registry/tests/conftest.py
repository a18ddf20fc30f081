"""The registry in this process, with real PostgreSQL and nats-server, and test tokens."""

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import pytest

from milagro_kit.testing.plugin import Api, eventually, outbox_drained
from milagro_registry.service import service

_serial = itertools.count(1)


class Registry(Api):
    """A running registry with two partners, and tokens for its callers."""

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
async def registry(serve: Any) -> AsyncIterator[Registry]:
    async with serve(service, partners=("IT-SIENA", "RS-BELGRADE")) as api:
        yield Registry(api.client, api.mint, api.settings)
        # Let the relay drain and fall idle before it is cancelled: on Python 3.11
        # asyncio.wait_for can swallow a cancellation that races a wake-up (relay.py).
        await eventually(lambda: outbox_drained(api.settings), timeout=10)
        await asyncio.sleep(0.3)
