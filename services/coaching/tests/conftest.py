"""The coaching service in this process, with real PostgreSQL and nats-server, test tokens,
and academies, coaches, newcomers and accepted matches put straight into its tables (their
own API is another engineer's, and these tests are about what comes after a match)."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, update

from milagro_coaching.availability import Availability, Slot
from milagro_coaching.service import service
from milagro_coaching.store import academies, coaches, matches, newcomers, sessions
from milagro_kit.database import Database
from milagro_kit.testing.plugin import Api, Bus, eventually, outbox_drained

ALWAYS = Availability("UTC", tuple(Slot.parse(day, "00:00", "24:00") for day in range(7)))


@dataclass(frozen=True)
class Pair:
    """An accepted match, its people (by registry id too) and its academy's partner."""

    match_id: uuid.UUID
    coach_id: uuid.UUID
    newcomer_id: uuid.UUID
    coach_person: uuid.UUID
    newcomer_person: uuid.UUID
    partner: str


class Coaching(Api):
    """A running coaching service, its database and the test bus."""

    bus: Bus
    database: Database

    async def academy(self, partner: str = "IT-SIENA", name: str = "Siena") -> uuid.UUID:
        academy_id = uuid.uuid4()
        values = {
            "id": academy_id,
            "partner": partner,
            "name": name,
            "city": name,
            "time_zone": "Europe/Rome",
            "opened_at": datetime.now(UTC),
        }
        async with self.database.transaction() as session:
            await session.execute(insert(academies).values(values))
        return academy_id

    async def pair(
        self,
        academy: uuid.UUID,
        partner: str = "IT-SIENA",
        coach: Availability = ALWAYS,
        newcomer: Availability = ALWAYS,
        *,
        coach_of: Pair | None = None,
        newcomer_person: uuid.UUID | None = None,
        state: str = "accepted",
    ) -> Pair:
        """A newcomer of `academy` matched to a new coach, or to the coach of `coach_of`;
        `newcomer_person` enrols a person once more (as at a second academy)."""
        now = datetime.now(UTC)
        pair = Pair(
            uuid.uuid4(),
            coach_of.coach_id if coach_of else uuid.uuid4(),
            uuid.uuid4(),
            coach_of.coach_person if coach_of else uuid.uuid4(),
            newcomer_person or uuid.uuid4(),
            partner,
        )
        common = {"academy_id": academy, "languages": ["en"], "enrolled_at": now, "updated_at": now}
        async with self.database.transaction() as session:
            if coach_of is None:
                await session.execute(
                    insert(coaches).values(
                        id=pair.coach_id,
                        participant_id=pair.coach_person,
                        topics=["work"],
                        availability=coach.to_json(),
                        capacity=50,
                        state="available",
                        **common,
                    )
                )
            await session.execute(
                insert(newcomers).values(
                    id=pair.newcomer_id,
                    participant_id=pair.newcomer_person,
                    needs=["work"],
                    availability=newcomer.to_json(),
                    state="matched",
                    **common,
                )
            )
            await session.execute(
                insert(matches).values(
                    id=pair.match_id,
                    academy_id=academy,
                    coach_id=pair.coach_id,
                    newcomer_id=pair.newcomer_id,
                    state=state,
                    score=1.0,
                    reasons="test",
                    proposed_at=now,
                )
            )
        return pair

    def coach(self, pair: Pair) -> dict[str, str]:
        return self.as_(pair.partner, "coach", participant=str(pair.coach_person))

    def newcomer(self, pair: Pair) -> dict[str, str]:
        return self.as_(pair.partner, "newcomer", participant=str(pair.newcomer_person))

    async def book(self, pair: Pair, starts_at: datetime, minutes: int = 60) -> Any:
        """A booking by the pair's coach (the response, whatever it is)."""
        body = {"starts_at": starts_at.isoformat(), "duration_minutes": minutes}
        return await self.client.post(
            f"/v1/matches/{pair.match_id}/sessions", json=body, headers=self.coach(pair)
        )

    async def begin(self, session_id: str) -> None:
        """Make a booked session one that began half an hour ago (booking is for times to
        come, so tests reach "after the start" this way)."""
        now = datetime.now(UTC)
        async with self.database.transaction() as session:
            await session.execute(
                update(sessions)
                .where(sessions.c.id == uuid.UUID(session_id))
                .values(starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(minutes=30))
            )

    async def published(self, kind: str, count: int = 1) -> list[dict[str, Any]]:
        """The `kind` events (e.g. `session.held`) on the bus, once there are `count`."""
        return await self.bus.published("COACHING", f"eu.milagro.coaching.{kind}.v1", count)


@pytest.fixture
async def coaching(serve: Any, bus: Bus) -> AsyncIterator[Coaching]:
    async with serve(service) as api:
        running = Coaching(api.client, api.mint, api.settings)
        running.bus = bus
        running.database = Database(api.settings.database_url.get_secret_value())
        yield running
        await eventually(lambda: outbox_drained(api.settings), timeout=10)
        await asyncio.sleep(0.3)  # let the relay fall idle before it is cancelled
        await running.database.close()
