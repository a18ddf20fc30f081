"""Small random programme histories over the three streams, for the order tests.

Everything a figure can depend on is in them: registrations, updates of group and age
band, research consent given and withdrawn, attendance and its corrections, trainings,
pre/post assessments, coaching (academies, enrolments, matches, sessions some of which
are within the last 90 days, feedback), a person registered twice and merged, and an
erasure after the person's last fact. Event times are those of a plausible history; the
order of delivery is the tests' business.
"""

import random
import uuid
from datetime import datetime, timedelta

from milagro_contracts import Envelope, Event, new_envelope
from milagro_contracts import activities as act
from milagro_contracts import coaching as coa
from milagro_contracts import registry as reg
from milagro_contracts.event import AgeBand, Gender, Group, MigrantStatus

PARTNERS = {"IT-SIENA": "IT", "RS-BELGRADE": "RS"}
AGE_BANDS = [AgeBand.age_18_24, AgeBand.age_25_34, AgeBand.age_35_44]


class Programme:
    def __init__(self, rng: random.Random, start: datetime) -> None:
        self.rng = rng
        self.start = start
        self.envelopes: list[Envelope] = []
        self.people: list[tuple[uuid.UUID, str, Group]] = []

    def add(self, payload: Event, at: datetime) -> None:
        self.envelopes.append(new_envelope(payload, source="/test", time=at))

    def day(self, low: float, high: float) -> datetime:
        return self.start + timedelta(days=self.rng.uniform(low, high))

    def register(self, at: datetime) -> uuid.UUID:
        r, pid = self.rng, uuid.uuid4()
        partner, group = r.choice(list(PARTNERS)), r.choice([Group.local, Group.migrant])
        attributes = reg.ParticipantAttributes(
            group=group,
            migrant_status=MigrantStatus.refugee if group is Group.migrant else None,
            gender=r.choice([Gender.female, Gender.male]),
            age_band=r.choice(AGE_BANDS),
        )
        self.add(
            reg.ParticipantRegistered(
                partner=partner, participant_id=pid, registered_at=at, attributes=attributes
            ),
            at,
        )
        self.people.append((pid, partner, group))
        return pid

    def update(self, pid: uuid.UUID, partner: str, group: Group, at: datetime) -> None:
        change = (
            reg.ParticipantAttributesChange(age_band=self.rng.choice(AGE_BANDS))
            if group is Group.migrant or self.rng.random() < 0.5
            else reg.ParticipantAttributesChange(
                group=Group.migrant, migrant_status=MigrantStatus.asylum_seeker
            )
        )
        self.add(
            reg.ParticipantUpdated(
                partner=partner, participant_id=pid, updated_at=at, changed=change
            ),
            at,
        )

    def consent(self, pid: uuid.UUID, partner: str, given: bool, at: datetime) -> None:
        self.add(
            reg.ParticipantConsentChanged(
                partner=partner,
                participant_id=pid,
                purpose=reg.ConsentPurpose.research_statistics,
                given=given,
                text_version="2026-01",
                changed_at=at,
            ),
            at,
        )

    def attend(
        self,
        activity: uuid.UUID,
        kind: act.ActivityKind,
        partner: str,
        pid: uuid.UUID,
        at: datetime,
    ) -> None:
        present = self.rng.random() < 0.8
        for recorded, value in ((at, present), (at + timedelta(days=1), not present)):
            self.add(
                act.AttendanceRecorded(
                    partner=partner,
                    activity_id=activity,
                    kind=kind,
                    participant_id=pid,
                    present=value,
                    activity_starts_at=at,
                ),
                recorded,
            )
            if self.rng.random() < 0.8:
                break  # most are never corrected


