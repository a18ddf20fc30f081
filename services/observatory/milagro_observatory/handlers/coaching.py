"""The coaching stream: academies, enrolments, matches, sessions and feedback."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import coaching as coa
from milagro_kit.consumer import Consumer, Received
from milagro_observatory.identities import resolve
from milagro_observatory.projection import (
    fact,
    touched,
    write_facts,
)
from milagro_observatory.store import coaching_people, facts, matches

# by_type, handlers in the order below: enrolments and matches before sessions (a session
# that arrives before them anyway is completed when they come: `complete`).
coaching_events = Consumer("observatory-coaching", stream="COACHING", by_type=True)
coaching_events.after_batch(touched)


@coaching_events.on(coa.AcademyOpened)
async def academy_opened(
    session: AsyncSession, events: Sequence[Received[coa.AcademyOpened]]
) -> None:
    await write_facts(session, academy_facts(events))


def academy_facts(events: Sequence[Received[coa.AcademyOpened]]) -> list[dict[str, Any]]:
    return [fact("academy", str(e.payload.academy_id), e, e.payload.opened_at) for e in events]


_LINKS_LOCK = 0x636F61  # "coa": enrolments, matches, sessions and feedback, one at a time


async def lock_links(session: AsyncSession) -> None:
    """Serialise the transactions that link sessions and feedback to matches and people.

    Replicas share the durable: without it, a match and a session of that match applied
    at once in two transactions would each miss the other's uncommitted row, and the
    session would stay without its newcomer. Held until the transaction ends.
    """
    if not session.info.get("observatory_links_lock"):
        await session.execute(select(func.pg_advisory_xact_lock(_LINKS_LOCK)))
        session.info["observatory_links_lock"] = True


async def _enrolled(
    session: AsyncSession,
    kind: str,
    enrolments: list[tuple[uuid.UUID, uuid.UUID, Received[Any]]],
) -> None:
    await lock_links(session)
    # who they are now: an erased person's enrolment arriving late keeps no link to them
    where = await resolve(session, (pid for _, pid, _ in enrolments))
    rows = {
        coaching_id: {
            "coaching_id": coaching_id,
            "participant_id": where[pid].to,
            "academy_id": e.payload.academy_id,
        }
        for coaching_id, pid, e in enrolments
    }
    await session.execute(insert(coaching_people).on_conflict_do_nothing(), list(rows.values()))
    await write_facts(session, enrolment_facts(kind, enrolments))
    m = matches
    ids = list(rows)
    query = select(m.c.match_id).where(or_(m.c.coach_id.in_(ids), m.c.newcomer_id.in_(ids)))
    await complete(session, set((await session.execute(query)).scalars()))


def enrolment_facts(
    kind: str, enrolments: list[tuple[uuid.UUID, uuid.UUID, Received[Any]]]
) -> list[dict[str, Any]]:
    return [
        fact(kind, str(cid), e, e.payload.enrolled_at, participant=pid)
        for cid, pid, e in enrolments
    ]


def coach_enrolments(
    events: Sequence[Received[coa.CoachEnrolled]],
) -> list[tuple[uuid.UUID, uuid.UUID, Received[Any]]]:
    return [(e.payload.coach_id, e.payload.participant_id, e) for e in events]


def newcomer_enrolments(
    events: Sequence[Received[coa.NewcomerEnrolled]],
) -> list[tuple[uuid.UUID, uuid.UUID, Received[Any]]]:
    return [(e.payload.newcomer_id, e.payload.participant_id, e) for e in events]


@coaching_events.on(coa.CoachEnrolled)
async def coach_enrolled(
    session: AsyncSession, events: Sequence[Received[coa.CoachEnrolled]]
) -> None:
    await _enrolled(session, "coach_enrolment", coach_enrolments(events))


@coaching_events.on(coa.NewcomerEnrolled)
async def newcomer_enrolled(
    session: AsyncSession, events: Sequence[Received[coa.NewcomerEnrolled]]
) -> None:
    await _enrolled(session, "newcomer_enrolment", newcomer_enrolments(events))


@coaching_events.on(coa.MatchMade)
async def match_made(session: AsyncSession, events: Sequence[Received[coa.MatchMade]]) -> None:
    await lock_links(session)
    rows = {
        e.payload.match_id: {
            "match_id": e.payload.match_id,
            "coach_id": e.payload.coach_id,
            "newcomer_id": e.payload.newcomer_id,
        }
        for e in events
    }
    await session.execute(insert(matches).on_conflict_do_nothing(), list(rows.values()))
    await complete(session, set(rows))


@dataclass(frozen=True)
class Match:
    """What a session or feedback takes from its match: the people and the academy."""

    coach: uuid.UUID | None = None
    newcomer: uuid.UUID | None = None
    academy: uuid.UUID | None = None

    def side(self, side: str) -> uuid.UUID | None:
        return self.coach if side == "coach" else self.newcomer

    def describe(self, row: dict[str, Any], side: str) -> dict[str, Any]:
        row["participant_key"] = self.side(side)
        row["item"] = None if self.academy is None else str(self.academy)
        return row


async def known_matches(
    session: AsyncSession, match_ids: set[uuid.UUID] | None
) -> dict[uuid.UUID, Match]:
    """For each match (`None`: every one): its coach's and newcomer's participant ids and
    the academy (the coach's), as far as known."""
    coach = coaching_people.alias("coach")
    newcomer = coaching_people.alias("newcomer")
    query = (
        select(
            matches.c.match_id,
            coach.c.participant_id,
            newcomer.c.participant_id,
            func.coalesce(coach.c.academy_id, newcomer.c.academy_id),
        )
        .select_from(matches)
        .outerjoin(coach, coach.c.coaching_id == matches.c.coach_id)
        .outerjoin(newcomer, newcomer.c.coaching_id == matches.c.newcomer_id)
    )
    if match_ids is not None:
        query = query.where(matches.c.match_id.in_(match_ids))
    return {row[0]: Match(*row[1:]) for row in (await session.execute(query)).all()}


async def complete(session: AsyncSession, match_ids: set[uuid.UUID]) -> None:
    """Sessions and feedback that arrived before their match or its enrolments (a
    redelivery, a replay) get the people and academy now known, as if in order."""
    if not match_ids:
        return
    query = select(facts).where(
        facts.c.match_id.in_(match_ids),
        or_(facts.c.participant_key.is_(None), facts.c.item.is_(None)),
    )
    waiting = [dict(r._mapping) for r in (await session.execute(query)).all()]
    if not waiting:
        return
    known = await known_matches(session, match_ids)
    await write_facts(
        session,
        [
            known.get(row["match_id"], Match()).describe(row, SIDE[row["fact"], row["tag"]])
            for row in waiting
        ],
    )


SIDE = {("session", tag): "newcomer" for tag in ("held", "cancelled", "no_show")} | {
    ("feedback", side.value): side.value for side in coa.Side
}
"""Whose fact a session or feedback is: the newcomer's, or the side that rated it."""


def session_facts(events: Sequence[Received[Any]], tag: str) -> list[dict[str, Any]]:
    """A session's facts, before their match tells whose they are (`Match.describe`)."""
    return [
        fact(
            "session",
            str(e.payload.session_id),
            e,
            e.payload.starts_at,
            tag=tag,
            value=float(getattr(e.payload, "duration_minutes", 0)) if tag == "held" else 0.0,
            match_id=e.payload.match_id,
        )
        for e in events
    ]


def feedback_facts(events: Sequence[Received[coa.FeedbackSubmitted]]) -> list[dict[str, Any]]:
    """Feedback facts, before their match tells whose they are (`Match.describe`)."""
    return [
        fact(
            "feedback",
            f"{e.payload.session_id}:{e.payload.side}",
            e,
            e.payload.submitted_at,
            tag=e.payload.side.value,
            value=float(e.payload.rating),
            match_id=e.payload.match_id,
        )
        for e in events
    ]


async def _linked(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Write session or feedback facts with what their matches say, as far as known."""
    await lock_links(session)
    known = await known_matches(session, {r["match_id"] for r in rows})
    await write_facts(
        session,
        [known.get(r["match_id"], Match()).describe(r, SIDE[r["fact"], r["tag"]]) for r in rows],
    )


@coaching_events.on(coa.SessionHeld)
async def session_held(session: AsyncSession, events: Sequence[Received[coa.SessionHeld]]) -> None:
    await _linked(session, session_facts(events, "held"))


@coaching_events.on(coa.SessionCancelled)
async def session_cancelled(
    session: AsyncSession, events: Sequence[Received[coa.SessionCancelled]]
) -> None:
    await _linked(session, session_facts(events, "cancelled"))


@coaching_events.on(coa.SessionNoShow)
async def session_no_show(
    session: AsyncSession, events: Sequence[Received[coa.SessionNoShow]]
) -> None:
    await _linked(session, session_facts(events, "no_show"))


@coaching_events.on(coa.FeedbackSubmitted)
async def feedback_submitted(
    session: AsyncSession, events: Sequence[Received[coa.FeedbackSubmitted]]
) -> None:
    await _linked(session, feedback_facts(events))
