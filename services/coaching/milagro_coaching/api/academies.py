"""Academies, and the coaches and newcomers they enrol."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from sqlalchemy import Table, insert, select

from milagro_coaching.access import Coordinator, Member, coordinates
from milagro_coaching.api.schemas import (
    AcademyIn,
    AcademyList,
    AcademyOut,
    CoachChange,
    CoachIn,
    CoachList,
    CoachOut,
    NewcomerChange,
    NewcomerIn,
    NewcomerList,
    NewcomerOut,
)
from milagro_coaching.records import (
    Row,
    academy_for,
    ensure_coordinator,
    loads,
    member_for,
    newcomer_rows,
    newcomer_view,
)
from milagro_coaching.store import academies, certified_coaches, coaches, newcomers, participants
from milagro_contracts.coaching import AcademyOpened, CoachEnrolled, NewcomerEnrolled
from milagro_kit.auth import AUTH_RESPONSES, Principal, ensure_partner
from milagro_kit.database import update_one
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Outbox, Session

router = APIRouter(tags=["academies"])
ENROL_RESPONSES = AUTH_RESPONSES | problem_responses(404, 409, 413, 422)


@router.post(
    "/v1/academies",
    status_code=status.HTTP_201_CREATED,
    response_model=AcademyOut,
    responses=AUTH_RESPONSES | problem_responses(413, 422),
    summary="Open a coaching academy",
    description="Publishes `academy.opened`. `time_zone` is where its coordinators work.",
)
async def open_academy(
    body: AcademyIn, caller: Coordinator, session: Session, outbox: Outbox
) -> dict[str, Any]:
    ensure_partner(caller, body.partner)
    row = body.model_dump() | {"id": uuid.uuid4(), "opened_at": datetime.now(UTC)}
    await session.execute(insert(academies).values(row))
    opened = AcademyOpened(
        partner=body.partner, academy_id=row["id"], city=body.city, opened_at=row["opened_at"]
    )
    await outbox.record(opened, aggregate=f"academy:{row['id']}")
    return row


@router.get(
    "/v1/academies",
    response_model=AcademyList,
    responses=AUTH_RESPONSES,
    summary="The academies of the caller's partner (every academy for admins)",
)
async def list_academies(caller: Member, session: Session) -> AcademyList:
    query = select(academies).order_by(academies.c.opened_at, academies.c.id)
    if not caller.is_admin:
        query = query.where(academies.c.partner == caller.partner)
    return AcademyList.model_validate({"items": (await session.execute(query)).mappings().all()})


@router.get(
    "/v1/academies/{academy_id}",
    response_model=AcademyOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One academy",
)
async def read_academy(academy_id: uuid.UUID, caller: Member, session: Session) -> Row:
    return await academy_for(session, caller, academy_id)


async def _known_person(session: Session, participant_id: uuid.UUID) -> tuple[str, ...]:
    """The person's registry roles; 409 (retry) while their registration is on its way,
    422 once erased."""
    known = await participants.look_up(session, [participant_id])
    known.require([participant_id])
    return known.people[participant_id].roles


async def _enrol(session: Session, table: Table, values: dict[str, Any]) -> dict[str, Any]:
    now = datetime.now(UTC)
    row = values | {"id": uuid.uuid4(), "enrolled_at": now, "updated_at": now}
    taken = select(table.c.id).where(table.c.academy_id == row["academy_id"])
    taken = taken.where(table.c.participant_id == row["participant_id"])
    if (await session.execute(taken)).first() is not None:
        what = "coach" if table is coaches else "newcomer"
        raise Problem(409, "already-enrolled", "Already enrolled", f"already a {what} here")
    await session.execute(insert(table).values(row))
    return row


@router.post(
    "/v1/academies/{academy_id}/coaches",
    status_code=status.HTTP_201_CREATED,
    response_model=CoachOut,
    responses=ENROL_RESPONSES,
    summary="Enrol a certified coach",
    description="Refused (422 `not-certified`) unless the person completed the coach "
    "training (the events service's `training.completed`) or the registry gives them the "
    "`coach` role (certified elsewhere). Publishes `coach.enrolled`.",
)
async def enrol_coach(
    academy_id: uuid.UUID, body: CoachIn, caller: Coordinator, session: Session, outbox: Outbox
) -> dict[str, Any]:
    academy = await academy_for(session, caller, academy_id)
    ensure_coordinator(caller, academy)
    roles = await _known_person(session, body.participant_id)
    certified = select(certified_coaches.c.participant_id).where(
        certified_coaches.c.participant_id == body.participant_id
    )
    if "coach" not in roles and (await session.execute(certified)).first() is None:
        raise Problem(
            422, "not-certified", "Not certified", "this person holds no coach certification"
        )
    row = await _enrol(
        session,
        coaches,
        body.model_dump(mode="json") | {"academy_id": academy_id, "state": "available"},
    )
    enrolled = CoachEnrolled(
        partner=academy["partner"],
        coach_id=row["id"],
        participant_id=body.participant_id,
        academy_id=academy_id,
        languages=body.languages,
        enrolled_at=row["enrolled_at"],
    )
    await outbox.record(enrolled, aggregate=f"coach:{row['id']}")
    return row | {"load": 0, "participant_id": body.participant_id}


@router.get(
    "/v1/academies/{academy_id}/coaches",
    response_model=CoachList,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="The academy's coaches (a coach sees their own record only)",
)
async def list_coaches(academy_id: uuid.UUID, caller: Member, session: Session) -> CoachList:
    academy = await academy_for(session, caller, academy_id)
    query = select(coaches).where(coaches.c.academy_id == academy_id)
    if not coordinates(caller, academy["partner"]):
        query = query.where(coaches.c.participant_id == caller.participant_id)
    rows = (await session.execute(query.order_by(coaches.c.enrolled_at))).mappings().all()
    load = await loads(session, [r["id"] for r in rows])
    return CoachList.model_validate({"items": [dict(r) | {"load": load[r["id"]]} for r in rows]})


async def _coach_out(session: Session, row: Row) -> dict[str, Any]:
    return dict(row) | {"load": (await loads(session, [row["id"]]))[row["id"]]}


@router.get(
    "/v1/coaches/{coach_id}",
    response_model=CoachOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One coach (the academy's coordinators, or the coach)",
)
async def read_coach(coach_id: uuid.UUID, caller: Member, session: Session) -> dict[str, Any]:
    row, _ = await member_for(session, caller, coaches, coach_id)
    return await _coach_out(session, row)


async def _change(
    session: Session, caller: Principal, table: Table, id: uuid.UUID, values: dict[str, Any]
) -> Row:
    row, _ = await member_for(session, caller, table, id, lock=True)
    if row["state"] == "left":
        raise Problem(409, "left", "Left", "this record is closed")
    return await update_one(session, table, id, **values)


@router.patch(
    "/v1/coaches/{coach_id}",
    response_model=CoachOut,
    responses=AUTH_RESPONSES | problem_responses(404, 409, 413, 422),
    summary="Change a coach's languages, topics, availability or capacity",
)
async def change_coach(
    coach_id: uuid.UUID, body: CoachChange, caller: Member, session: Session
) -> dict[str, Any]:
    values = body.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    return await _coach_out(session, await _change(session, caller, coaches, coach_id, values))


@router.post(
    "/v1/coaches/{coach_id}/pause",
    response_model=CoachOut,
    responses=AUTH_RESPONSES | problem_responses(404, 409, 422),
    summary="Pause a coach: no new newcomers (those coached now stay)",
)
async def pause_coach(coach_id: uuid.UUID, caller: Member, session: Session) -> dict[str, Any]:
    row = await _change(session, caller, coaches, coach_id, {"state": "paused"})
    return await _coach_out(session, row)


@router.post(
    "/v1/coaches/{coach_id}/return",
    response_model=CoachOut,
    responses=AUTH_RESPONSES | problem_responses(404, 409, 422),
    summary="A paused coach takes newcomers again",
)
async def return_coach(coach_id: uuid.UUID, caller: Member, session: Session) -> dict[str, Any]:
    row = await _change(session, caller, coaches, coach_id, {"state": "available"})
    return await _coach_out(session, row)


@router.post(
    "/v1/academies/{academy_id}/newcomers",
    status_code=status.HTTP_201_CREATED,
    response_model=NewcomerOut,
    responses=ENROL_RESPONSES,
    summary="Enrol a newcomer asking for coaching",
    description="They join the waiting list. Publishes `newcomer.enrolled`.",
)
async def enrol_newcomer(
    academy_id: uuid.UUID,
    body: NewcomerIn,
    caller: Coordinator,
    session: Session,
    outbox: Outbox,
) -> dict[str, object]:
    academy = await academy_for(session, caller, academy_id)
    ensure_coordinator(caller, academy)
    await _known_person(session, body.participant_id)
    row = await _enrol(
        session,
        newcomers,
        body.model_dump(mode="json") | {"academy_id": academy_id, "state": "waiting"},
    )
    enrolled = NewcomerEnrolled(
        partner=academy["partner"],
        newcomer_id=row["id"],
        participant_id=body.participant_id,
        academy_id=academy_id,
        languages=body.languages,
        enrolled_at=row["enrolled_at"],
    )
    await outbox.record(enrolled, aggregate=f"newcomer:{row['id']}")
    return newcomer_view(row | {"participant_id": body.participant_id}, row["enrolled_at"])


@router.get(
    "/v1/academies/{academy_id}/newcomers",
    response_model=NewcomerList,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="The academy's newcomers: `state=waiting` is the waiting list, longest first",
)
async def list_newcomers(
    academy_id: uuid.UUID,
    caller: Coordinator,
    session: Session,
    state: Annotated[str | None, Query(pattern="^(waiting|matched|left)$")] = None,
) -> NewcomerList:
    academy = await academy_for(session, caller, academy_id)
    ensure_coordinator(caller, academy)
    now = datetime.now(UTC)
    rows = await newcomer_rows(session, academy_id, state)
    return NewcomerList.model_validate({"items": [newcomer_view(r, now) for r in rows]})


@router.get(
    "/v1/newcomers/{newcomer_id}",
    response_model=NewcomerOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One newcomer (the academy's coordinators, or the newcomer)",
)
async def read_newcomer(
    newcomer_id: uuid.UUID, caller: Member, session: Session
) -> dict[str, object]:
    row, _ = await member_for(session, caller, newcomers, newcomer_id)
    return newcomer_view(row, datetime.now(UTC))


@router.patch(
    "/v1/newcomers/{newcomer_id}",
    response_model=NewcomerOut,
    responses=AUTH_RESPONSES | problem_responses(404, 409, 413, 422),
    summary="Change a newcomer's languages, needs or availability",
)
async def change_newcomer(
    newcomer_id: uuid.UUID, body: NewcomerChange, caller: Member, session: Session
) -> dict[str, object]:
    values = body.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    row = await _change(session, caller, newcomers, newcomer_id, values)
    return newcomer_view(row, datetime.now(UTC))
