"""A partner's front-end, through the generated Python clients: registers a coach and a
newcomer, records their attendance at a meeting, opens a coaching academy, matches them
and books their first session.

    MILAGRO_URL=https://milagro.example.org MILAGRO_TOKEN=<coordinator's token> \\
        uv run python clients/examples/partner_front_end.py IT-SIENA

MILAGRO_URL is the gateway's one base URL (compose, Kubernetes); without a gateway
(`milagro up`) give each service's URL instead: MILAGRO_REGISTRY_URL, MILAGRO_EVENTS_URL,
MILAGRO_COACHING_URL. The token is a coordinator's of that partner
(`uv run milagro token --partner IT-SIENA --role coordinator` under `milagro up`).
"""

import os
import sys
import time
import uuid
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import Any, Protocol, TypeVar

from milagro_coaching_client import AuthenticatedClient as Coaching
from milagro_coaching_client.api.academies import (
    enrol_coach_v1_academies_academy_id_coaches_post as enrol_coach,
)
from milagro_coaching_client.api.academies import (
    enrol_newcomer_v1_academies_academy_id_newcomers_post as enrol_newcomer,
)
from milagro_coaching_client.api.academies import open_academy_v1_academies_post as open_academy
from milagro_coaching_client.api.matching import accept_match_v1_matches_match_id_accept_post
from milagro_coaching_client.api.matching import (
    run_matcher_v1_academies_academy_id_matching_post as run_matcher,
)
from milagro_coaching_client.api.sessions import book_session_v1_matches_match_id_sessions_post
from milagro_coaching_client.models import (
    AcademyIn,
    AcademyOut,
    AvailabilityIn,
    Booking,
    CoachIn,
    CoachOut,
    Decision,
    MatchingRun,
    MatchOut,
    NewcomerIn,
    NewcomerOut,
    SessionOut,
    SlotIn,
    Topic,
)
from milagro_events_client import AuthenticatedClient as Events
from milagro_events_client.api.activities import schedule_activity_v1_activities_post
from milagro_events_client.api.attendance import (
    record_attendance_v1_activities_activity_id_attendance_post as record_attendance,
)
from milagro_events_client.models import (
    ActivityIn,
    ActivityKind,
    ActivityOut,
    AttendanceIn,
    AttendanceOut,
    CheckIn,
)
from milagro_registry_client import AuthenticatedClient as Registry
from milagro_registry_client.api.participants import register_participant_v1_participants_post
from milagro_registry_client.models import (
    ConsentPurpose,
    Group,
    InitialConsent,
    MigrantStatus,
    ParticipantIn,
    ParticipantOut,
    Role,
)

T = TypeVar("T")


class Answered(Protocol):
    """A response of any of the generated clients (each package has its own class)."""

    @property
    def status_code(self) -> HTTPStatus: ...
    @property
    def headers(self) -> MutableMapping[str, str]: ...
    @property
    def content(self) -> bytes: ...
    @property
    def parsed(self) -> Any: ...


class Refused(Exception):
    """A service said no (its RFC 9457 problem is the message)."""


def answer(expected: type[T], call: Callable[[], Answered]) -> T:
    """What `call` answered, if it is an `expected`. Retried while the service asks for it
    (409 with Retry-After: a person registered a moment ago is not yet known there)."""
    response = call()
    for _ in range(30):
        if response.status_code != 409 or "retry-after" not in response.headers:
            break
        time.sleep(float(response.headers["retry-after"]))
        response = call()
    if not isinstance(response.parsed, expected):
        raise Refused(f"{response.status_code}: {response.content.decode(errors='replace')}")
    return response.parsed


@dataclass
class Round:
    """What the front-end did, by id."""

    coach: ParticipantOut
    newcomer: ParticipantOut
    meeting: ActivityOut
    academy: AcademyOut
    match: MatchOut
    session: SessionOut


