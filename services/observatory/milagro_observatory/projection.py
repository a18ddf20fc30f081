"""Writing facts in bulk: dimensions from the participant lookup, newest assertion wins."""

import time
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from opentelemetry import metrics
from sqlalchemy import delete, event, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session as SyncSession

from milagro_kit.consumer import Received
from milagro_observatory.store import (
    coaching_people,
    facts,
    merged_participants,
    participants,
    projection_state,
)
from milagro_observatory.watching import notify

meter = metrics.get_meter("milagro.observatory")
freshness = meter.create_histogram(
    "milagro_indicator_freshness",
    unit="s",
    description="Event time (the source's commit) to the indicator update being committed",
)

PARTICIPANT_DIMENSIONS = ("group", "migrant_status", "gender", "age_band")
FROM_PARTICIPANT = (*PARTICIPANT_DIMENSIONS, "research_consent")
"""What a fact takes from its participant: the dimensions, and whether research may count it."""
_FACT_COLUMNS = [c.name for c in facts.columns if c.name not in ("fact", "key")]


def month(moment: datetime) -> date:
    """The period an event time falls in: the first day of its month (UTC)."""
    return date(moment.year, moment.month, 1)


def fact(
    kind: str,
    key: str,
    received: Received[Any],
    happened: datetime,
    *,
    participant: uuid.UUID | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """One fact row; `happened` (event time) decides its period."""
    row: dict[str, Any] = {
        "fact": kind,
        "key": key,
        "at": received.envelope.time,
        "period": month(happened),
        "partner": received.payload.partner,
        "participant_key": participant,
        "group": None,
        "migrant_status": None,
        "gender": None,
        "age_band": None,
        "activity_kind": None,
        "item": None,
        "tag": None,
        "value": 1.0,
        "research_consent": False,
    }
    row.update(fields)
    return row


async def attributes_of(
    session: AsyncSession, ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, dict[str, Any]]:
    """The statistical attributes known for some participants."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    p = participants
    query = select(p.c.participant_id, *(p.c[d] for d in FROM_PARTICIPANT)).where(
        p.c.participant_id.in_(wanted)
    )
    return {
        row[0]: dict(zip(FROM_PARTICIPANT, row[1:], strict=True))
        for row in (await session.execute(query)).all()
    }


_ATTRIBUTES_LOCK = 0x6F6273  # orders attribute writes against fact writes across consumers


async def lock_attributes(session: AsyncSession, *, exclusive: bool) -> None:
    """Serialise participant-attribute changes against fact writes that read them.

    Without it, a fact written concurrently with its participant's registration could
    commit without dimensions: each transaction would miss the other's uncommitted row.
    """
    held = session.info.get("observatory_attributes_lock")
    if held == "exclusive" or (held == "shared" and not exclusive):
        return  # held until the transaction ends: taking it again changes nothing
    name = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    await session.execute(select(getattr(func, name)(_ATTRIBUTES_LOCK)))
    session.info["observatory_attributes_lock"] = "exclusive" if exclusive else "shared"


async def write_facts(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Upsert facts in one statement; a fact asserted later replaces an earlier one."""
    if not rows:
        return
    await lock_attributes(session, exclusive=False)
    await _to_kept_records(session, rows)
    known = await attributes_of(session, (r["participant_key"] for r in rows))
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        attributes = known.get(row["participant_key"])
        if attributes is not None:
            row.update(attributes)
        previous = latest.get((row["fact"], row["key"]))
        if previous is None or previous["at"] <= row["at"]:
            latest[(row["fact"], row["key"])] = row
    # executemany of one cached statement: a multi-row VALUES would be compiled afresh
    # for every batch, which costs more than the database's work.
    await session.execute(_UPSERT_FACTS, list(latest.values()))


async def _to_kept_records(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Facts about a merged record that arrive after its merge (from another stream, or
    in a replay) are the kept record's, as `repoint` made the earlier ones."""
    ids = {r["participant_key"] for r in rows if r["participant_key"] is not None}
    if not ids:
        return
    m = merged_participants
    query = select(m.c.merged_id, m.c.kept_id).where(m.c.merged_id.in_(ids))
    kept = {row[0]: row[1] for row in (await session.execute(query)).all()}
    for row in rows:
        if (to := kept.get(row["participant_key"])) is not None:
            row["key"] = row["key"].replace(str(row["participant_key"]), str(to))
            row["participant_key"] = to


_insert_facts = insert(facts)
_UPSERT_FACTS = _insert_facts.on_conflict_do_update(
    index_elements=["fact", "key"],
    set_={c: _insert_facts.excluded[c] for c in _FACT_COLUMNS},
    where=facts.c.at <= _insert_facts.excluded.at,
)


async def refresh_dimensions(session: AsyncSession, ids: Iterable[uuid.UUID]) -> None:
    """Give the facts of these participants their current attributes and research consent
    (late registrations, updates, consent changes)."""
    wanted = list(set(ids))
    if not wanted:
        return
    p = participants
    await session.execute(
        update(facts)
        .where(facts.c.participant_key == p.c.participant_id)
        .where(p.c.participant_id.in_(wanted))
        # the same condition on facts itself, so its index is used, not a scan of all facts
        .where(facts.c.participant_key.in_(wanted))
        .values({d: p.c[d] for d in FROM_PARTICIPANT})
    )


async def forget(session: AsyncSession, participant_id: uuid.UUID) -> None:
    """Unlink a participant's facts from them: a random key replaces their id."""
    stranger = uuid.uuid4()
    await session.execute(
        update(facts)
        .where(facts.c.participant_key == participant_id)
        .values(
            participant_key=stranger,
            key=func.replace(facts.c.key, str(participant_id), str(stranger)),
        )
    )


async def repoint(session: AsyncSession, merged: uuid.UUID, kept: uuid.UUID) -> None:
    """Make a merged record's facts the kept record's, so the person counts once.

    Its registration goes (the kept record's stays); where both records assert the same
    fact (the same attendance, say) the newer assertion stays, as for any fact; the
    merged record is remembered so its later facts go to the kept record too. Running
    it again changes nothing.
    """
    await session.execute(
        delete(facts).where(facts.c.fact == "registration", facts.c.participant_key == merged)
    )
    # where both records assert one fact, the older copy goes: first the kept record's...
    other = facts.alias("other")
    other_key = func.replace(other.c.key, str(merged), str(kept))
    await session.execute(
        delete(facts).where(
            other.c.participant_key == merged,
            other.c.key != other_key,
            facts.c.fact == other.c.fact,
            facts.c.key == other_key,
            facts.c.at < other.c.at,
        )
    )
    # ...then the merged record's
    new_key = func.replace(facts.c.key, str(merged), str(kept))
    await session.execute(
        delete(facts).where(
            facts.c.participant_key == merged,
            exists().where(
                other.c.fact == facts.c.fact,
                other.c.key == new_key,
                other.c.key != facts.c.key,
                other.c.at >= facts.c.at,
            ),
        )
    )
    await session.execute(
        update(facts)
        .where(facts.c.participant_key == merged)
        .values(participant_key=kept, key=new_key)
    )
    await session.execute(
        update(coaching_people)
        .where(coaching_people.c.participant_id == merged)
        .values(participant_id=kept)
    )
    await session.execute(delete(participants).where(participants.c.participant_id == merged))
    m = merged_participants
    await session.execute(update(m).where(m.c.kept_id == merged).values(kept_id=kept))
    statement = insert(m).values(merged_id=merged, kept_id=kept)
    await session.execute(
        statement.on_conflict_do_update(index_elements=["merged_id"], set_={"kept_id": kept})
    )
    await refresh_dimensions(session, [kept])


_STATE_ROWS = {"registry": 2, "activities": 3, "coaching": 4}
"""The projection_state row each stream's consumer bumps (row 1: migrations, rebuild)."""


async def touched(session: AsyncSession, events: Sequence[Received[Any]]) -> None:
    """Mark the projections changed (for caches, ETags and live updates) and time their
    freshness: every consumer's hook after each batch it applies."""
    # One row per stream (the published state sums them): consumers of different
    # streams would otherwise queue behind each other's lock on a single row.
    row = _STATE_ROWS.get(events[0].payload.context, 1)
    statement = insert(projection_state).values(
        id=row, version=1, updated_at=func.clock_timestamp()
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["id"],
            set_={"version": projection_state.c.version + 1, "updated_at": func.clock_timestamp()},
        )
    )
    await notify(session)
    session.info["observatory_event_times"] = [e.envelope.time.timestamp() for e in events]
    event.listen(session.sync_session, "after_commit", _observe_freshness, once=True)


def _observe_freshness(sync_session: SyncSession) -> None:
    now = time.time()
    for moment in sync_session.info.pop("observatory_event_times", []):
        freshness.record(max(0.0, now - moment))
