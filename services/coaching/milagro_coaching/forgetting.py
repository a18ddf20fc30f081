"""What the coaching service does with its records of people as the registry merges and
erases them (the directory itself is the kit's, in `store.participants`).

Erasure: the person's coach and newcomer records lose their profile and their link to the
person and are closed; their live pairings end and their scheduled sessions are cancelled
(with the events every service expects), their feedback comments and calendar feeds go.
Sessions held and ratings given stay counted.
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Table, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_coaching.certification import SOURCE
from milagro_coaching.store import (
    academies,
    calendar_feeds,
    certified_coaches,
    coaches,
    feedback,
    matches,
    newcomers,
    sessions,
)
from milagro_contracts.coaching import MatchEnded, SessionCancelled
from milagro_kit.outbox import record


async def merge(session: AsyncSession, merged: uuid.UUID, kept: uuid.UUID) -> None:
    """The merged record's coach and newcomer records become the kept one's, where the kept
    one has none in that academy."""
    for table in (coaches, newcomers):
        theirs = table.alias("theirs")
        held = select(theirs.c.id).where(theirs.c.participant_id == kept)
        held = held.where(theirs.c.academy_id == table.c.academy_id)
        await session.execute(
            update(table)
            .where(table.c.participant_id == merged)
            .where(~held.exists())
            .values(participant_id=kept)
        )
    await session.execute(
        update(certified_coaches)
        .where(certified_coaches.c.participant_id == merged)
        .where(
            ~select(certified_coaches.c.participant_id)
            .where(certified_coaches.c.participant_id == kept)
            .exists()
        )
        .values(participant_id=kept)
    )


async def _records(
    session: AsyncSession, table: Table, ids: Sequence[uuid.UUID]
) -> list[uuid.UUID]:
    query = select(table.c.id).where(table.c.participant_id.in_(ids))
    return list((await session.execute(query)).scalars())


async def forget(session: AsyncSession, ids: Sequence[uuid.UUID]) -> None:
    now = datetime.now(UTC)
    coach_ids = await _records(session, coaches, ids)
    newcomer_ids = await _records(session, newcomers, ids)
    theirs = or_(matches.c.coach_id.in_(coach_ids), matches.c.newcomer_id.in_(newcomer_ids))
    partner_of = select(academies.c.partner).where(academies.c.id == matches.c.academy_id)
    planned = (
        await session.execute(
            update(sessions)
            .where(sessions.c.state == "scheduled")
            .where(
                or_(sessions.c.coach_id.in_(coach_ids), sessions.c.newcomer_id.in_(newcomer_ids))
            )
            .values(state="cancelled", updated_at=now)
            .returning(sessions.c.id, sessions.c.match_id, sessions.c.starts_at)
        )
    ).all()
    for s in planned:
        partner = (
            await session.execute(
                select(academies.c.partner)
                .join(matches, matches.c.academy_id == academies.c.id)
                .where(matches.c.id == s.match_id)
            )
        ).scalar_one()
        cancelled = SessionCancelled(
            partner=partner, session_id=s.id, match_id=s.match_id, starts_at=s.starts_at
        )
        await record(session, cancelled, source=SOURCE, aggregate=f"session:{s.id}")
    ended = (
        await session.execute(
            update(matches)
            .where(theirs)
            .where(matches.c.state == "accepted")
            .values(state="ended", ended_at=now, decision_reason="a participant was erased")
            .returning(matches, partner_of.scalar_subquery().label("partner"))
        )
    ).mappings()
    for m in ended.all():
        event = MatchEnded(
            partner=m["partner"],
            match_id=m["id"],
            coach_id=m["coach_id"],
            newcomer_id=m["newcomer_id"],
            ended_at=now,
        )
        await record(session, event, source=SOURCE, aggregate=f"match:{m['id']}")
    await session.execute(
        update(matches)
        .where(theirs)
        .where(matches.c.state == "proposed")
        .values(state="withdrawn", decided_at=now, decision_reason="a participant was erased")
    )
    for side, records, column in (
        ("coach", coach_ids, sessions.c.coach_id),
        ("newcomer", newcomer_ids, sessions.c.newcomer_id),
    ):
        their_sessions = select(sessions.c.id).where(column.in_(records))
        await session.execute(
            update(feedback)
            .where(feedback.c.side == side)
            .where(feedback.c.session_id.in_(their_sessions))
            .values(comment=None)
        )
    await session.execute(
        delete(calendar_feeds).where(calendar_feeds.c.owner_id.in_([*coach_ids, *newcomer_ids]))
    )
    closed: dict[str, object] = {
        "participant_id": None,
        "languages": [],
        "state": "left",
        "updated_at": now,
    }
    nowhere = {"zone": "UTC", "slots": []}
    await session.execute(
        update(coaches)
        .where(coaches.c.id.in_(coach_ids))
        .values(closed | {"topics": [], "availability": nowhere})
    )
    await session.execute(
        update(newcomers)
        .where(newcomers.c.id.in_(newcomer_ids))
        .values(closed | {"needs": [], "availability": nowhere})
    )
    await session.execute(
        delete(certified_coaches).where(certified_coaches.c.participant_id.in_(ids))
    )
