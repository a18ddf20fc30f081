"""Shared by the observatory benchmarks: a realistic event mix, servers, a migrated database.

The mix covers the three streams the observatory consumes, with ids that refer to each
other the way the owning services' events do (attendance of registered participants,
sessions of made matches, pre and post assessments of the same person):

    REGISTRY    ~25%  partners, participant registered (most), updated, a few erased
    ACTIVITIES  ~45%  attendance (most), assessments (rfcdc, social-distance), activities
                      held, trainings, camps
    COACHING    ~30%  academies, coach/newcomer enrolments, matches, sessions held /
                      cancelled / no-show, feedback

Payloads are built with the contract classes (validated) and wrapped in real CloudEvents
envelopes (`milagro_contracts.new_envelope`), published straight to JetStream untimed.
"""

import asyncio
import contextlib
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from nats.js import JetStreamContext
from nats.js.errors import NotFoundError
from sqlalchemy import MetaData, text

from milagro_contracts import STREAMS, Event, new_envelope, spec_of
from milagro_contracts import activities as act
from milagro_contracts import coaching as coa
from milagro_contracts import registry as reg
from milagro_contracts.event import AgeBand, Gender, Group, MigrantStatus
from milagro_kit import bus
from milagro_kit.database import Database, database_url
from milagro_kit.migrations import ensure_database, upgrade
from milagro_kit.outbox import add_kit_tables
from milagro_kit.settings import Settings
from milagro_observatory.handlers import CONSUMERS
from milagro_observatory.service import service as observatory
from milagro_observatory.store import PROJECTIONS
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres, free_port

PARTNERS = ("IT-SIENA", "NL-UTRECHT", "RS-NOVISAD", "BE-GENT", "ES-MADRID", "DE-BERLIN")
SOURCES = {
    "REGISTRY": "/milagro/registry",
    "ACTIVITIES": "/milagro/events",
    "COACHING": "/milagro/coaching",
}
_PROCESSED = add_kit_tables(MetaData())[1]

Message = tuple[str, bytes, dict[str, str]]  # subject, body, headers


def _stream_of(payload: Event) -> str:
    return {"registry": "REGISTRY", "activities": "ACTIVITIES", "coaching": "COACHING"}[
        payload.context
    ]


