"""Observatory tests: the service on real PostgreSQL and nats-server, events published raw."""

import contextlib
import random
import sys
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from milagro_contracts import Envelope, Event, new_envelope
from milagro_contracts import activities as act
from milagro_contracts import coaching as coa
from milagro_contracts import registry as reg
from milagro_contracts.event import AgeBand, Gender, Group, MigrantStatus
from milagro_kit.database import Database
from milagro_kit.testing.plugin import eventually, running
from milagro_observatory.handlers import CONSUMERS
from milagro_observatory.service import service
from milagro_observatory.store import projection_state

PARTNERS = {"IT-SIENA": "IT", "RS-BELGRADE": "RS", "NL-UTRECHT": "NL"}

# The independent attacker (`disclosure_attacker.py`) is shared by several test modules;
# with importlib imports a test folder is not on the path by itself.
sys.path.insert(0, str(Path(__file__).parent))


def wrap(payload: Event, time: datetime) -> Envelope:
    return new_envelope(payload, source="/test", time=time)


async def caught_up(bus: Any) -> bool:
    return all([await bus.drained(consumer.stream, consumer.name) for consumer in CONSUMERS])


@dataclass
class Observatory:
    client: httpx.AsyncClient
    database: Database
    bus: Any

    async def publish_all(self, envelopes: Sequence[Envelope], duplicates: float = 0.0) -> None:
        rng = random.Random(7)
        for envelope in envelopes:
            await self.bus.publish_envelope(envelope)
            if rng.random() < duplicates:  # a redelivery the bus cannot deduplicate
                await self.bus.publish_envelope(envelope, msg_id=str(uuid.uuid4()))
        await eventually(lambda: caught_up(self.bus), timeout=30)
        await self.released()

    async def released(self) -> None:
        """Wait until the releases have been looked at since the projections last moved."""

        async with self.database.transaction() as session:
            committed = await session.scalar(select(func.sum(projection_state.c.version)))

        async def checked() -> bool:
            # the process serves what was committed (its watcher has seen it), and the
            # releases have been looked at since
            doc = (await self.client.get("/v1/releases")).json()
            return doc["checked_version"] == doc["data_version"] == committed

        await eventually(checked, timeout=30)

    async def get(self, path: str, **params: Any) -> Any:
        response = await self.client.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def observatory_with(service_settings: Any, bus: Any) -> Any:
    """`async with observatory_with(**settings) as o`: an observatory of one's own."""

    @contextlib.asynccontextmanager
    async def start(**overrides: Any) -> AsyncIterator[Observatory]:
        settings = await service_settings(service, release_interval_s=0.05, **overrides)
        database = Database(settings.database_url.get_secret_value())
        async with running(service, settings) as client:
            yield Observatory(client, database, bus)
        await database.close()

    return start


@pytest.fixture
async def observatory(observatory_with: Any) -> Any:
    """An observatory publishing every figure (threshold 1), so tests can count exactly."""
    async with observatory_with(disclosure_threshold=1) as started:
        yield started


@dataclass
class History:
    """A generated programme history and the ground truth computed straight from it."""

    registry: list[Envelope] = field(default_factory=list)
    activities: list[Envelope] = field(default_factory=list)
    coaching: list[Envelope] = field(default_factory=list)
    people: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    present: dict[tuple[uuid.UUID, uuid.UUID], tuple[bool, str, str, str]] = field(
        default_factory=dict
    )
    certified: dict[uuid.UUID, set[str]] = field(default_factory=dict)
    scores: dict[tuple[uuid.UUID, str], float] = field(default_factory=dict)
    research: set[uuid.UUID] = field(default_factory=set)
    """People who consent to research statistics (and have not withdrawn it)."""
    sessions_held: int = 0
    minutes_held: int = 0
    ratings: list[int] = field(default_factory=list)


