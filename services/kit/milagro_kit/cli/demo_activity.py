"""Demo activity: what the events and coaching services will publish, simulated on the bus.

Until those services have their APIs, `milagro up --demo` publishes their contract events
itself (straight to JetStream, with Nats-Msg-Id = event id, exactly as their relays
will), first a history and then a trickle, so every indicator of the observatory moves.
Only pseudonymous ids of the demo's registered participants are used.
"""

import asyncio
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from nats.js import JetStreamContext

from milagro_contracts import Event, new_envelope, spec_of
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
from milagro_contracts.event import Group

CITIES = {"IT-SIENA": "Siena", "RS-BELGRADE": "Belgrade", "NL-UTRECHT": "Utrecht"}
ACADEMIES = ("IT-SIENA", "RS-BELGRADE")


@dataclass(frozen=True)
class Person:
    """A registered demo participant, as the bus may know them: id, partner, group."""

    id: uuid.UUID
    partner: str
    group: Group


class DemoActivity:
    """Publishes simulated activities and coaching for the demo participants."""

    def __init__(self, js: JetStreamContext, people: Sequence[Person], seed: int = 7) -> None:
        self.js = js
        self.people = list(people)
        self.rng = random.Random(seed)

    async def publish(self, *events: Event, at: datetime | None = None) -> None:
        for event in events:
            source = f"/milagro/{event.context}"
            envelope = new_envelope(event, source=source, time=at)
            await self.js.publish(
                spec_of(type(event)).subject,
                envelope.model_dump_json().encode(),
                headers={"Nats-Msg-Id": str(envelope.id), "ce-type": envelope.type},
            )

    def _of(self, partner: str) -> list[Person]:
        return [p for p in self.people if p.partner == partner]

    async def history(self, now: datetime) -> None:
        """A programme round per partner: meetings, storytelling, trainings, a summer camp,
        pre/post assessments; coaching academies in Siena and Belgrade."""
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
            if partner in ACADEMIES:
                await self.coaching(partner, city, people, now - timedelta(days=60))

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

    async def coaching(
        self, partner: str, city: str, people: Sequence[Person], when: datetime
    ) -> None:
        academy = uuid.uuid4()
        await self.publish(
            AcademyOpened(partner=partner, academy_id=academy, city=city, opened_at=when), at=when
        )
        coaches = [p for p in people if p.group is Group.local][:4]
        newcomers = [p for p in people if p.group is Group.migrant][:8]
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

    async def trickle(self, every_s: float = 3.0) -> None:
        """Something happens somewhere every few seconds, until cancelled."""
        while True:
            await asyncio.sleep(every_s)
            partner = self.rng.choice(list(CITIES))
            now = datetime.now(UTC)
            if partner in ACADEMIES and self.rng.random() < 0.4:
                await self.session(partner, uuid.uuid4(), now)
            else:
                await self.activity(partner, CITIES[partner], self._of(partner), now)
