"""Activities: schedule, find, reschedule, cancel, close."""

import uuid
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, status
from sqlalchemy import insert, select

from milagro_contracts.activities import (
    ActivityCancelled,
    ActivityHeld,
    ActivityKind,
    ActivityRescheduled,
    ActivityScheduled,
    CampCompleted,
)
from milagro_events import life_cycle
from milagro_events.access import Manager, Reader, manages, partner_scope
from milagro_events.activities import (
    Filters,
    Row,
    activity_for,
    aggregate_of,
    awaiting_registration,
    page_of_activities,
    planned,
    present_by_group,
    records_of,
    rules_view,
)
from milagro_events.api.schemas import (
    ActivityChange,
    ActivityIn,
    ActivityOut,
    ActivityPage,
    Cancellation,
    HeldActivity,
)
from milagro_events.directory import look_up
from milagro_events.life_cycle import State
from milagro_events.store import activities, camp_locations, trainings
from milagro_kit.auth import AUTH_RESPONSES, Principal, ensure_partner
from milagro_kit.database import update_one
from milagro_kit.directory import erased
from milagro_kit.pages import cursor_after, next_cursor
from milagro_kit.problems import REFUSALS, Problem, problem_responses
from milagro_kit.service import Outbox, Session

router = APIRouter(prefix="/v1/activities", tags=["activities"])


async def _check_links(session: Session, body: ActivityIn) -> None:
    """The training or camp location named, and the facilitators, are ones it may have."""
    if body.training_id is not None:
        # shared lock: completing the training waits for this session, and sees it
        query = select(trainings.c.partner, trainings.c.state).with_for_update(read=True)
        training = (await session.execute(query.where(trainings.c.id == body.training_id))).first()
        if training is None or training.partner != body.partner:
            raise Problem(422, "unknown-training", "Unknown training", "no such training here")
        if training.state != "open":
            raise Problem(409, "training-completed", "Training completed", "its sessions are final")
    if body.camp_location_id is not None:
        query = select(camp_locations.c.partner).where(camp_locations.c.id == body.camp_location_id)
        owner = (await session.execute(query)).scalar()
        if owner != body.partner:
            raise Problem(
                422,
                "unknown-camp-location",
                "Unknown camp location",
                f"{body.partner} has no camp location {body.camp_location_id!r}",
            )
    gone = (await look_up(session, body.facilitator_ids)).erased
    if gone:
        raise erased(gone)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ActivityOut,
    responses=AUTH_RESPONSES | problem_responses(409, 413, 422),
    summary="Schedule an activity",
    description="Publishes `activity.scheduled`. A past activity may be entered after the "
    "fact (check people in, then close it).",
)
async def schedule_activity(
    body: ActivityIn, caller: Manager, session: Session, outbox: Outbox
) -> Row:
    ensure_partner(caller, body.partner)
    life_cycle.plan(body.starts_at, body.ends_at)
    await _check_links(session, body)
    now = datetime.now(UTC)
    values = body.model_dump(exclude={"place"}) | {
        "id": uuid.uuid4(),
        "place": "online" if body.place is None else body.place,
        "state": State.scheduled,
        "created_at": now,
        "updated_at": now,
    }
    row: Row = (
        (await session.execute(insert(activities).values(values).returning(activities)))
        .mappings()
        .one()
    )
    await outbox.record(planned(ActivityScheduled, row), aggregate=aggregate_of(row["id"]))
    return row