def generate(seed: int = 1, people: int = 60) -> History:
    rng = random.Random(seed)
    h = History()
    start = datetime(2026, 1, 5, 10, tzinfo=UTC)
    clock = start
    for code, country in PARTNERS.items():
        h.registry.append(
            wrap(
                reg.PartnerRegistered(
                    partner=code,
                    name=f"Partner {code}",
                    kind=reg.PartnerKind.full,
                    country=country,
                    city="City",
                ),
                clock,
            )
        )
    for i in range(people):
        clock += timedelta(hours=7)
        pid = uuid.uuid4()
        partner = rng.choice(list(PARTNERS))
        group = rng.choice([Group.local, Group.migrant])
        attrs = reg.ParticipantAttributes(
            group=group,
            migrant_status=rng.choice(list(MigrantStatus)) if group == Group.migrant else None,
            gender=rng.choice([Gender.female, Gender.male]),
            age_band=rng.choice([AgeBand.age_18_24, AgeBand.age_25_34]),
        )
        h.people[pid] = {
            "partner": partner,
            "group": group.value,
            "gender": attrs.gender,
            "month": f"{clock.year}-{clock.month:02d}",
        }
        h.registry.append(
            wrap(
                reg.ParticipantRegistered(
                    partner=partner, participant_id=pid, registered_at=clock, attributes=attrs
                ),
                clock,
            )
        )
        if i % 4 != 1:  # three in four consent to research statistics; one withdraws later
            withdraws = i % 12 == 6
            if not withdraws:
                h.research.add(pid)
            for given, when in ((True, clock), (False, clock + timedelta(days=3)))[: 1 + withdraws]:
                h.registry.append(
                    wrap(
                        reg.ParticipantConsentChanged(
                            partner=partner,
                            participant_id=pid,
                            purpose=reg.ConsentPurpose.research_statistics,
                            given=given,
                            text_version="2026-01",
                            changed_at=when,
                        ),
                        when,
                    )
                )
        if i % 10 == 3:  # a later change of gender (a registry update): what happened
            new = Gender.non_binary  # before it, the registration included, keeps the old one
            h.people[pid]["gender_from"] = (clock + timedelta(days=1), new)
            h.registry.append(
                wrap(
                    reg.ParticipantUpdated(
                        partner=partner,
                        participant_id=pid,
                        updated_at=clock + timedelta(days=1),
                        changed=reg.ParticipantAttributesChange(gender=new),
                    ),
                    clock + timedelta(days=1),
                )
            )
    ids = list(h.people)
    for a in range(8):
        activity = uuid.uuid4()
        kind = rng.choice(
            [
                act.ActivityKind.structured_meeting,
                act.ActivityKind.storytelling,
                act.ActivityKind.training,
            ]
        )
        partner = rng.choice(list(PARTNERS))
        starts = start + timedelta(days=20 * a)
        for pid in rng.sample(ids, 15):
            present = rng.random() < 0.8
            t = starts + timedelta(hours=3)
            h.activities.append(
                wrap(
                    act.AttendanceRecorded(
                        partner=partner,
                        activity_id=activity,
                        kind=kind,
                        participant_id=pid,
                        present=present,
                        activity_starts_at=starts,
                    ),
                    t,
                )
            )
            if present and rng.random() < 0.2:  # corrected later: was absent after all
                present = False
                h.activities.append(
                    wrap(
                        act.AttendanceRecorded(
                            partner=partner,
                            activity_id=activity,
                            kind=kind,
                            participant_id=pid,
                            present=False,
                            activity_starts_at=starts,
                        ),
                        t + timedelta(days=2),
                    )
                )
            month = f"{starts.year}-{starts.month:02d}"
            h.present[(activity, pid)] = (present, kind.value, partner, month)
            if kind == act.ActivityKind.training and present and rng.random() < 0.5:
                cert = rng.choice(list(act.Certification))
                h.certified.setdefault(pid, set()).add(cert.value)
                h.activities.append(
                    wrap(
                        act.TrainingCompleted(
                            partner=partner,
                            activity_id=activity,
                            participant_id=pid,
                            certification=cert,
                            completed_at=starts + timedelta(days=1),
                        ),
                        t,
                    )
                )
    for pid in rng.sample(ids, 30):
        person = h.people[pid]
        pre = round(rng.uniform(1, 4), 2)
        post = round(pre + rng.uniform(-0.5, 1.5), 2)
        for phase, value, when in (("pre", pre, start), ("post", post, start + timedelta(days=90))):
            h.activities.append(
                wrap(
                    act.AssessmentSubmitted(
                        partner=person["partner"],
                        assessment_id=uuid.uuid4(),
                        instrument_id="rfcdc",
                        instrument_version=1,
                        participant_id=pid,
                        group=Group(person["group"]),
                        phase=act.Phase(phase),
                        scores={"total": value},
                        submitted_at=when,
                    ),
                    when,
                )
            )
        h.scores[(pid, "pre")] = pre
        h.scores[(pid, "post")] = post
    academy = uuid.uuid4()
    h.coaching.append(
        wrap(
            coa.AcademyOpened(
                partner="IT-SIENA", academy_id=academy, city="Siena", opened_at=start
            ),
            start,
        )
    )
    coach_pid, coach_id = ids[0], uuid.uuid4()
    h.coaching.append(
        wrap(
            coa.CoachEnrolled(
                partner="IT-SIENA",
                coach_id=coach_id,
                participant_id=coach_pid,
                academy_id=academy,
                languages=["it"],
                enrolled_at=start,
            ),
            start,
        )
    )
    for pid in ids[1:9]:
        newcomer, match = uuid.uuid4(), uuid.uuid4()
        h.coaching.append(
            wrap(
                coa.NewcomerEnrolled(
                    partner="IT-SIENA",
                    newcomer_id=newcomer,
                    participant_id=pid,
                    academy_id=academy,
                    languages=["ar"],
                    enrolled_at=start,
                ),
                start,
            )
        )
        h.coaching.append(
            wrap(
                coa.MatchMade(
                    partner="IT-SIENA",
                    match_id=match,
                    coach_id=coach_id,
                    newcomer_id=newcomer,
                    score=0.8,
                    made_at=start,
                ),
                start,
            )
        )
        for s in range(3):
            session_id = uuid.uuid4()
            when = start + timedelta(days=7 * (s + 1))
            minutes = rng.choice([30, 45, 60])
            if s == 2:
                h.coaching.append(
                    wrap(
                        coa.SessionCancelled(
                            partner="IT-SIENA",
                            session_id=session_id,
                            match_id=match,
                            starts_at=when,
                        ),
                        when,
                    )
                )
                continue
            h.sessions_held += 1
            h.minutes_held += minutes
            h.coaching.append(
                wrap(
                    coa.SessionHeld(
                        partner="IT-SIENA",
                        session_id=session_id,
                        match_id=match,
                        starts_at=when,
                        duration_minutes=minutes,
                    ),
                    when,
                )
            )
            rating = rng.randint(3, 5)
            h.ratings.append(rating)
            h.coaching.append(
                wrap(
                    coa.FeedbackSubmitted(
                        partner="IT-SIENA",
                        session_id=session_id,
                        match_id=match,
                        side=coa.Side.newcomer,
                        rating=rating,
                        submitted_at=when,
                    ),
                    when,
                )
            )
    return h


@pytest.fixture
def history() -> History:
    return generate()


@pytest.fixture
def envelope_at() -> Any:
    """`envelope_at(payload, time)`: a payload in an envelope with that event time."""
    return wrap


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
