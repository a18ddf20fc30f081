"""Sessions of an accepted match: book, list, reschedule, cancel, record as held or as a
no-show, and each side's feedback."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, computed_field
from sqlalchemy.dialects.postgresql import insert

from milagro_coaching import booking
from milagro_coaching.access import Member
from milagro_coaching.api.schemas import Comment, Reason
from milagro_coaching.availability import Availability
from milagro_coaching.booking import MAX_MINUTES, MIN_MINUTES, State
from milagro_coaching.sessions import (
    Filters,
    Row,
    Standing,
    aggregate_of,
    ensure_free,
    insert_session,
    lock_people,
    match_for,
    page_of_sessions,
    session_for,
)
from milagro_coaching.store import feedback, sessions
from milagro_contracts.coaching import (
    FeedbackSubmitted,
    SessionCancelled,
    SessionHeld,
    SessionNoShow,
    SessionRescheduled,
    SessionScheduled,
    Side,
    Topic,
)
from milagro_kit.auth import AUTH_RESPONSES, Principal
from milagro_kit.database import update_one
from milagro_kit.pages import cursor_after, next_cursor
from milagro_kit.problems import REFUSALS, Problem, problem_responses
from milagro_kit.service import Outbox, Session

router = APIRouter(tags=["sessions"])


class Booking(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts_at: AwareDatetime
    duration_minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)


class Cancellation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class Held(BaseModel):
    model_config = ConfigDict(extra="forbid")

    duration_minutes: int = Field(ge=1, le=480)
    topics: list[Topic] = Field(default_factory=list, max_length=20)


class NoShow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    side: Side = Field(description="Who did not come")


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rating: int = Field(ge=1, le=5)
    comment: Comment | None = Field(None, description="Kept here only: never published on the bus")


class FeedbackOut(FeedbackIn):
    session_id: uuid.UUID
    side: Side
    submitted_at: datetime


class SessionOut(BaseModel):
    id: uuid.UUID
    match_id: uuid.UUID
    coach_id: uuid.UUID
    newcomer_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    state: State
    held_minutes: int | None
    topics: list[Topic]
    absent_side: Side | None
    cancel_reason: str | None
    created_at: datetime
    updated_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def duration_minutes(self) -> int:
        """As booked."""
        return (self.ends_at - self.starts_at) // timedelta(minutes=1)


class SessionPage(BaseModel):
    items: list[SessionOut]
    next_cursor: str | None = Field(description="Give it as `cursor` for the next page")


def _only(seen: Standing, doing: str, *allowed: Standing) -> None:
    if seen not in allowed:
        who = " or ".join(f"the {a}" for a in allowed)
        raise Problem(403, "forbidden", "Not allowed", f"{doing} is for {who} of the session")


async def _planned(
    session: Session,
    row: Row,
    match_state: str,
    body: Booking,
    moving: uuid.UUID | None = None,
    *,
    after_the_fact: bool = False,
) -> tuple[datetime, datetime]:
    """[start, end) of a booking or a move of `row` (a match or a session, with its
    people), checked against the rules and, under the people's locks, their other
    sessions."""
    start = body.starts_at.astimezone(UTC)
    booking.plan(
        match_state,
        start,
        body.duration_minutes,
        datetime.now(UTC),
        Availability.from_json(row["coach_availability"]),
        Availability.from_json(row["newcomer_availability"]),
        after_the_fact=after_the_fact,
    )
    end = start + timedelta(minutes=body.duration_minutes)
    await ensure_free(session, await lock_people(session, row), start, end, moving)
    return start, end


@router.post(
    "/v1/matches/{match_id}/sessions",
    status_code=status.HTTP_201_CREATED,
    response_model=SessionOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Book a session of an accepted match",
    description="By the match's coach, its newcomer, or a coordinator of the academy; a "
    "time to come, or for a coordinator one in the last 90 days (a session recorded after "
    "it took place, then marked held). The start and end must lie within both sides' "
    "weekly availability on that date; 409 "
    "`double-booked` (with `side`) if the coach or the newcomer has another session then. "
    "Publishes `session.scheduled`.",
)
async def book_session(
    match_id: uuid.UUID, body: Booking, caller: Member, session: Session, outbox: Outbox
) -> Row:
    match, seen = await match_for(session, caller, match_id, share=True)
    recording = seen is Standing.coordinator
    start, end = await _planned(session, match, match["state"], body, after_the_fact=recording)
    now, session_id = datetime.now(UTC), uuid.uuid4()
    values = {
        "id": session_id,
        "match_id": match_id,
        "coach_id": match["coach_id"],
        "newcomer_id": match["newcomer_id"],
        "starts_at": start,
        "ends_at": end,
        "state": State.scheduled,
        "topics": [],
        "created_at": now,
        "updated_at": now,
    }
    scheduled = SessionScheduled(
        partner=match["partner"],
        session_id=session_id,
        match_id=match_id,
        starts_at=start,
        duration_minutes=body.duration_minutes,
    )
    return await insert_session(
        session, values, outbox.rows(scheduled, aggregate=aggregate_of(session_id))
    )


@router.get(
    "/v1/sessions",
    response_model=SessionPage,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="Find sessions",
    description="A coach's or a newcomer's own, a coordinator's academy's; by start time, "
    "then id; follow `next_cursor` for more. `from` is inclusive, `to` exclusive.",
)
async def list_sessions(
    caller: Member,
    session: Session,
    match_id: uuid.UUID | None = None,
    state: State | None = None,
    starts_from: Annotated[AwareDatetime | None, Query(alias="from")] = None,
    starts_to: Annotated[AwareDatetime | None, Query(alias="to")] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> SessionPage:
    filters = Filters(match_id, state, starts_from, starts_to)
    rows = await page_of_sessions(session, caller, filters, cursor_after(cursor), limit + 1)
    return SessionPage(
        items=[SessionOut.model_validate(r) for r in rows[:limit]],
        next_cursor=next_cursor(rows, limit, "starts_at"),
    )


@router.get(
    "/v1/sessions/{session_id}",
    response_model=SessionOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One session",
)
async def read_session(session_id: uuid.UUID, caller: Member, session: Session) -> Row:
    row, _ = await session_for(session, caller, session_id)
    return row


@router.post(
    "/v1/sessions/{session_id}/reschedule",
    response_model=SessionOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Move a scheduled session",
    description="The same rules as booking (it does not clash with itself). Publishes "
    "`session.rescheduled`; the same time again changes nothing.",
)
async def reschedule_session(
    session_id: uuid.UUID, body: Booking, caller: Member, session: Session, outbox: Outbox
) -> Row:
    row, _ = await session_for(session, caller, session_id)
    start, end = await _planned(session, row, row["match_state"], body, session_id)
    # read again under its lock, taken after the people's (the order every booking keeps)
    row, _ = await session_for(session, caller, session_id, lock=True)
    booking.move(State(row["state"]))
    if (row["starts_at"], row["ends_at"]) == (start, end):
        return row
    updated = await update_one(session, sessions, session_id, starts_at=start, ends_at=end)
    moved = SessionRescheduled(
        partner=row["partner"],
        session_id=session_id,
        match_id=row["match_id"],
        starts_at=start,
        duration_minutes=body.duration_minutes,
    )
    await outbox.record(moved, aggregate=aggregate_of(session_id))
    return updated


@router.post(
    "/v1/sessions/{session_id}/cancel",
    response_model=SessionOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Cancel a scheduled session",
    description="By its coach, its newcomer or a coordinator. Publishes `session.cancelled`.",
)
async def cancel_session(
    session_id: uuid.UUID, body: Cancellation, caller: Member, session: Session, outbox: Outbox
) -> Row:
    row, _ = await session_for(session, caller, session_id, lock=True)
    booking.move(State(row["state"]))
    updated = await update_one(
        session, sessions, session_id, state=State.cancelled, cancel_reason=body.reason
    )
    cancelled = SessionCancelled(
        partner=row["partner"],
        session_id=session_id,
        match_id=row["match_id"],
        starts_at=row["starts_at"],
    )
    await outbox.record(cancelled, aggregate=aggregate_of(session_id))
    return updated


async def _closing(session: Session, caller: Principal, session_id: uuid.UUID, doing: str) -> Row:
    """The session, locked, if the caller keeps its record and it has begun."""
    row, seen = await session_for(session, caller, session_id, lock=True)
    _only(seen, doing, Standing.coach, Standing.coordinator)
    booking.close(State(row["state"]), row["starts_at"], datetime.now(UTC))
    return row


@router.post(
    "/v1/sessions/{session_id}/held",
    response_model=SessionOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Record a session as held",
    description="By its coach or a coordinator, once it has started. Publishes "
    "`session.held` with the time spent and the topics covered.",
)
async def hold_session(
    session_id: uuid.UUID, body: Held, caller: Member, session: Session, outbox: Outbox
) -> Row:
    row = await _closing(session, caller, session_id, "recording a session as held")
    topics = list(dict.fromkeys(body.topics))
    updated = await update_one(
        session,
        sessions,
        session_id,
        state=State.held,
        held_minutes=body.duration_minutes,
        topics=topics,
    )
    held = SessionHeld(
        partner=row["partner"],
        session_id=session_id,
        match_id=row["match_id"],
        starts_at=row["starts_at"],
        duration_minutes=body.duration_minutes,
        topics=topics,
    )
    await outbox.record(held, aggregate=aggregate_of(session_id))
    return updated


@router.post(
    "/v1/sessions/{session_id}/no-show",
    response_model=SessionOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Record that a side did not come",
    description="By its coach or a coordinator, once it has started. Publishes `session.no_show`.",
)
async def no_show(
    session_id: uuid.UUID, body: NoShow, caller: Member, session: Session, outbox: Outbox
) -> Row:
    row = await _closing(session, caller, session_id, "recording a no-show")
    updated = await update_one(
        session, sessions, session_id, state=State.no_show, absent_side=body.side
    )
    missed = SessionNoShow(
        partner=row["partner"],
        session_id=session_id,
        match_id=row["match_id"],
        starts_at=row["starts_at"],
    )
    await outbox.record(missed, aggregate=aggregate_of(session_id))
    return updated


@router.post(
    "/v1/sessions/{session_id}/feedback",
    status_code=status.HTTP_201_CREATED,
    response_model=FeedbackOut,
    responses=AUTH_RESPONSES | problem_responses(*REFUSALS),
    summary="Rate a held session",
    description="Once by its coach and once by its newcomer (409 `feedback-given` after). "
    "Publishes `feedback.submitted` with the rating; the comment stays here.",
)
async def give_feedback(
    session_id: uuid.UUID, body: FeedbackIn, caller: Member, session: Session, outbox: Outbox
) -> Row:
    row, seen = await session_for(session, caller, session_id)
    _only(seen, "feedback", Standing.coach, Standing.newcomer)
    booking.rate(State(row["state"]))
    side = Side(seen)
    values = body.model_dump() | {
        "session_id": session_id,
        "side": side,
        "submitted_at": datetime.now(UTC),
    }
    statement = insert(feedback).values(values).on_conflict_do_nothing().returning(feedback)
    given: Row | None = (await session.execute(statement)).mappings().first()
    if given is None:
        raise Problem(
            409, "feedback-given", "Feedback given", f"the {side} has already rated this session"
        )
    submitted = FeedbackSubmitted(
        partner=row["partner"],
        session_id=session_id,
        match_id=row["match_id"],
        side=side,
        rating=body.rating,
        submitted_at=given["submitted_at"],
    )
    await outbox.record(submitted, aggregate=aggregate_of(session_id))
    return given
