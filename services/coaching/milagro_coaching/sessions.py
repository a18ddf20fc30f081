"""Reading and writing sessions: who stands where on one, the locks that keep a person from
being booked twice, and the queries the routes share."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    Select,
    and_,
    any_,
    bindparam,
    insert,
    literal,
    or_,
    select,
    true,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_coaching.access import COORDINATORS, coordinates
from milagro_coaching.booking import BUSY, MAX_MINUTES, Refusal, State
from milagro_coaching.store import academies, coaches, matches, newcomers, sessions
from milagro_contracts.coaching import Side
from milagro_kit.auth import Principal, StaffRole
from milagro_kit.outbox import OUTBOX_ROWS
from milagro_kit.pages import Cursor
from milagro_kit.problems import Problem, not_found

Row = RowMapping


class Standing(StrEnum):
    """Where a caller stands on a match or a session."""

    coordinator = "coordinator"
    coach = "coach"
    newcomer = "newcomer"


def aggregate_of(session_id: uuid.UUID) -> str:
    """The CloudEvents subject of a session's events: they stay in order on the bus."""
    return f"session:{session_id}"


def standing(
    caller: Principal, partner: str, coach: uuid.UUID | None, newcomer: uuid.UUID | None
) -> Standing | None:
    """A coordinator of the academy's partner, its coach or its newcomer (by the token's
    participant id), or nobody (None: the record is not theirs to see)."""
    if coordinates(caller, partner):
        return Standing.coordinator
    me = caller.participant_id
    if me is None or not caller.may_access(partner):
        return None
    if me == coach and caller.has_any(StaffRole.coach):
        return Standing.coach
    if me == newcomer and caller.has_any(StaffRole.newcomer):
        return Standing.newcomer
    return None


def _people(query: Select[Any], coach_id: Any, newcomer_id: Any) -> Select[Any]:
    return (
        query.add_columns(
            academies.c.partner,
            academies.c.name.label("academy_name"),
            coaches.c.participant_id.label("coach_participant"),
            coaches.c.availability.label("coach_availability"),
            newcomers.c.participant_id.label("newcomer_participant"),
            newcomers.c.availability.label("newcomer_availability"),
        )
        .join(coaches, coaches.c.id == coach_id)
        .join(newcomers, newcomers.c.id == newcomer_id)
    )


async def _visible(
    session: AsyncSession,
    caller: Principal,
    query: Select[Any],
    parameters: dict[str, uuid.UUID],
    what: str,
) -> tuple[Row, Standing]:
    row = (await session.execute(query, parameters)).mappings().first()
    if row is None:
        raise not_found(what)
    seen = standing(caller, row["partner"], row["coach_participant"], row["newcomer_participant"])
    if seen is None:
        raise not_found(what)
    return row, seen


async def match_for(
    session: AsyncSession, caller: Principal, match_id: uuid.UUID, *, share: bool = False
) -> tuple[Row, Standing]:
    """The match with its academy and both people, if the caller stands on it (404 else);
    `share` holds it against a change of state (a booking against the pairing's end, which
    locks it to count the sessions still scheduled). Locks go match, coach, newcomer."""
    query = _MATCH_SHARED if share else _MATCH
    return await _visible(session, caller, query, {"match_id": match_id}, "match")


# The statements of a booking are built once, with parameters: building and keying them
# per request cost more CPU than running them (as issue 16 found for the registry).
_MATCH = _people(
    select(matches).join(academies, academies.c.id == matches.c.academy_id),
    matches.c.coach_id,
    matches.c.newcomer_id,
).where(matches.c.id == bindparam("match_id"))
_MATCH_SHARED = _MATCH.with_for_update(read=True, of=matches)
_SESSIONS = _people(
    select(sessions, matches.c.state.label("match_state"))
    .join(matches, matches.c.id == sessions.c.match_id)
    .join(academies, academies.c.id == matches.c.academy_id),
    sessions.c.coach_id,
    sessions.c.newcomer_id,
)
_SESSION = _SESSIONS.where(sessions.c.id == bindparam("session_id"))
_SESSION_LOCKED = _SESSION.with_for_update(of=sessions)


async def session_for(
    session: AsyncSession, caller: Principal, session_id: uuid.UUID, *, lock: bool = False
) -> tuple[Row, Standing]:
    """The session with its academy and both people, if the caller stands on it (404
    else); `lock` holds its row for this transaction, so two steps on it take turns."""
    query = _SESSION_LOCKED if lock else _SESSION
    return await _visible(session, caller, query, {"session_id": session_id}, "session")


@dataclass(frozen=True)
class Locked:
    """The records of a coach and a newcomer held for this transaction: every record of
    each person (one per academy they are enrolled at), as one person is never in two
    sessions at once, whichever academy booked them."""

    coaches: list[uuid.UUID]
    newcomers: list[uuid.UUID]


