"""Secret iCalendar feeds: a coach's or a newcomer's sessions in any calendar app.

A calendar app cannot send a bearer token, so the feed's URL holds a secret: whoever has
it reads the feed, until it is revoked or replaced. Only its SHA-256 digest is stored.
"""

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, Response, status
from icalendar import Calendar, Event
from pydantic import BaseModel
from sqlalchemy import insert, select, update

from milagro_coaching.access import Member
from milagro_coaching.booking import State
from milagro_coaching.sessions import Row, Standing, standing
from milagro_coaching.store import academies, calendar_feeds, coaches, matches, newcomers, sessions
from milagro_contracts.coaching import Side
from milagro_kit.auth import AUTH_RESPONSES, Principal
from milagro_kit.problems import Problem, not_found, problem_responses
from milagro_kit.service import Session

router = APIRouter(tags=["calendars"])

People = Annotated[Literal["coaches", "newcomers"], Path(description="Whose calendar")]
_OWNERS = {"coaches": (Side.coach, coaches), "newcomers": (Side.newcomer, newcomers)}
SINCE = timedelta(days=180)
"""How far back a feed goes: calendar apps keep what they fetched before."""


class Feed(BaseModel):
    url: str
    """Subscribe to it in a calendar app; it is the only copy of the secret."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def _owner(session: Session, caller: Principal, people: str, person_id: uuid.UUID) -> Side:
    """The person themself or a coordinator of their academy, with their record locked
    so that two new feeds of one person do not both stay live (404 if not theirs)."""
    side, table = _OWNERS[people]
    query = (
        select(table.c.participant_id, academies.c.partner)
        .join(academies, academies.c.id == table.c.academy_id)
        .where(table.c.id == person_id)
        .with_for_update(of=table)
    )
    row = (await session.execute(query)).first()
    if row is not None:
        ids = (row.participant_id, None) if side is Side.coach else (None, row.participant_id)
        if standing(caller, row.partner, *ids) in (Standing.coordinator, Standing(side)):
            return side
    raise not_found(side)


async def _revoke(session: Session, side: Side, person_id: uuid.UUID) -> int:
    statement = (
        update(calendar_feeds)
        .where(calendar_feeds.c.owner == side, calendar_feeds.c.owner_id == person_id)
        .where(~calendar_feeds.c.revoked)
        .values(revoked=True)
    )
    return (await session.execute(statement)).rowcount  # type: ignore[attr-defined,no-any-return]


@router.post(
    "/v1/{people}/{person_id}/calendar",
    status_code=status.HTTP_201_CREATED,
    response_model=Feed,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="A new secret calendar feed of a coach's or a newcomer's sessions",
    description="By the person themself or a coordinator. Revokes the previous feed.",
)
async def new_feed(
    people: People, person_id: uuid.UUID, request: Request, caller: Member, session: Session
) -> Feed:
    side = await _owner(session, caller, people, person_id)
    await _revoke(session, side, person_id)
    secret = secrets.token_urlsafe(32)
    values = {
        "digest": _digest(secret),
        "owner": side,
        "owner_id": person_id,
        "created_at": datetime.now(UTC),
    }
    await session.execute(insert(calendar_feeds).values(values))
    return Feed(url=str(request.url_for("calendar_feed", secret=secret)))


@router.delete(
    "/v1/{people}/{person_id}/calendar",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="Revoke a coach's or a newcomer's calendar feed",
    description="Its URL answers 404 from now on; 404 here if there was none.",
)
async def revoke_feed(
    people: People, person_id: uuid.UUID, caller: Member, session: Session
) -> Response:
    side = await _owner(session, caller, people, person_id)
    if not await _revoke(session, side, person_id):
        raise Problem(404, "not-found", "Not found", f"this {side} has no calendar feed")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


_FEED_RESPONSES = problem_responses(404) | {
    200: {"content": {"text/calendar": {}}, "description": "The iCalendar feed"}
}


def ics(rows: Sequence[Row]) -> bytes:
    """An RFC 5545 calendar of sessions: times in UTC (every app converts them right),
    a UID per session, a SEQUENCE that grows with each change (the seconds since it was
    booked at its last change), and nothing about the people."""
    calendar = Calendar()
    calendar.add("prodid", "-//MILAGRO//Coaching//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "MILAGRO coaching")
    for row in rows:
        event = Event()
        event.add("uid", f"{row['id']}@coaching.milagroproject.eu")
        event.add("dtstamp", row["updated_at"].astimezone(UTC))
        event.add("last-modified", row["updated_at"].astimezone(UTC))
        event.add("sequence", (row["updated_at"] - row["created_at"]) // timedelta(seconds=1))
        event.add("dtstart", row["starts_at"].astimezone(UTC))
        event.add("dtend", row["ends_at"].astimezone(UTC))
        event.add("summary", f"Coaching session - {row['academy_name']}")
        event.add("status", "CANCELLED" if row["state"] == State.cancelled else "CONFIRMED")
        calendar.add_component(event)
    feed: bytes = calendar.to_ical()
    return feed


@router.get(
    "/v1/calendars/{secret}.ics",
    name="calendar_feed",
    response_class=Response,
    responses=_FEED_RESPONSES,
    summary="A calendar feed (no token: the secret in the URL is the credential)",
)
async def calendar_feed(
    secret: Annotated[str, Path(min_length=20, max_length=100)], session: Session
) -> Response:
    query = select(calendar_feeds.c.owner, calendar_feeds.c.owner_id).where(
        calendar_feeds.c.digest == _digest(secret), ~calendar_feeds.c.revoked
    )
    feed = (await session.execute(query)).first()
    if feed is None:
        raise not_found("calendar")
    whose = sessions.c.coach_id if feed.owner == Side.coach else sessions.c.newcomer_id
    listed = (
        select(sessions, academies.c.name.label("academy_name"))
        .join(matches, matches.c.id == sessions.c.match_id)
        .join(academies, academies.c.id == matches.c.academy_id)
        .where(whose == feed.owner_id, sessions.c.starts_at >= datetime.now(UTC) - SINCE)
        .order_by(sessions.c.starts_at)
    )
    rows = (await session.execute(listed)).mappings().all()
    return Response(
        ics(rows),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, max-age=60"},
    )
