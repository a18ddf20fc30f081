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
        await eventually(lambda: self.bus.drained("REGISTRY", "events-directory"))
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

    async def close(self, activity_id: str, partner: str = "IT-SIENA") -> Any:
        return await self.client.post(
            f"/v1/activities/{activity_id}/close", headers=self.as_(partner)
        )

    async def training(self, partner: str = "IT-SIENA", **fields: Any) -> dict[str, Any]:
        """A mediator training of `partner` (default rule: 75% of held sessions)."""
        body = {"partner": partner, "title": "Intercultural mediators", "certification": "mediator"}
        response = await self.client.post(
            "/v1/trainings", json=body | fields, headers=self.as_(partner)
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def session_of(self, training: dict[str, Any], days_ago: int) -> dict[str, Any]:
        """A session of `training` that took place `days_ago` days ago (not closed yet)."""
        return await self.schedule(
            training["partner"],
            starts_in=timedelta(days=-days_ago),
            kind="training",
            training_id=training["id"],
        )

    async def certify(self, *ids: uuid.UUID, partner: str = "IT-SIENA") -> None:
        """`ids` certified mediators, by a one-session training they attended."""
        training = await self.training(partner)
        session = await self.session_of(training, 1)
        assert (await self.check_in(session["id"], *ids, partner=partner)).status_code == 200
        assert (await self.close(session["id"], partner)).status_code == 200
        done = await self.client.post(
            f"/v1/trainings/{training['id']}/complete", headers=self.as_(partner)
        )
        assert done.status_code == 200, done.text

    async def published(self, kind: str, count: int = 1) -> list[dict[str, Any]]:
        """The `kind` events (e.g. `activity.held`) on the bus, once there are `count`."""
        return await self.bus.published("ACTIVITIES", f"eu.milagro.activities.{kind}.v1", count)


@pytest.fixture
async def events(serve: Any, bus: Bus) -> AsyncIterator[Events]:
    async with serve(service) as api:
        running = Events(api.client, api.mint, api.settings)
        running.bus = bus
        yield running
        await eventually(lambda: outbox_drained(api.settings), timeout=10)
        await asyncio.sleep(0.3)  # let the relay fall idle before it is cancelled