async def lock_people(session: AsyncSession, row: Row) -> Locked:
    """Locks the coach's and the newcomer's records of a match or session `row`.

    Always every coach record first, then every newcomer record, each in id order: any two
    bookings that share a person then queue on the first row they share instead of each
    holding one the other waits for (a deadlock). After the lock, the overlap query sees
    every session committed by a booking that held it before (READ COMMITTED takes a new
    snapshot per statement), which is what an exclusion constraint would otherwise give.
    """
    held = []
    for side in Side:  # the coach, then the newcomer
        # the record itself is among the person's; once erased (NULL), it is alone
        person = row[f"{side}_participant"]
        query = _LOCKS[side, person is not None]
        key = row[f"{side}_id"] if person is None else person
        held.append(list((await session.execute(query, {"key": key})).scalars()))
    return Locked(*held)


_LOCKS = {
    (side, by_person): select(table.c.id)
    .where((table.c.participant_id if by_person else table.c.id) == bindparam("key"))
    .order_by(table.c.id)
    .with_for_update()
    for side, table in ((Side.coach, coaches), (Side.newcomer, newcomers))
    for by_person in (False, True)
}
_NOBODY = uuid.UUID(int=0)


async def ensure_free(
    session: AsyncSession,
    locked: Locked,
    start: datetime,
    end: datetime,
    moving: uuid.UUID | None = None,
) -> None:
    """Refuses (409 `double-booked`, naming the side) when the coach or the newcomer has
    another scheduled or held session overlapping [start, end); `moving` is the session
    being rescheduled, which does not clash with itself."""
    parameters = {
        "coaches": locked.coaches,
        "newcomers": locked.newcomers,
        "start": start,
        "end": end,
        "since": start - timedelta(minutes=MAX_MINUTES),
        "moving": moving or _NOBODY,
    }
    clash = (await session.execute(_CLASH, parameters)).first()
    if clash is not None:
        raise Refusal(
            "double-booked",
            f"the {clash.side} already has a session from {clash.starts_at.isoformat()} to "
            f"{clash.ends_at.isoformat()}",
            side=Side(clash.side),
        )


_CLASH = (
    union_all(
        *(
            select(literal(side).label("side"), sessions.c.starts_at, sessions.c.ends_at).where(
                column == any_(bindparam(ids, type_=ARRAY(UUID(as_uuid=True)))),
                sessions.c.state.in_(BUSY),
                sessions.c.starts_at < bindparam("end"),
                # no session is longer than the longest booking: an index range, not a
                # person's whole history
                sessions.c.starts_at > bindparam("since"),
                sessions.c.ends_at > bindparam("start"),
                sessions.c.id != bindparam("moving"),
            )
            for side, column, ids in (
                (Side.coach, sessions.c.coach_id, "coaches"),
                (Side.newcomer, sessions.c.newcomer_id, "newcomers"),
            )
        )
    )
    # both sides in one round trip; the coach named first when both are busy
    .order_by("side")
    .limit(1)
)

# The session and its events in one statement (a data-modifying CTE), built once.
_BOOK = (
    insert(sessions)
    .values({c.key: bindparam(f"s_{c.key}", type_=c.type) for c in sessions.columns})
    .returning(sessions)
    .add_cte(OUTBOX_ROWS.cte("events"))
)


async def insert_session(session: AsyncSession, values: dict[str, Any], events: str) -> Row:
    """Write a new session (every column in `values`) and its events (`EventOutbox.rows`)."""
    parameters = {f"s_{c.key}": values.get(c.key) for c in sessions.columns}
    row: Row = (await session.execute(_BOOK, parameters | {"outbox_rows": events})).mappings().one()
    return row


@dataclass(frozen=True)
class Filters:
    """What a list of sessions may be narrowed to; `starts_from` inclusive, `starts_to`
    exclusive."""

    match_id: uuid.UUID | None = None
    state: State | None = None
    starts_from: datetime | None = None
    starts_to: datetime | None = None


def _scope(caller: Principal) -> ColumnElement[bool]:
    """Coordinators see their partner's sessions (admins every one), a coach or a newcomer
    their own."""
    if caller.has_any(*COORDINATORS):
        return true() if caller.is_admin else academies.c.partner == caller.partner
    me = caller.participant_id
    if me is None:
        raise Problem(403, "no-participant", "Not allowed", "your token names no coach or newcomer")
    own = []
    if caller.has_any(StaffRole.coach):
        own.append(coaches.c.participant_id == me)
    if caller.has_any(StaffRole.newcomer):
        own.append(newcomers.c.participant_id == me)
    return and_(academies.c.partner == caller.partner, or_(*own))


async def page_of_sessions(
    session: AsyncSession, caller: Principal, filters: Filters, after: Cursor | None, limit: int
) -> Sequence[Row]:
    """Up to `limit` of the caller's sessions strictly after the cursor, by start then id."""
    query = _SESSIONS.where(_scope(caller))
    for column, value in (
        (sessions.c.match_id, filters.match_id),
        (sessions.c.state, filters.state),
    ):
        if value is not None:
            query = query.where(column == value)
    if filters.starts_from is not None:
        query = query.where(sessions.c.starts_at >= filters.starts_from)
    if filters.starts_to is not None:
        query = query.where(sessions.c.starts_at < filters.starts_to)
    order = (sessions.c.starts_at, sessions.c.id)
    if after is not None:
        query = query.where(tuple_(*order) > tuple_(after.at, after.id))
    rows: Sequence[Row] = (
        (await session.execute(query.order_by(*order).limit(limit))).mappings().all()
    )
    return rows
