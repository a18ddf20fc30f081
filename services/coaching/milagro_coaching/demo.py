"""`milagro-coaching demo` and `milagro-coaching simulate`: the demo's coaching.

Until the coaching service has its API, the demo publishes what it will publish (see
`milagro_kit.simulation`): `demo` an academy in Siena and one in Belgrade, their coaches
and newcomers (people the registry gave those roles), matches and three weeks of
sessions, once; `simulate` then a new session every few seconds, until stopped.
"""

import asyncio
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from milagro_coaching.store import participants
from milagro_contracts.coaching import (
    AcademyOpened,
    CoachEnrolled,
    FeedbackSubmitted,
    MatchMade,
    NewcomerEnrolled,
    SessionHeld,
    Side,
    Topic,
)
from milagro_contracts.event import Role
from milagro_kit.database import read_once
from milagro_kit.settings import Settings
from milagro_kit.simulation import Simulator, simulator

ACADEMIES = {"IT-SIENA": "Siena", "RS-BELGRADE": "Belgrade"}


@dataclass(frozen=True)
class Person:
    """Someone who may coach or be coached: id, partner, roles."""

    id: uuid.UUID
    partner: str
    roles: tuple[str, ...]


async def _people(settings: Settings) -> list[Person]:
    people = participants.people
    query = select(people).order_by(people.c.participant_id)
    rows = await read_once(settings.database_url.get_secret_value(), query)
    return [Person(r.participant_id, r.partner, tuple(r.roles)) for r in rows]


class DemoCoaching:
    """Simulated coaching of the demo participants."""

    def __init__(self, simulator: Simulator, people: Sequence[Person], seed: int = 7) -> None:
        self.publish = simulator.publish
        self.people = list(people)
        self.rng = random.Random(seed)

    def holding(self, partner: str, role: Role) -> list[Person]:
        return [p for p in self.people if p.partner == partner and role in p.roles]

    async def history(self, now: datetime) -> None:
        """An academy per academy partner, opened two months ago."""
        for partner, city in ACADEMIES.items():
            await self.coaching(partner, city, now - timedelta(days=60))

    async def coaching(self, partner: str, city: str, when: datetime) -> None:
        academy = uuid.uuid4()
        await self.publish(
            AcademyOpened(partner=partner, academy_id=academy, city=city, opened_at=when), at=when
        )
        coaches = self.holding(partner, Role.coach)
        newcomers = self.holding(partner, Role.newcomer) if coaches else []
        coach_ids = {p.id: uuid.uuid4() for p in coaches}
        for coach in coaches:
            await self.publish(
                CoachEnrolled(
                    partner=partner,
                    coach_id=coach_ids[coach.id],
                    participant_id=coach.id,
                    academy_id=academy,
                    languages=["en"],
                    enrolled_at=when,
                ),
                at=when,
            )
        for index, newcomer in enumerate(newcomers):
            newcomer_id, match = uuid.uuid4(), uuid.uuid4()
            coach_id = coach_ids[coaches[index % len(coaches)].id]
            await self.publish(
                NewcomerEnrolled(
                    partner=partner,
                    newcomer_id=newcomer_id,
                    participant_id=newcomer.id,
                    academy_id=academy,
                    languages=["en"],
                    enrolled_at=when,
                ),
                at=when,
            )
            await self.publish(
                MatchMade(
                    partner=partner,
                    match_id=match,
                    coach_id=coach_id,
                    newcomer_id=newcomer_id,
                    score=round(self.rng.uniform(0.6, 0.95), 2),
                    made_at=when,
                ),
                at=when,
            )
            for week in range(1, 4):
                await self.session(partner, match, when + timedelta(days=7 * week))

    async def session(self, partner: str, match: uuid.UUID, when: datetime) -> None:
        session = uuid.uuid4()
        await self.publish(
            SessionHeld(
                partner=partner,
                session_id=session,
                match_id=match,
                starts_at=when,
                duration_minutes=self.rng.choice([45, 60, 60, 90]),
                topics=self.rng.sample(list(Topic), k=2),
            ),
            at=when,
        )
        await self.publish(
            *(
                FeedbackSubmitted(
                    partner=partner,
                    session_id=session,
                    match_id=match,
                    side=side,
                    rating=self.rng.choice([3, 4, 4, 5, 5]),
                    submitted_at=when,
                )
                for side in Side
            ),
            at=when,
        )

    async def trickle(self, every_s: float = 7.5) -> None:
        """A coaching session somewhere every few seconds, until cancelled."""
        while True:
            await asyncio.sleep(every_s)
            await self.session(self.rng.choice(list(ACADEMIES)), uuid.uuid4(), datetime.now(UTC))


async def load_demo(settings: Settings) -> str:
    """Publish the simulated coaching history, unless the bus has it already."""
    async with simulator(settings, [participants.consumer]) as simulation:
        if not await simulation.stream_is_empty("COACHING"):
            return "the simulated coaching was already on the bus"
        coaching = DemoCoaching(simulation, await _people(settings))
        await coaching.history(datetime.now(UTC))
    coaches = sum(len(coaching.holding(partner, Role.coach)) for partner in ACADEMIES)
    return f"coaching academies in {', '.join(ACADEMIES.values())}, {coaches} coaches"


async def simulate(settings: Settings) -> str:
    """A new simulated coaching session every few seconds, until stopped."""
    async with simulator(settings, [participants.consumer]) as simulation:
        await DemoCoaching(simulation, await _people(settings)).trickle()
    return "stopped"