class _Mix:
    """Draws events one at a time; keeps the ids later events refer to."""

    def __init__(self, seed: int, erasures: bool, days: int = 540) -> None:
        self.r = random.Random(seed)
        self.erasures = erasures
        self.days = days
        self.start = datetime(2025, 1, 1, tzinfo=UTC)
        self.people: list[tuple[uuid.UUID, str, Group]] = []
        self.activities: list[tuple[uuid.UUID, str, act.ActivityKind]] = []
        self.coaches: list[tuple[uuid.UUID, str]] = []
        self.newcomers: list[tuple[uuid.UUID, str]] = []
        self.academies: list[tuple[uuid.UUID, str]] = []
        self.matches: list[tuple[uuid.UUID, str]] = []
        self.sessions: list[tuple[uuid.UUID, uuid.UUID, str]] = []
        self.assessed: list[tuple[uuid.UUID, str, Group]] = []

    def when(self, i: int, n: int) -> datetime:
        return self.start + timedelta(days=self.days * i / max(n, 1), seconds=self.r.random())

    def person(self) -> tuple[uuid.UUID, str, Group]:
        return self.r.choice(self.people)

    def events(self, n: int) -> Iterator[Event]:
        r = self.r
        for p in PARTNERS:
            yield reg.PartnerRegistered(
                partner=p,
                name=f"Partner {p}",
                kind=reg.PartnerKind.full,
                country=p[:2],
                city=p[3:].title(),
            )
        for i in range(n - len(PARTNERS)):
            at = self.when(i, n)
            x = r.random()
            if not self.people or x < 0.20:
                yield self.registered(at)
            elif x < 0.24:
                pid, partner, _ = self.person()
                yield reg.ParticipantUpdated(
                    partner=partner,
                    participant_id=pid,
                    updated_at=at,
                    changed=reg.ParticipantAttributesChange(age_band=r.choice(list(AgeBand))),
                )
            elif x < 0.2405 and self.erasures:
                pid, partner, _ = self.people.pop(r.randrange(len(self.people)))
                yield reg.ParticipantErased(partner=partner, participant_id=pid, erased_at=at)
            elif x < 0.25 or not self.activities:
                yield self.held(at)
            elif x < 0.55:
                aid, partner, kind = r.choice(self.activities)
                pid = self.person()[0]
                yield act.AttendanceRecorded(
                    partner=partner,
                    activity_id=aid,
                    kind=kind,
                    participant_id=pid,
                    present=r.random() < 0.85,
                    activity_starts_at=at,
                )
            elif x < 0.65:
                yield self.assessment(at)
            elif x < 0.665:
                aid, partner, _ = r.choice(self.activities)
                yield act.TrainingCompleted(
                    partner=partner,
                    activity_id=aid,
                    participant_id=self.person()[0],
                    certification=r.choice(list(act.Certification)),
                    completed_at=at,
                )
            elif x < 0.67:
                yield act.CampCompleted(
                    partner=r.choice(PARTNERS),
                    activity_id=uuid.uuid4(),
                    days=r.randint(3, 14),
                    participants=act.CountsByGroup(
                        local=r.randint(5, 30), migrant=r.randint(5, 30)
                    ),
                    completed_at=at,
                )
            else:
                yield self.coaching(at)

    def registered(self, at: datetime) -> Event:
        r = self.r
        pid, partner = uuid.uuid4(), r.choice(PARTNERS)
        group = Group.migrant if r.random() < 0.5 else Group.local
        self.people.append((pid, partner, group))
        return reg.ParticipantRegistered(
            partner=partner,
            participant_id=pid,
            registered_at=at,
            attributes=reg.ParticipantAttributes(
                group=group,
                migrant_status=r.choice(list(MigrantStatus)) if group == Group.migrant else None,
                gender=r.choice(list(Gender)),
                age_band=r.choice(list(AgeBand)),
                country=partner[:2],
                languages=["en"],
            ),
        )

    def held(self, at: datetime) -> Event:
        r = self.r
        aid, partner, kind = uuid.uuid4(), r.choice(PARTNERS), r.choice(list(act.ActivityKind))
        self.activities.append((aid, partner, kind))
        return act.ActivityHeld(
            partner=partner,
            activity_id=aid,
            kind=kind,
            held_at=at,
            attendance=act.CountsByGroup(local=r.randint(0, 20), migrant=r.randint(0, 20)),
            facilitator_ids=[self.person()[0] for _ in range(r.randint(0, 2))],
        )

    def assessment(self, at: datetime) -> Event:
        r = self.r
        if self.assessed and r.random() < 0.5:  # the post of someone assessed before
            pid, instrument, group = self.assessed.pop(r.randrange(len(self.assessed)))
            phase = act.Phase.post
        else:
            pid, _, group = self.person()
            instrument = r.choice(("rfcdc", "social-distance"))
            self.assessed.append((pid, instrument, group))
            phase = act.Phase.pre
        names = ("total", "openness", "empathy") if instrument == "rfcdc" else ("distance",)
        return act.AssessmentSubmitted(
            partner=r.choice(PARTNERS),
            assessment_id=uuid.uuid4(),
            instrument_id=instrument,
            instrument_version=1,
            participant_id=pid,
            group=group,
            phase=phase,
            scores={s: round(r.uniform(1, 5), 2) for s in names},
            submitted_at=at,
        )

    def coaching(self, at: datetime) -> Event:
        r = self.r
        x = r.random()
        if not self.academies or x < 0.003:
            aid, partner = uuid.uuid4(), r.choice(PARTNERS)
            self.academies.append((aid, partner))
            return coa.AcademyOpened(partner=partner, academy_id=aid, city="Siena", opened_at=at)
        academy, partner = r.choice(self.academies)
        if not self.coaches or x < 0.07:
            cid = uuid.uuid4()
            self.coaches.append((cid, partner))
            return coa.CoachEnrolled(
                partner=partner,
                coach_id=cid,
                participant_id=self.person()[0],
                academy_id=academy,
                languages=["en"],
                enrolled_at=at,
            )
        if not self.newcomers or x < 0.20:
            nid = uuid.uuid4()
            self.newcomers.append((nid, partner))
            return coa.NewcomerEnrolled(
                partner=partner,
                newcomer_id=nid,
                participant_id=self.person()[0],
                academy_id=academy,
                languages=["ar"],
                enrolled_at=at,
            )
        if not self.matches or x < 0.33:
            mid = uuid.uuid4()
            self.matches.append((mid, partner))
            return coa.MatchMade(
                partner=partner,
                match_id=mid,
                coach_id=r.choice(self.coaches)[0],
                newcomer_id=r.choice(self.newcomers)[0],
                score=r.random(),
                made_at=at,
            )
        mid, partner = r.choice(self.matches)
        if not self.sessions or x < 0.73:
            sid = uuid.uuid4()
            self.sessions.append((sid, mid, partner))
            return coa.SessionHeld(
                partner=partner,
                session_id=sid,
                match_id=mid,
                starts_at=at,
                duration_minutes=r.choice((30, 45, 60)),
                topics=[coa.Topic.work],
            )
        if x < 0.80:
            return coa.SessionCancelled(
                partner=partner, session_id=uuid.uuid4(), match_id=mid, starts_at=at
            )
        if x < 0.83:
            return coa.SessionNoShow(
                partner=partner, session_id=uuid.uuid4(), match_id=mid, starts_at=at
            )
        sid, mid, partner = r.choice(self.sessions)
        return coa.FeedbackSubmitted(
            partner=partner,
            session_id=sid,
            match_id=mid,
            side=r.choice(list(coa.Side)),
            rating=r.randint(1, 5),
            submitted_at=at,
        )