def run(partner: str, registry: Registry, events: Events, coaching: Coaching) -> Round:
    consents = [
        InitialConsent(purpose=purpose, given=True, text_version="2024-01")
        for purpose in (ConsentPurpose.PARTICIPATION, ConsentPurpose.COMMUNICATIONS)
    ]

    def register(role: Role, group: Group, languages: list[str]) -> ParticipantOut:
        person = ParticipantIn(
            partner=partner,
            given_name=f"Given{uuid.uuid4().hex[:6]}",
            family_name=f"Family{uuid.uuid4().hex[:6]}",
            group=group,
            migrant_status=MigrantStatus.REFUGEE if group == Group.MIGRANT else None,
            languages=languages,
            roles=[role],
            consents=consents,
            confirm_new_person=True,  # two people may share a name
        )
        return answer(
            ParticipantOut,
            lambda: register_participant_v1_participants_post.sync_detailed(
                client=registry, body=person
            ),
        )

    coach = register(Role.COACH, Group.LOCAL, ["it", "ar"])
    newcomer = register(Role.NEWCOMER, Group.MIGRANT, ["ar"])

    now = datetime.now(UTC).replace(microsecond=0)
    meeting = answer(
        ActivityOut,
        lambda: schedule_activity_v1_activities_post.sync_detailed(
            client=events,
            body=ActivityIn(
                partner=partner,
                kind=ActivityKind.STRUCTURED_MEETING,
                title="Digital skills evening",
                place="Community centre",
                starts_at=now - timedelta(hours=2),
                ends_at=now - timedelta(hours=1),
            ),
        ),
    )
    room = AttendanceIn(attendance=[CheckIn(participant_id=p.id) for p in (coach, newcomer)])
    answer(
        AttendanceOut,
        lambda: record_attendance.sync_detailed(meeting.id, client=events, body=room),
    )

    academy = answer(
        AcademyOut,
        lambda: open_academy.sync_detailed(
            client=coaching,
            body=AcademyIn(
                partner=partner, name="Evening academy", city="Siena", time_zone="Europe/Rome"
            ),
        ),
    )
    always = AvailabilityIn(
        zone="Europe/Rome",
        slots=[SlotIn(weekday=day, start="08:00", end="20:00") for day in range(7)],
    )
    answer(
        CoachOut,
        lambda: enrol_coach.sync_detailed(
            academy.id,
            client=coaching,
            body=CoachIn(
                participant_id=coach.id,
                languages=["it", "ar"],
                topics=[Topic.WORK],
                availability=always,
            ),
        ),
    )
    answer(
        NewcomerOut,
        lambda: enrol_newcomer.sync_detailed(
            academy.id,
            client=coaching,
            body=NewcomerIn(
                participant_id=newcomer.id,
                languages=["ar"],
                needs=[Topic.WORK],
                availability=always,
            ),
        ),
    )
    proposals = answer(
        MatchingRun, lambda: run_matcher.sync_detailed(academy.id, client=coaching)
    ).proposals
    match = answer(
        MatchOut,
        lambda: accept_match_v1_matches_match_id_accept_post.sync_detailed(
            proposals[0].id, client=coaching, body=Decision()
        ),
    )
    tomorrow = (now + timedelta(days=1)).replace(hour=10, minute=0, second=0)
    session = answer(
        SessionOut,
        lambda: book_session_v1_matches_match_id_sessions_post.sync_detailed(
            match.id, client=coaching, body=Booking(starts_at=tomorrow, duration_minutes=60)
        ),
    )
    return Round(coach, newcomer, meeting, academy, match, session)


def main() -> None:
    token = os.environ["MILAGRO_TOKEN"]
    gateway = os.environ.get("MILAGRO_URL")

    def url(service: str) -> str:
        return os.environ.get(f"MILAGRO_{service.upper()}_URL") or str(gateway)

    with (
        Registry(base_url=url("registry"), token=token) as registry,
        Events(base_url=url("events"), token=token) as events,
        Coaching(base_url=url("coaching"), token=token) as coaching,
    ):
        done = run(sys.argv[1], registry, events, coaching)
    print(f"registered coach {done.coach.id} and newcomer {done.newcomer.id}")
    print(f"recorded both at meeting {done.meeting.id}")
    print(f"matched them in academy {done.academy.id} (match {done.match.id})")
    print(f"booked session {done.session.id} at {done.session.starts_at.isoformat()}")


if __name__ == "__main__":
    main()
