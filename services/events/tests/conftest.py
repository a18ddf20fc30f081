"""The events service in this process, with real PostgreSQL and nats-server, test tokens,
and people announced on the bus as the registry would."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from milagro_contracts.event import Group, Role
from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered
from milagro_events.service import service
from milagro_kit.testing.plugin import Api, Bus, eventually, outbox_drained


class Events(Api):
    """A running events service, the test bus, and shortcuts a front-end would take."""

    bus: Bus

    async def people(
        self, n: int, partner: str = "IT-SIENA", group: Group = Group.migrant, *roles: Role
    ) -> list[uuid.UUID]:
        """`n` people registered at the registry, known here once this returns."""
        ids = [uuid.uuid4() for _ in range(n)]
        attributes = ParticipantAttributes(group=group, roles=list(roles or [Role.participant]))
        await self.bus.publish(
            *(
                ParticipantRegistered(
                    partner=partner,
                    participant_id=i,
                    registered_at=datetime.now(UTC),
                    attributes=attributes,
                )
                for i in ids
            )
        )
        await eventually(lambda: self.bus.drained("REGISTRY", "events-registry"))
        return ids

    async def schedule(
        self, partner: str = "IT-SIENA", *, starts_in: timedelta = timedelta(0), **fields: Any
    ) -> dict[str, Any]:
        """A two-hour activity starting `starts_in` from now (default: now)."""
        starts = datetime.now(UTC) + starts_in
        body = {
            "partner": partner,
            "kind": "structured_meeting",
            "title": "Democracy in the neighbourhood",
            "place": "Siena",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
        } | fields
        response = await self.client.post("/v1/activities", json=body, headers=self.as_(partner))
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def check_in(
        self, activity_id: str, *ids: uuid.UUID, present: bool = True, partner: str = "IT-SIENA"
    ) -> Any:
        body = {"attendance": [{"participant_id": str(i), "present": present} for i in ids]}
        return await self.client.post(
            f"/v1/activities/{activity_id}/attendance", json=body, headers=self.as_(partner)
        )


@pytest.fixture
async def events(serve: Any, bus: Bus) -> AsyncIterator[Events]:
    async with serve(service) as api:
        running = Events(api.client, api.mint, api.settings)
        running.bus = bus
        yield running
        await eventually(lambda: outbox_drained(api.settings), timeout=10)
        await asyncio.sleep(0.3)  # let the relay fall idle before it is cancelled
