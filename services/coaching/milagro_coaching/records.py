"""Loading academies, coaches and newcomers as a caller may see them: the queries the
routes share."""

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_coaching.access import coordinates
from milagro_coaching.store import academies, coaches, matches, newcomers
from milagro_kit.auth import Principal
from milagro_kit.problems import Problem, not_found

Row = RowMapping
LIVE = ("proposed", "accepted")


async def academy_for(session: AsyncSession, caller: Principal, id: uuid.UUID) -> Row:
    """The academy, if the caller's partner runs it (404 otherwise)."""
    query = select(academies).where(academies.c.id == id)
    row = (await session.execute(query)).mappings().first()
    if row is None or not caller.may_access(row["partner"]):
        raise not_found("academy")
    return row


def ensure_coordinator(caller: Principal, academy: Row) -> None:
    if not coordinates(caller, academy["partner"]):
        raise Problem(
            403, "forbidden", "Not allowed", "the academy's coordinators and staff do this"
        )


async def member_for(
    session: AsyncSession,
    caller: Principal,
    table: Table,
    id: uuid.UUID,
    *,
    lock: bool = False,
) -> tuple[Row, Row]:
    """A coach or newcomer record with its academy, if the caller coordinates the academy
    or is that person (404 otherwise: existence never leaks)."""
    query = (
        select(table, academies.c.partner)
        .join(academies, academies.c.id == table.c.academy_id)
        .where(table.c.id == id)
    )
    if lock:
        query = query.with_for_update(of=table)
    row = (await session.execute(query)).mappings().first()
    what = "coach" if table is coaches else "newcomer"
    if row is None:
        raise not_found(what)
    mine = row["participant_id"] is not None and row["participant_id"] == caller.participant_id
    if not (coordinates(caller, row["partner"]) or (mine and caller.may_access(row["partner"]))):
        raise not_found(what)
    return row, await academy_for(session, caller, row["academy_id"])


async def loads(session: AsyncSession, coach_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """How many newcomers each coach coaches now (accepted matches)."""
    if not coach_ids:
        return {}
    query = (
        select(matches.c.coach_id, func.count())
        .where(matches.c.coach_id.in_(coach_ids))
        .where(matches.c.state == "accepted")
        .group_by(matches.c.coach_id)
    )
    counted: dict[uuid.UUID, int] = {c: n for c, n in (await session.execute(query)).all()}
    return {c: counted.get(c, 0) for c in coach_ids}


def waiting_days(row: Mapping[Any, Any], now: datetime) -> int | None:
    return (now - row["enrolled_at"]).days if row["state"] == "waiting" else None


def newcomer_view(row: Mapping[Any, Any], now: datetime) -> dict[str, object]:
    return dict(row) | {"waiting_days": waiting_days(row, now)}


async def newcomer_rows(
    session: AsyncSession, academy_id: uuid.UUID, state: str | None
) -> list[Row]:
    query = select(newcomers).where(newcomers.c.academy_id == academy_id)
    if state is not None:
        query = query.where(newcomers.c.state == state)
    query = query.order_by(newcomers.c.enrolled_at, newcomers.c.id)
    return list((await session.execute(query)).mappings().all())