def programme(rng: random.Random, now: datetime) -> list[Envelope]:
    """One small random history, ending a little before `now`."""
    p = Programme(rng, now - timedelta(days=300))
    for code, country in PARTNERS.items():
        p.add(
            reg.PartnerRegistered(
                partner=code, name=code, kind=reg.PartnerKind.full, country=country, city="C"
            ),
            p.start,
        )
    for _ in range(rng.randint(4, 9)):
        pid = p.register(p.day(0, 60))
        _, partner, group = p.people[-1]
        if rng.random() < 0.5:  # changes group or age band midway
            p.update(pid, partner, group, p.day(60, 200))
        if rng.random() < 0.7:
            p.consent(pid, partner, True, p.day(0, 60))
            if rng.random() < 0.3:
                p.consent(pid, partner, False, p.day(200, 250))
    people = list(p.people)
    kinds = [act.ActivityKind.structured_meeting, act.ActivityKind.storytelling]
    for _ in range(rng.randint(2, 4)):
        activity, at = uuid.uuid4(), p.day(10, 250)
        kind, partner = rng.choice([*kinds, act.ActivityKind.training]), rng.choice(list(PARTNERS))
        for pid, _, _ in rng.sample(people, rng.randint(1, len(people))):
            p.attend(activity, kind, partner, pid, at)
            if kind is act.ActivityKind.training and rng.random() < 0.5:
                p.add(
                    act.TrainingCompleted(
                        partner=partner,
                        activity_id=activity,
                        participant_id=pid,
                        certification=rng.choice(list(act.Certification)),
                        completed_at=at,
                    ),
                    at + timedelta(hours=2),
                )
    for pid, partner, group in rng.sample(people, rng.randint(0, len(people))):
        for phase, when in ((act.Phase.pre, p.day(0, 100)), (act.Phase.post, p.day(150, 250))):
            p.add(
                act.AssessmentSubmitted(
                    partner=partner,
                    assessment_id=uuid.uuid4(),
                    instrument_id="rfcdc",
                    instrument_version=1,
                    participant_id=pid,
                    group=group,
                    phase=phase,
                    scores={"total": round(rng.uniform(1, 5), 2)},
                    submitted_at=when,
                ),
                when,
            )
    _coaching(p, people)
    if rng.random() < 0.5:  # someone registered twice, seen at a meeting, then merged
        kept, partner, _ = rng.choice(people)
        twin = p.register(p.day(60, 100))
        meeting = uuid.uuid4()
        p.attend(meeting, act.ActivityKind.structured_meeting, partner, twin, p.day(100, 150))
        at = p.day(260, 270)
        p.add(
            reg.ParticipantsMerged(partner=partner, kept_id=kept, merged_id=twin, merged_at=at), at
        )
    if rng.random() < 0.6:  # someone erased after everything else about them
        pid, partner, _ = rng.choice(people)
        at = p.day(290, 295)
        p.add(reg.ParticipantErased(partner=partner, participant_id=pid, erased_at=at), at)
    return p.envelopes


def _coaching(p: Programme, people: list[tuple[uuid.UUID, str, Group]]) -> None:
    rng = p.rng
    for _ in range(rng.randint(1, 2)):
        academy, partner = uuid.uuid4(), rng.choice(list(PARTNERS))
        at = p.day(0, 20)
        p.add(coa.AcademyOpened(partner=partner, academy_id=academy, city="C", opened_at=at), at)
        coach, (coach_pid, _, _) = uuid.uuid4(), rng.choice(people)
        p.add(
            coa.CoachEnrolled(
                partner=partner,
                coach_id=coach,
                participant_id=coach_pid,
                academy_id=academy,
                languages=["it"],
                enrolled_at=at,
            ),
            at + timedelta(hours=1),
        )
        for pid, _, _ in rng.sample(people, rng.randint(1, 3)):
            newcomer, match, at = uuid.uuid4(), uuid.uuid4(), p.day(20, 40)
            p.add(
                coa.NewcomerEnrolled(
                    partner=partner,
                    newcomer_id=newcomer,
                    participant_id=pid,
                    academy_id=academy,
                    languages=["ar"],
                    enrolled_at=at,
                ),
                at,
            )
            p.add(
                coa.MatchMade(
                    partner=partner,
                    match_id=match,
                    coach_id=coach,
                    newcomer_id=newcomer,
                    score=0.5,
                    made_at=at,
                ),
                at + timedelta(hours=1),
            )
            for _ in range(rng.randint(1, 3)):
                # half a day off a whole day: no session sits on the 90-day edge while a
                # test runs
                session, when = uuid.uuid4(), p.start + timedelta(days=rng.randint(41, 280) + 0.5)
                p.add(
                    coa.SessionHeld(
                        partner=partner,
                        session_id=session,
                        match_id=match,
                        starts_at=when,
                        duration_minutes=rng.choice([30, 60]),
                    ),
                    when,
                )
                if rng.random() < 0.5:
                    p.add(
                        coa.FeedbackSubmitted(
                            partner=partner,
                            session_id=session,
                            match_id=match,
                            side=rng.choice(list(coa.Side)),
                            rating=rng.randint(1, 5),
                            submitted_at=when,
                        ),
                        when + timedelta(hours=1),
                    )