@router.get(
    "",
    response_model=ActivityPage,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="Find activities",
    description="By start time, then id; follow `next_cursor` for more. Pages stay stable "
    "while others schedule activities. `starts_from`/`starts_to` are days (UTC), inclusive; "
    "`place` matches a place exactly, in any case.",
)
async def list_activities(
    caller: Reader,
    session: Session,
    partner: Annotated[str | None, Query(pattern=r"^[A-Z]{2}-[A-Z0-9]{2,12}$")] = None,
    kind: ActivityKind | None = None,
    state: State | None = None,
    place: Annotated[
        str | None, Query(min_length=1, max_length=120, pattern=r"^[^\x00-\x1f\x7f]*$")
    ] = None,
    online: bool | None = None,
    starts_from: date | None = None,
    starts_to: date | None = None,
    training_id: uuid.UUID | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ActivityPage:
    filters = Filters(
        partner=partner_scope(caller, partner),
        kind=kind,
        state=state,
        place=place,
        online=online,
        starts_from=starts_from,
        starts_to=starts_to,
        training_id=training_id,
    )
    rows = await page_of_activities(session, filters, cursor_after(cursor), limit + 1)
    return ActivityPage(
        items=[ActivityOut.model_validate(r) for r in rows[:limit]],
        next_cursor=next_cursor(rows, limit, "starts_at"),
    )


@router.get(
    "/{activity_id}",
    response_model=ActivityOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One activity",
)
async def read_activity(activity_id: uuid.UUID, caller: Reader, session: Session) -> Row:
    return await activity_for(session, caller, activity_id)


async def _managed(session: Session, caller: Principal, activity_id: uuid.UUID) -> Row:
    row = await activity_for(session, caller, activity_id, lock=True)
    if not manages(caller, row["partner"]):
        raise Problem(403, "forbidden", "Not allowed", "coordinators and staff manage activities")
    return row


@router.post(
    "/{activity_id}/reschedule",
    response_model=ActivityOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Move an activity in time or place, or change its capacity",
    description="Publishes `activity.rescheduled`. Only a scheduled activity moves, and not "
    "in time once attendance is recorded.",
)
async def reschedule_activity(
    activity_id: uuid.UUID, body: ActivityChange, caller: Manager, session: Session, outbox: Outbox
) -> Row:
    row = await _managed(session, caller, activity_id)
    new = dict(row) | body.model_dump(exclude_unset=True)
    if body.online and "place" not in body.model_fields_set:
        new["place"] = "online"
    life_cycle.reschedule(
        rules_view(row, await records_of(session, activity_id)),
        new["starts_at"],
        new["ends_at"],
        new["capacity"],
    )
    changes = {k: new[k] for k in ("starts_at", "ends_at", "place", "online", "capacity")}
    if all(row[k] == v for k, v in changes.items()):
        return row
    updated = await update_one(session, activities, activity_id, **changes)
    await outbox.record(planned(ActivityRescheduled, updated), aggregate=aggregate_of(activity_id))
    return updated


@router.post(
    "/{activity_id}/cancel",
    response_model=ActivityOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Cancel a scheduled activity",
    description="Publishes `activity.cancelled`. Nobody may be checked in as present.",
)
async def cancel_activity(
    activity_id: uuid.UUID, body: Cancellation, caller: Manager, session: Session, outbox: Outbox
) -> Row:
    row = await _managed(session, caller, activity_id)
    life_cycle.cancel(rules_view(row))
    now = datetime.now(UTC)
    updated = await update_one(
        session,
        activities,
        activity_id,
        state=State.cancelled,
        closed_at=now,
        cancel_reason=body.reason,
    )
    cancelled = ActivityCancelled(
        partner=row["partner"],
        activity_id=activity_id,
        kind=ActivityKind(row["kind"]),
        cancelled_at=now,
    )
    await outbox.record(cancelled, aggregate=aggregate_of(activity_id))
    return updated


@router.post(
    "/{activity_id}/close",
    response_model=HeldActivity,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Close an activity as held: its attendance becomes final",
    description="Publishes `activity.held` with the present people by group, and for a "
    "summer camp `camp.completed` with its days and participants by group. 409 "
    "`awaiting-registration` (with `Retry-After`) while attendees are not known here yet.",
)
async def close_activity(
    activity_id: uuid.UUID, caller: Manager, session: Session, outbox: Outbox
) -> HeldActivity:
    row = await _managed(session, caller, activity_id)
    now = datetime.now(UTC)
    life_cycle.close(rules_view(row), now, await awaiting_registration(session, activity_id))
    counts = await present_by_group(session, activity_id)
    updated = await update_one(session, activities, activity_id, state=State.held, closed_at=now)
    kind = ActivityKind(row["kind"])
    held = ActivityHeld(
        partner=row["partner"],
        activity_id=activity_id,
        kind=kind,
        held_at=row["starts_at"],
        attendance=counts,
        facilitator_ids=row["facilitator_ids"],
    )
    events: list[ActivityHeld | CampCompleted] = [held]
    if kind is ActivityKind.summer_camp:
        ended = min(row["ends_at"], now)
        days = (ended.date() - row["starts_at"].date()).days + 1
        events.append(
            CampCompleted(
                partner=row["partner"],
                activity_id=activity_id,
                days=days,
                participants=counts,
                completed_at=ended,
            )
        )
    await outbox.record(*events, aggregate=aggregate_of(activity_id))
    return HeldActivity.model_validate(dict(updated) | {"attendance": counts})