def generate(
    n: int, seed: int = 7, *, erasures: bool = True, days: int = 540
) -> dict[str, list[Message]]:
    """n events of the mix over `days`, as messages per stream (event order in each stream).

    Erasures are 1 in 2,000. A fact from another stream that lands after its participant's
    erasure goes to the same stranger as the others (a tombstone), so the figures do not
    depend on how the streams interleave and a replay compares them with erasures in.
    """
    out: dict[str, list[Message]] = {"REGISTRY": [], "ACTIVITIES": [], "COACHING": []}
    mix = _Mix(seed, erasures, days)
    for i, payload in enumerate(mix.events(n)):
        stream = _stream_of(payload)
        envelope = new_envelope(payload, source=SOURCES[stream], time=mix.when(i, n))
        body = envelope.model_dump_json().encode()
        subject = spec_of(type(payload)).subject
        out[stream].append(
            (subject, body, {"Nats-Msg-Id": str(envelope.id), "ce-type": envelope.type})
        )
    return out


async def reset_streams(js: JetStreamContext, settings: Settings) -> None:
    for stream in STREAMS:
        with contextlib.suppress(NotFoundError):
            await js.delete_stream(stream.name)
    await bus.provision_streams(js, settings)


async def publish(js: JetStreamContext, messages: dict[str, list[Message]]) -> None:
    """Publish every message, PubAcks awaited in windows (untimed set-up)."""
    for batch in messages.values():
        for start in range(0, len(batch), 20_000):
            futures = [
                await js.publish_async(s, b, headers=h, wait_stall=10.0)
                for s, b, h in batch[start : start + 20_000]
            ]
            await asyncio.gather(*futures)


@dataclass
class Servers:
    postgres: EmbeddedPostgres
    nats: EmbeddedNats
    root: Path

    def stop(self) -> None:
        self.nats.stop()
        self.postgres.stop()


def start_servers(prefix: str) -> Servers:
    root = Path(tempfile.mkdtemp(prefix=prefix))
    postgres = EmbeddedPostgres(root / "postgres", free_port())
    nats = EmbeddedNats(root / "nats", free_port())
    postgres.start()
    nats.start()
    return Servers(postgres, nats, root)


async def observatory_database(postgres_url: str, prefix: str = "bench") -> str:
    """A migrated observatory database on the server; returns its URL."""
    await ensure_database(postgres_url, f"{prefix}_observatory")
    url = database_url(postgres_url, "observatory", prefix)
    await asyncio.to_thread(upgrade, url, observatory.migrations)
    return url


async def empty_projections(database: Database) -> None:
    """What `rebuild` empties, and the observatory's processed-event records."""
    async with database.transaction() as session:
        names = ", ".join(f'"{t.name}"' for t in PROJECTIONS)
        await session.execute(text(f"TRUNCATE {names}"))
        await session.execute(
            _PROCESSED.delete().where(_PROCESSED.c.consumer.in_([c.name for c in CONSUMERS]))
        )


async def fresh_durables(js: JetStreamContext, settings: Settings) -> None:
    for consumer in CONSUMERS:
        with contextlib.suppress(NotFoundError):
            await js.delete_consumer(consumer.stream, consumer.name)
        await bus.provision_consumer(js, consumer.durable, settings)


def timed(label: str) -> "contextlib.AbstractContextManager[None]":
    @contextlib.contextmanager
    def block() -> Iterator[None]:
        started = time.perf_counter()
        yield
        print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)

    return block()
