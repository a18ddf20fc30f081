"""Reading and writing activities: the queries the routes share."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import RowMapping, Select, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.activities import (
    ActivityKind,
    ActivityRescheduled,
    ActivityScheduled,
    CountsByGroup,
)
from milagro_contracts.event import Group
from milagro_events import life_cycle
from milagro_events.access import ensure_visible
from milagro_events.life_cycle import State
from milagro_events.store import activities, attendance
from milagro_kit.auth import Principal
from milagro_kit.pages import Cursor
from milagro_kit.problems import not_found

Row = RowMapping


def aggregate_of(activity_id: uuid.UUID) -> str:
    """The CloudEvents subject of an activity's events: they stay in order on the bus."""
    return f"activity:{activity_id}"


async def activity_for(
    session: AsyncSession, caller: Principal, id: uuid.UUID, *, lock: bool = False
) -> Row:
    """The activity if the caller's partner owns it (404 otherwise); `lock` holds it for
    this transaction, so check-ins of one room and its closing take turns."""
    query = select(activities).where(activities.c.id == id)
    row = (await session.execute(query.with_for_update() if lock else query)).mappings().first()
    if row is None:
        raise not_found("activity")
    ensure_visible(caller, row["partner"], "activity")
    return row


def rules_view(row: Row, recorded: int = 0) -> life_cycle.Activity:
    return life_cycle.Activity(
        state=State(row["state"]),
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        capacity=row["capacity"],
        present=row["present"],
        recorded=recorded,
    )


async def records_of(session: AsyncSession, activity_id: uuid.UUID) -> int:
    query = select(func.count()).where(attendance.c.activity_id == activity_id)
    return int((await session.execute(query)).scalar_one())


def planned(
    event: type[ActivityScheduled] | type[ActivityRescheduled], row: Row
) -> ActivityScheduled | ActivityRescheduled:
    return event(
        partner=row["partner"],
        activity_id=row["id"],
        kind=ActivityKind(row["kind"]),
        place=row["place"],
        online=row["online"],
        starts_at=row["starts_at"],
        ends_at=row["ends_at"],
        capacity=row["capacity"],
        target_groups=[Group(g) for g in row["target_groups"]],
    )


async def present_by_group(session: AsyncSession, activity_id: uuid.UUID) -> CountsByGroup:
    """Who was present, by the group they were in when checked in."""
    query = (
        select(attendance.c.group, func.count())
        .where(attendance.c.activity_id == activity_id)
        .where(attendance.c.present)
        .where(attendance.c.group.is_not(None))
        .group_by(attendance.c.group)
    )
    return CountsByGroup(**{group: n for group, n in (await session.execute(query)).all()})


async def awaiting_registration(session: AsyncSession, activity_id: uuid.UUID) -> int:
    query = (
        select(func.count())
        .where(attendance.c.activity_id == activity_id)
        .where(attendance.c.participant_id.is_not(None))
        .where(attendance.c.group.is_(None))
    )
    return int((await session.execute(query)).scalar_one())


@dataclass(frozen=True)
class Filters:
    """What a list of activities may be narrowed to."""

    partner: str | None = None
    kind: ActivityKind | None = None
    state: State | None = None
    place: str | None = None
    online: bool | None = None
    starts_from: date | None = None
    starts_to: date | None = None
    training_id: uuid.UUID | None = None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _filtered(filters: Filters) -> Select[Any]:
    query = select(activities)
    for column, value in (
        (activities.c.partner, filters.partner),
        (activities.c.kind, filters.kind),
        (activities.c.state, filters.state),
        (activities.c.online, filters.online),
        (activities.c.training_id, filters.training_id),
    ):
        if value is not None:
            query = query.where(column == value)
    if filters.place is not None:
        query = query.where(func.lower(activities.c.place) == filters.place.lower())
    if filters.starts_from is not None:
        query = query.where(activities.c.starts_at >= _midnight(filters.starts_from))
    if filters.starts_to is not None and filters.starts_to < date.max:
        next_day = _midnight(filters.starts_to + timedelta(days=1))
        query = query.where(activities.c.starts_at < next_day)
    return query


async def page_of_activities(
    session: AsyncSession, filters: Filters, after: Cursor | None, limit: int
) -> Sequence[Row]:
    return await page_of(session, _filtered(filters), after, limit)


async def page_of(
    session: AsyncSession, query: Select[Any], after: Cursor | None, limit: int
) -> Sequence[Row]:
    """Up to `limit` rows of a query of activities (perhaps joined to more) strictly after
    the cursor, by start time then id."""
    order = (activities.c.starts_at, activities.c.id)
    if after is not None:
        query = query.where(tuple_(*order) > tuple_(after.at, after.id))
    rows: Sequence[Row] = (
        (await session.execute(query.order_by(*order).limit(limit))).mappings().all()
    )
    return rows
