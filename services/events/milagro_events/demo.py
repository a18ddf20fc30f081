"""`milagro-events demo` and `milagro-events simulate`: the demo's activities.

Until the events service has its API, the demo publishes what it will publish (see
`milagro_kit.simulation`): `demo` a programme round per partner over five months, once;
`simulate` then a new activity every few seconds, until stopped. Only the pseudonymous
ids of the participants this service learnt from the registry are used.
"""

import asyncio
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from milagro_contracts.activities import (
    ActivityHeld,
    ActivityKind,
    ActivityScheduled,
    AssessmentSubmitted,
    AttendanceRecorded,
    CampCompleted,
    Certification,
    CountsByGroup,
    Phase,
    TrainingCompleted,
)
from milagro_contracts.event import Group
from milagro_events.directory import registry_events
from milagro_events.store import directory
from milagro_kit.database import read_once
from milagro_kit.settings import Settings
from milagro_kit.simulation import Simulator, simulator

CITIES = {"IT-SIENA": "Siena", "RS-BELGRADE": "Belgrade", "NL-UTRECHT": "Utrecht"}


@dataclass(frozen=True)
class Person:
    """Someone who may attend: id, partner, group."""

    id: uuid.UUID
    partner: str
    group: Group


async def _people(settings: Settings) -> list[Person]:
    query = (
        select(directory)
        .where(directory.c.erased_at.is_(None))
        .order_by(directory.c.participant_id)
    )
    rows = await read_once(settings.database_url.get_secret_value(), query)
    return [Person(r.participant_id, r.partner, Group(r.group)) for r in rows]


class DemoActivities:
    """Simulated activities of the demo participants."""

    def __init__(self, simulator: Simulator, people: Sequence[Person], seed: int = 7) -> None:
        self.publish = simulator.publish
        self.people = list(people)
        self.rng = random.Random(seed)

    def _of(self, partner: str) -> list[Person]:
        return [p for p in self.people if p.partner == partner]

    async def history(self, now: datetime) -> None:
        """A programme round per partner: meetings, storytelling, trainings, a summer camp,
        pre/post assessments."""
        for partner, city in CITIES.items():
            people = self._of(partner)
            for month in range(5, 0, -1):
                await self.activity(partner, city, people, now - timedelta(days=30 * month))
            await self.training(
                partner,
                people,
                Certification.mediator if partner == "IT-SIENA" else Certification.coach,
                now - timedelta(days=40),
            )
            await self.camp(partner, people, now - timedelta(days=20))
            await self.assessments(partner, people, now - timedelta(days=120), now)

    async def activity(
        self,
        partner: str,
        city: str,
        people: Sequence[Person],
        when: datetime,
        kind: ActivityKind | None = None,
    ) -> None:
        kind = kind or self.rng.choice(
            [
                ActivityKind.structured_meeting,
                ActivityKind.storytelling,
                ActivityKind.dissemination,
                ActivityKind.mediation_service,
            ]
        )
        activity = uuid.uuid4()
        attending = self.rng.sample(people, k=min(len(people), self.rng.randint(6, 14)))
        await self.publish(
            ActivityScheduled(
                partner=partner,
                activity_id=activity,
                kind=kind,
                place=city,
                starts_at=when,
                ends_at=when + timedelta(hours=2),
                capacity=30,
            ),
            at=when - timedelta(days=7),
        )
        await self.publish(
            *(
                AttendanceRecorded(
                    partner=partner,
                    activity_id=activity,
                    kind=kind,
                    participant_id=p.id,
                    present=True,
                    activity_starts_at=when,
                )
                for p in attending
            ),
            at=when,
        )
        await self.publish(
            ActivityHeld(
                partner=partner,
                activity_id=activity,
                kind=kind,
                held_at=when,
                attendance=CountsByGroup(
                    local=sum(p.group is Group.local for p in attending),
                    migrant=sum(p.group is Group.migrant for p in attending),
                ),
                facilitator_ids=[p.id for p in attending[:1] if p.group is Group.migrant],
            ),
            at=when,
        )

    async def training(
        self, partner: str, people: Sequence[Person], certification: Certification, when: datetime
    ) -> None:
        activity = uuid.uuid4()
        trainees = [p for p in people if p.group is Group.migrant][:7]
        await self.publish(
            *(
                TrainingCompleted(
                    partner=partner,
                    activity_id=activity,
                    participant_id=p.id,
                    certification=certification,
                    completed_at=when,
                )
                for p in trainees
            ),
            at=when,
        )

    async def camp(self, partner: str, people: Sequence[Person], when: datetime) -> None:
        await self.publish(
            CampCompleted(
                partner=partner,
                activity_id=uuid.uuid4(),
                days=5,
                completed_at=when,
                participants=CountsByGroup(
                    local=sum(p.group is Group.local for p in people),
                    migrant=sum(p.group is Group.migrant for p in people),
                ),
            ),
            at=when,
        )

    async def assessments(
        self, partner: str, people: Sequence[Person], pre: datetime, post: datetime
    ) -> None:
        for person in people:
            competence = self.rng.uniform(2.0, 3.6)
            distance = self.rng.uniform(2.0, 5.0)
            for phase, when, gain in ((Phase.pre, pre, 0.0), (Phase.post, post, 1.0)):
                await self.publish(
                    AssessmentSubmitted(
                        partner=partner,
                        assessment_id=uuid.uuid4(),
                        participant_id=person.id,
                        group=person.group,
                        phase=phase,
                        submitted_at=when,
                        instrument_id="rfcdc",
                        instrument_version=1,
                        scores={"total": round(competence + gain * self.rng.uniform(-0.1, 0.8), 2)},
                    ),
                    AssessmentSubmitted(
                        partner=partner,
                        assessment_id=uuid.uuid4(),
                        participant_id=person.id,
                        group=person.group,
                        phase=phase,
                        submitted_at=when,
                        instrument_id="social-distance",
                        instrument_version=1,
                        scores={
                            "distance": round(distance - gain * self.rng.uniform(-0.2, 1.2), 2)
                        },
                    ),
                    at=when,
                )

    async def trickle(self, every_s: float = 5.0) -> None:
        """An activity somewhere every few seconds, until cancelled."""
        while True:
            await asyncio.sleep(every_s)
            partner = self.rng.choice(list(CITIES))
            now = datetime.now(UTC)
            await self.activity(partner, CITIES[partner], self._of(partner), now)


async def load_demo(settings: Settings) -> str:
    """Publish the simulated history of activities, unless the bus has it already."""
    async with simulator(settings, [registry_events]) as simulation:
        if not await simulation.stream_is_empty("ACTIVITIES"):
            return "the simulated activities were already on the bus"
        people = await _people(settings)
        await DemoActivities(simulation, people).history(datetime.now(UTC))
    return f"five months of simulated activities of {len(people)} participants"


async def simulate(settings: Settings) -> str:
    """A new simulated activity every few seconds, until stopped."""
    async with simulator(settings, [registry_events]) as simulation:
        await DemoActivities(simulation, await _people(settings)).trickle()
    return "stopped"
