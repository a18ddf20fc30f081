"""The coaching stream: academies, enrolments, matches, sessions and feedback."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import coaching as coa
from milagro_kit.consumer import Consumer, Received
from milagro_observatory.projection import (
    fact,
    touched,
    write_facts,
)
from milagro_observatory.store import coaching_people, matches

# by_type, handlers in the order below: enrolments and matches before sessions.
coaching_events = Consumer("observatory-coaching", stream="COACHING", by_type=True)
coaching_events.after_batch(touched)


@coaching_events.on(coa.AcademyOpened)
async def academy_opened(
    session: AsyncSession, events: Sequence[Received[coa.AcademyOpened]]
) -> None:
    await write_facts(
        session,
        [fact("academy", str(e.payload.academy_id), e, e.payload.opened_at) for e in events],
    )


async def _enrolled(
    session: AsyncSession, kind: str, enrolments: list[tuple[uuid.UUID, uuid.UUID, Any]]
) -> None:
    rows = {coaching_id: participant for coaching_id, participant, _ in enrolments}
    await session.execute(
        insert(coaching_people).on_conflict_do_nothing(),
        [{"coaching_id": k, "participant_id": v} for k, v in rows.items()],
    )
    await write_facts(
        session,
        [
            fact(kind, str(cid), e, e.payload.enrolled_at, participant=pid)
            for cid, pid, e in enrolments
        ],
    )


@coaching_events.on(coa.CoachEnrolled)
async def coach_enrolled(
    session: AsyncSession, events: Sequence[Received[coa.CoachEnrolled]]
) -> None:
    enrolments = [(e.payload.coach_id, e.payload.participant_id, e) for e in events]
    await _enrolled(session, "coach_enrolment", enrolments)


@coaching_events.on(coa.NewcomerEnrolled)
async def newcomer_enrolled(
    session: AsyncSession, events: Sequence[Received[coa.NewcomerEnrolled]]
) -> None:
    enrolments = [(e.payload.newcomer_id, e.payload.participant_id, e) for e in events]
    await _enrolled(session, "newcomer_enrolment", enrolments)


@coaching_events.on(coa.MatchMade)
async def match_made(session: AsyncSession, events: Sequence[Received[coa.MatchMade]]) -> None:
    rows = {
        e.payload.match_id: {
            "match_id": e.payload.match_id,
            "coach_id": e.payload.coach_id,
            "newcomer_id": e.payload.newcomer_id,
        }
        for e in events
    }
    await session.execute(insert(matches).on_conflict_do_nothing(), list(rows.values()))


async def _people_of_matches(
    session: AsyncSession, match_ids: set[uuid.UUID]
) -> dict[uuid.UUID, dict[str, uuid.UUID | None]]:
    """For each match: the participant ids of its coach and newcomer (if known)."""
    coach = coaching_people.alias("coach")
    newcomer = coaching_people.alias("newcomer")
    query = (
        select(matches.c.match_id, coach.c.participant_id, newcomer.c.participant_id)
        .select_from(matches)
        .outerjoin(coach, coach.c.coaching_id == matches.c.coach_id)
        .outerjoin(newcomer, newcomer.c.coaching_id == matches.c.newcomer_id)
        .where(matches.c.match_id.in_(match_ids))
    )
    return {
        row[0]: {"coach": row[1], "newcomer": row[2]}
        for row in (await session.execute(query)).all()
    }


async def _session_facts(session: AsyncSession, events: Sequence[Received[Any]], tag: str) -> None:
    people = await _people_of_matches(session, {e.payload.match_id for e in events})
    await write_facts(
        session,
        [
            fact(
                "session",
                str(e.payload.session_id),
                e,
                e.payload.starts_at,
                participant=people.get(e.payload.match_id, {}).get("newcomer"),
                tag=tag,
                value=float(getattr(e.payload, "duration_minutes", 0)) if tag == "held" else 0.0,
            )
            for e in events
        ],
    )


@coaching_events.on(coa.SessionHeld)
async def session_held(session: AsyncSession, events: Sequence[Received[coa.SessionHeld]]) -> None:
    await _session_facts(session, events, "held")


@coaching_events.on(coa.SessionCancelled)
async def session_cancelled(
    session: AsyncSession, events: Sequence[Received[coa.SessionCancelled]]
) -> None:
    await _session_facts(session, events, "cancelled")


@coaching_events.on(coa.SessionNoShow)
async def session_no_show(
    session: AsyncSession, events: Sequence[Received[coa.SessionNoShow]]
) -> None:
    await _session_facts(session, events, "no_show")


@coaching_events.on(coa.FeedbackSubmitted)
async def feedback_submitted(
    session: AsyncSession, events: Sequence[Received[coa.FeedbackSubmitted]]
) -> None:
    people = await _people_of_matches(session, {e.payload.match_id for e in events})
    await write_facts(
        session,
        [
            fact(
                "feedback",
                f"{e.payload.session_id}:{e.payload.side}",
                e,
                e.payload.submitted_at,
                participant=people.get(e.payload.match_id, {}).get(e.payload.side.value),
                tag=e.payload.side.value,
                value=float(e.payload.rating),
            )
            for e in events
        ],
    )
