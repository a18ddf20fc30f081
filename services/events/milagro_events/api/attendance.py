"""Attendance: check one person or a whole room in (or out), and read who came."""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert

from milagro_contracts.activities import ActivityKind, AttendanceRecorded
from milagro_events import life_cycle
from milagro_events.access import Reader, Recorder, manages
from milagro_events.activities import Row, activity_for, aggregate_of, rules_view
from milagro_events.api.schemas import AttendanceIn, AttendanceList, AttendanceOut
from milagro_events.directory import Known, look_up
from milagro_events.store import activities, attendance
from milagro_kit.auth import AUTH_RESPONSES, Principal
from milagro_kit.directory import erased
from milagro_kit.problems import REFUSALS, Problem, problem_responses
from milagro_kit.service import Outbox, Session

router = APIRouter(prefix="/v1/activities/{activity_id}/attendance", tags=["attendance"])

_UPSERT = insert(attendance)
UPSERT = _UPSERT.on_conflict_do_update(
    constraint="attendance_once_per_person",
    set_={"present": _UPSERT.excluded.present, "recorded_at": _UPSERT.excluded.recorded_at},
)


def _may_record(caller: Principal, activity: Row) -> None:
    """Managers of the partner, and the activity's own facilitators."""
    me = caller.participant_id
    if not (manages(caller, activity["partner"]) or me in activity["facilitator_ids"]):
        raise Problem(
            403,
            "forbidden",
            "Not allowed",
            "attendance is recorded by the partner's coordinators and staff, and by the "
            "activity's facilitators",
        )


@router.post(
    "",
    response_model=AttendanceOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Record attendance: one person or a whole room (up to 500)",
    description="Idempotent: what is already recorded changes nothing and publishes nothing; "
    "a different `present` corrects a record until the activity is closed. Each new or "
    "corrected record publishes `attendance.recorded`. People not known here yet (their "
    "registration is still on its way from the registry) are recorded and listed in "
    "`awaiting_registration`; erased people and people outside the activity's target "
    "groups are refused (422, with their ids).",
)
async def record_attendance(
    activity_id: uuid.UUID, body: AttendanceIn, caller: Recorder, session: Session, outbox: Outbox
) -> AttendanceOut:
    activity = await activity_for(session, caller, activity_id, lock=True)
    _may_record(caller, activity)
    now = datetime.now(UTC)
    view = rules_view(activity)
    life_cycle.record_attendance(view, now)
    ids = [c.participant_id for c in body.attendance]
    known = await look_up(session, ids)
    _refuse_the_wrong_people(activity, known)
    existing = dict(
        (
            await session.execute(
                select(attendance.c.participant_id, attendance.c.present)
                .where(attendance.c.activity_id == activity_id)
                .where(attendance.c.participant_id.in_(ids))
            )
        ).all()
    )
    changes = [c for c in body.attendance if existing.get(c.participant_id) != c.present]
    present = activity["present"] + sum(
        int(c.present) - int(existing.get(c.participant_id) is True) for c in changes
    )
    life_cycle.within_capacity(view, present)
    if changes:
        rows = [
            {
                "activity_id": activity_id,
                "participant_id": c.participant_id,
                "present": c.present,
                "group": known.people[c.participant_id].group
                if c.participant_id in known.people
                else None,
                "recorded_at": now,
            }
            for c in changes
        ]
        await session.execute(UPSERT, rows)
        await session.execute(
            update(activities)
            .where(activities.c.id == activity_id)
            .values(present=present, updated_at=now)
        )
        kind = ActivityKind(activity["kind"])
        await outbox.record(
            *(
                AttendanceRecorded(
                    partner=activity["partner"],
                    activity_id=activity_id,
                    kind=kind,
                    participant_id=c.participant_id,
                    present=c.present,
                    activity_starts_at=activity["starts_at"],
                )
                for c in changes
            ),
            aggregate=aggregate_of(activity_id),
        )
    return AttendanceOut(
        recorded=len(changes),
        unchanged=len(body.attendance) - len(changes),
        present=present,
        awaiting_registration=known.unknown(ids),
    )


def _refuse_the_wrong_people(activity: Row, known: Known) -> None:
    if known.erased:
        raise erased(known.erased)
    groups = activity["target_groups"]
    outside = sorted(str(i) for i, p in known.people.items() if p.group not in groups)
    if outside:
        raise Problem(
            422,
            "outside-target-groups",
            "Outside the target groups",
            f"this activity is for {' and '.join(groups)} participants; "
            f"{len(outside)} of these people are not",
            participant_ids=outside,
        )


@router.get(
    "",
    response_model=AttendanceList,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="Who was recorded at an activity (pseudonymous ids)",
)
async def read_attendance(
    activity_id: uuid.UUID, caller: Reader, session: Session
) -> AttendanceList:
    await activity_for(session, caller, activity_id)
    query = (
        select(attendance)
        .where(attendance.c.activity_id == activity_id)
        .where(attendance.c.participant_id.is_not(None))
        .order_by(attendance.c.recorded_at, attendance.c.id)
    )
    rows = (await session.execute(query)).mappings().all()
    return AttendanceList.model_validate({"items": rows})
