"""Writing facts in bulk: each takes its participant's attributes at its event time, and
the newest assertion of a fact wins."""

import time
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from opentelemetry import metrics
from sqlalchemy import Text, bindparam, event, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import ARRAY, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session as SyncSession

from milagro_kit.consumer import Received
from milagro_observatory.attributes import DIMENSIONS, Assertion, Version, at, versions
from milagro_observatory.headlines import changed, part_of, settle
from milagro_observatory.identities import Resolved, rekey, resolve
from milagro_observatory.store import (
    facts,
    participant_attributes,
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

FROM_PARTICIPANT = (*DIMENSIONS, "research_consent")
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
    """One fact row; `happened` decides its period and the participant attributes it takes."""
    row: dict[str, Any] = {
        "fact": kind,
        "key": key,
        "at": received.envelope.time,
        "happened": happened,
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
        "match_id": None,
    }
    row.update(fields)
    return row


class People:
    """What the projection knows of some participants: attribute histories and consent."""

    def __init__(
        self, histories: dict[uuid.UUID, list[Version]], consent: dict[uuid.UUID, bool]
    ) -> None:
        self.histories = histories
        self.consent = consent

    def describe(self, row: dict[str, Any]) -> None:
        """Give a fact row its participant's attributes at its event time (if known)."""
        who = row["participant_key"]
        attributes = at(self.histories.get(who, []), row["happened"])
        if attributes is not None:
            row.update(attributes)
        if who in self.consent:
            row["research_consent"] = self.consent[who]


async def people(session: AsyncSession, ids: Iterable[uuid.UUID | None] | None) -> People:
    """The attribute histories and research consent of some participants (`None`: all)."""
    wanted = None if ids is None else {i for i in ids if i is not None}
    if wanted is not None and not wanted:
        return People({}, {})
    a = participant_attributes
    query = select(
        a.c.participant_id,
        a.c.valid_from,
        a.c.asserted_at,
        a.c.registration,
        a.c.sets,
        *(a.c[d] for d in DIMENSIONS),
    )
    if wanted is not None:
        query = query.where(a.c.participant_id.in_(wanted))
    assertions: dict[uuid.UUID, list[Assertion]] = {}
    for row in (await session.execute(query)).all():
        values = {d: getattr(row, d) for d in row.sets}
        assertions.setdefault(row.participant_id, []).append(
            Assertion(row.valid_from, row.asserted_at, row.registration, values)
        )
    p = participants
    query = select(p.c.participant_id, p.c.research_consent)
    if wanted is not None:
        query = query.where(p.c.participant_id.in_(wanted))
    consent = {r[0]: r[1] for r in (await session.execute(query)).all()}
    return People({k: versions(v) for k, v in assertions.items()}, consent)


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
    kept = await _current_records(session, rows)
    known = await people(session, (r["participant_key"] for r in kept))
    for row in kept:
        known.describe(row)
    written = newest(kept)
    if not written:  # nothing left when every row was a merged record's void registration
        return
    kinds, keys = [r["fact"] for r in written], [r["key"] for r in written]
    # the live headlines recount the facts' parts: where they were (a late match moves a
    # session from nobody to its newcomer) and where they go
    before = (await session.execute(_PARTS_BEFORE, {"kinds": kinds, "keys": keys})).all()
    changed(session, (part_of(*row) for row in before), kinds)
    changed(session, (part_of(r["participant_key"], r["fact"], r["key"]) for r in written), kinds)
    # executemany of one cached statement: a multi-row VALUES would be compiled afresh
    # for every batch, which costs more than the database's work.
    await session.execute(_UPSERT_FACTS, written)


def newest(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per fact: the newest assertion (the later of equals, as applied in order)."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        previous = latest.get((row["fact"], row["key"]))
        if previous is None or previous["at"] <= row["at"]:
            latest[(row["fact"], row["key"])] = row
    return list(latest.values())


async def _current_records(
    session: AsyncSession, rows: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Facts about a merged or erased record that arrive after the merge or erasure (from
    another stream, a redelivery, a replay) go where `repoint` and `forget` sent the
    earlier ones; a merged record's own registration is void, as `repoint` made it."""
    return relocate(rows, await resolve(session, (r["participant_key"] for r in rows)))


def relocate(
    rows: Iterable[dict[str, Any]], where: dict[uuid.UUID, Resolved]
) -> list[dict[str, Any]]:
    """`_current_records` with the ids already resolved (`where` may leave some out)."""
    out = []
    for row in rows:
        resolved = where.get(row["participant_key"])
        if resolved is not None:
            if resolved.merged and row["fact"] == "registration":
                continue
            row["key"] = rekey(row["key"], row["participant_key"], resolved.to)
            row["participant_key"] = resolved.to
        out.append(row)
    return out


_insert_facts = insert(facts)
_UPSERT_FACTS = _insert_facts.on_conflict_do_update(
    index_elements=["fact", "key"],
    set_={c: _insert_facts.excluded[c] for c in _FACT_COLUMNS},
    where=facts.c.at <= _insert_facts.excluded.at,
)

_PARTS_BEFORE = select(facts.c.participant_key, facts.c.fact, facts.c.key).where(
    tuple_(facts.c.fact, facts.c.key).in_(
        select(
            func.unnest(bindparam("kinds", type_=ARRAY(Text))),
            func.unnest(bindparam("keys", type_=ARRAY(Text))),
        )
    )
)

_SET_DIMENSIONS = (
    update(facts)
    .where(facts.c.fact == bindparam("f_fact"), facts.c.key == bindparam("f_key"))
    .values({c: bindparam(f"f_{c}") for c in FROM_PARTICIPANT})
)


async def refresh_dimensions(session: AsyncSession, ids: Iterable[uuid.UUID]) -> None:
    """Give the facts of these participants the attributes of their event times and the
    current research consent (after registrations, updates, consent changes and merges,
    in whatever order they came)."""
    wanted = set(ids)
    if not wanted:
        return
    query = select(
        facts.c.fact,
        facts.c.key,
        facts.c.happened,
        facts.c.participant_key,
        *(facts.c[c] for c in FROM_PARTICIPANT),
    ).where(facts.c.participant_key.in_(wanted))
    stored = [dict(r._mapping) for r in (await session.execute(query)).all()]
    if not stored:
        return
    known = await people(session, wanted)
    described, moved, kinds = [], set(), set()
    for row in stored:
        before = {c: row[c] for c in FROM_PARTICIPANT}
        known.describe(row)
        if any(row[c] != before[c] for c in FROM_PARTICIPANT):
            described.append(
                {"f_fact": row["fact"], "f_key": row["key"]}
                | {f"f_{c}": row[c] for c in FROM_PARTICIPANT}
            )
            moved.add(str(row["participant_key"]))
            kinds.add(row["fact"])
    if described:
        await session.execute(_SET_DIMENSIONS, described)
        changed(session, moved, kinds)


_STATE_ROWS = {"registry": 2, "activities": 3, "coaching": 4}
"""The projection_state row each stream's consumer bumps (row 1: migrations, rebuild)."""


async def touched(session: AsyncSession, events: Sequence[Received[Any]]) -> None:
    """Mark the projections changed (for caches, ETags and live updates) and time their
    freshness: every consumer's hook after each batch it applies. The live headlines'
    tallies of what the batch changed are settled here, in its transaction."""
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
    await settle(session)
    await notify(session)
    session.info["observatory_event_times"] = [e.envelope.time.timestamp() for e in events]
    event.listen(session.sync_session, "after_commit", _observe_freshness, once=True)


def _observe_freshness(sync_session: SyncSession) -> None:
    now = time.time()
    for moment in sync_session.info.pop("observatory_event_times", []):
        freshness.record(max(0.0, now - moment))
