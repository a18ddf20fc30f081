"""The rebuild's bulk path: the stored events read in large fetches, the projections
written with COPY in one transaction, and what depends on the whole history (attribute
histories, matches, dimensions) worked out once.

The handlers' own builders say what each event states, so the two paths cannot disagree
on a fact; what differs is the order things are applied in, and the projections do not
depend on it (tests/test_order.py). The bulk path takes the cheapest order a live
projection could also have seen: every partner, registration, update, consent decision,
enrolment, match and fact first (each fact described by its participant's history folded
once, sessions and feedback completed from every match), then the merges and the erasures
in stream order through the registry's handlers, as one batch holding them all applies
them. What replicas applied before this transaction (they share the durables) is folded
in: ids they merged or erased are resolved, and their facts described again.
"""

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nats.js import JetStreamContext
from sqlalchemy import Table, exists, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import coaching as coa
from milagro_contracts import registry as reg
from milagro_kit.consumer import Consumer, Received, Unreadable, read
from milagro_observatory.handlers import activities, coaching, registry
from milagro_observatory.identities import Resolved, resolve
from milagro_observatory.projection import (
    lock_attributes,
    newest,
    people,
    refresh_dimensions,
    relocate,
)
from milagro_observatory.store import (
    coaching_people,
    erased_participants,
    facts,
    matches,
    merged_participants,
    participant_attributes,
    participants,
)

log = logging.getLogger(__name__)

_CHUNK = 10_000
"""Ids per look-up where ids are listed in a query."""


@dataclass
class Gathered:
    """What the streams say, gathered in memory before anything is written."""

    partners: dict[str, Received[Any]] = field(default_factory=dict)
    assertions: list[registry.Asserted] = field(default_factory=list)
    consents: list[Received[reg.ParticipantConsentChanged]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    linked: list[dict[str, Any]] = field(default_factory=list)
    """Sessions and feedback: whose they are comes from their matches, once all known."""
    enrolments: list[tuple[uuid.UUID, uuid.UUID, Received[Any]]] = field(default_factory=list)
    matches: list[Received[coa.MatchMade]] = field(default_factory=list)
    merges: list[Received[reg.ParticipantsMerged]] = field(default_factory=list)
    erasures: list[Received[reg.ParticipantErased]] = field(default_factory=list)

    def add(self, events: Sequence[Received[Any]]) -> None:
        """Take in a fetched batch, grouped by class (stream order kept within each)."""
        by_class: dict[type, list[Received[Any]]] = {}
        for e in events:
            by_class.setdefault(type(e.payload), []).append(e)
        for kind, group in by_class.items():
            _GATHER[kind](self, group)

    def ids(self) -> set[uuid.UUID]:
        """Every participant id the gathered events name."""
        out = {a[1] for a in self.assertions}
        out |= {e.payload.participant_id for e in self.consents}
        out |= {pid for _, pid, _ in self.enrolments}
        out |= {r["participant_key"] for r in self.facts if r["participant_key"] is not None}
        return out


def _gather_facts(
    rows: Callable[[Sequence[Received[Any]]], list[dict[str, Any]]],
) -> Callable[[Gathered, Sequence[Received[Any]]], None]:
    return lambda g, events: g.facts.extend(rows(events))


def _partners(g: Gathered, events: Sequence[Received[reg.PartnerRegistered]]) -> None:
    g.partners.update((e.payload.partner, e) for e in events)


def _registered(g: Gathered, events: Sequence[Received[reg.ParticipantRegistered]]) -> None:
    g.assertions += registry.registered(events)
    g.facts += registry.registration_facts(events)


def _enrolled(kind: str, pairs: Callable[..., Any]) -> Callable[[Gathered, Any], None]:
    def gather(g: Gathered, events: Sequence[Received[Any]]) -> None:
        enrolments = pairs(events)
        g.enrolments += enrolments
        g.facts += coaching.enrolment_facts(kind, enrolments)

    return gather


def _sessions(tag: str) -> Callable[[Gathered, Sequence[Received[Any]]], None]:
    return lambda g, events: g.linked.extend(coaching.session_facts(events, tag))


_GATHER: dict[type, Callable[[Gathered, Any], None]] = {
    reg.PartnerRegistered: _partners,
    reg.ParticipantRegistered: _registered,
    reg.ParticipantUpdated: lambda g, events: g.assertions.extend(registry.updated(events)),
    reg.ParticipantConsentChanged: lambda g, events: g.consents.extend(registry.research(events)),
    reg.ParticipantsMerged: lambda g, events: g.merges.extend(events),
    reg.ParticipantErased: lambda g, events: g.erasures.extend(events),
    **{kind: _gather_facts(rows) for kind, rows in activities.FACTS.items()},
    coa.AcademyOpened: _gather_facts(coaching.academy_facts),
    coa.CoachEnrolled: _enrolled("coach_enrolment", coaching.coach_enrolments),
    coa.NewcomerEnrolled: _enrolled("newcomer_enrolment", coaching.newcomer_enrolments),
    coa.MatchMade: lambda g, events: g.matches.extend(events),
    coa.SessionHeld: _sessions("held"),
    coa.SessionCancelled: _sessions("cancelled"),
    coa.SessionNoShow: _sessions("no_show"),
    coa.FeedbackSubmitted: lambda g, events: g.linked.extend(coaching.feedback_facts(events)),
}


FETCH = 10_000
"""Messages per fetch: the durables let four times the replay batch wait for an ack."""


async def fetch(
    js: JetStreamContext, consumer: Consumer, into: Gathered, advance: Callable[[int], None]
) -> int:
    """Take what `consumer`'s durable has to give into `into`, acknowledging each fetch
    once gathered (a rebuild that fails after this is run again); returns how many were
    unreadable (dead-lettered by the live projection already: left out here too)."""
    subscription = await js.pull_subscribe_bind(durable=consumer.name, stream=consumer.stream)
    unreadable = 0
    try:
        while True:
            try:
                msgs = await subscription.fetch(FETCH, timeout=2)
            except TimeoutError:  # nothing left to give (or replicas took the rest)
                return unreadable
            if not msgs:  # a status instead of messages: ask again
                continue
            events = []
            for msg in msgs:
                try:
                    received = read(msg)
                except Unreadable:
                    unreadable += 1
                    continue
                if type(received.payload) in _GATHER:
                    events.append(received)
                else:  # a kind the live consumer has no handler for either
                    unreadable += 1
            into.add(events)
            for msg in msgs:
                await msg.ack()
            advance(len(msgs))
            if msgs[-1].metadata.num_pending == 0:
                return unreadable
    finally:
        await subscription.unsubscribe()


async def write(session: AsyncSession, g: Gathered) -> None:
    """Write everything gathered, in the caller's transaction."""
    # Replicas' batches wait for this transaction (they take these locks shared or in
    # turn, links first as here): what they applied before it is in the tables, what they
    # apply after it sees everything this one wrote.
    lap = _Laps()
    await coaching.lock_links(session)
    await lock_attributes(session, exclusive=True)
    before = set((await session.execute(select(facts.c.participant_key).distinct())).scalars()) - {
        None
    }
    where = await _resolved(session, g.ids())

    if g.partners:
        await registry.partner_registered(session, list(g.partners.values()))
    await _copy(
        session,
        participant_attributes,
        [
            registry.assertion_row((e, where.get(pid, Resolved(pid, False)).to, at, first, values))
            for e, pid, at, first, values in g.assertions
            if not where.get(pid, Resolved(pid, False)).merged
        ],
        "ON CONFLICT DO NOTHING",
    )
    await _copy(session, participants, _consents(g.consents, where), _NEWER_CONSENT)
    await _copy(
        session,
        coaching_people,
        [
            {
                "coaching_id": cid,
                "participant_id": where.get(pid, Resolved(pid, False)).to,
                "academy_id": e.payload.academy_id,
            }
            for cid, pid, e in g.enrolments
        ],
        "ON CONFLICT DO NOTHING",
    )
    await _copy(
        session,
        matches,
        [
            {
                "match_id": e.payload.match_id,
                "coach_id": e.payload.coach_id,
                "newcomer_id": e.payload.newcomer_id,
            }
            for e in g.matches
        ],
        "ON CONFLICT DO NOTHING",
    )

    lap("attributes, consent, enrolments and matches")
    known = await coaching.known_matches(session, None)
    linked = [
        known.get(r["match_id"], coaching.Match()).describe(r, coaching.SIDE[r["fact"], r["tag"]])
        for r in g.linked
    ]
    rows = relocate([*g.facts, *linked], where)
    described = await people(session, None)
    for row in rows:
        described.describe(row)
    lap("facts described")
    await _copy(session, facts, newest(rows), _NEWER_FACT)
    lap("facts copied")

    # what replicas wrote before: sessions that were waiting for a match, and facts whose
    # people this transaction described
    if before:
        waiting = select(facts.c.match_id).where(
            facts.c.match_id.is_not(None),
            (facts.c.participant_key.is_(None)) | (facts.c.item.is_(None)),
        )
        await coaching.complete(session, set((await session.execute(waiting)).scalars()))
        for chunk in _chunks(before):
            await refresh_dimensions(session, chunk)

    if g.merges:
        await registry.participants_merged(session, g.merges)
    lap(f"{len(g.merges)} merges")
    if g.erasures:
        await registry.participant_erased(session, g.erasures)
    lap(f"{len(g.erasures)} erasures")


class _Laps:
    """Logs how long each step of the bulk write took (an operator's progress detail)."""

    def __init__(self) -> None:
        self.last = time.monotonic()

    def __call__(self, step: str) -> None:
        now = time.monotonic()
        log.info("bulk write: %s in %.1f s", step, now - self.last)
        self.last = now


async def _resolved(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, Resolved]:
    """Where replicas' merges and erasures so far send these ids (none: nothing to ask)."""
    if not await session.scalar(
        select(exists(merged_participants.select()) | exists(erased_participants.select()))
    ):
        return {}
    where: dict[uuid.UUID, Resolved] = {}
    for chunk in _chunks(ids):
        where.update(await resolve(session, chunk))
    return where


def _consents(
    decisions: Iterable[Received[reg.ParticipantConsentChanged]],
    where: dict[uuid.UUID, Resolved],
) -> list[dict[str, Any]]:
    """Each record's latest research decision by its own time (of equals, the later in
    the stream, as the live guard applies them one by one)."""
    latest: dict[uuid.UUID, dict[str, Any]] = {}
    for e in decisions:
        resolved = where.get(e.payload.participant_id, Resolved(e.payload.participant_id, False))
        if resolved.merged:
            continue
        previous = latest.get(resolved.to)
        if previous is None or previous["research_consent_at"] <= e.payload.changed_at:
            latest[resolved.to] = {
                "participant_id": resolved.to,
                "research_consent": e.payload.given,
                "research_consent_at": e.payload.changed_at,
            }
    return list(latest.values())


def _chunks(ids: Iterable[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    listed = list(ids)
    for start in range(0, len(listed), _CHUNK):
        yield listed[start : start + _CHUNK]


_NEWER_FACT = (
    "ON CONFLICT (fact, key) DO UPDATE SET "
    + ", ".join(
        f'"{c.name}" = EXCLUDED."{c.name}"' for c in facts.columns if c.name not in ("fact", "key")
    )
    + " WHERE facts.at <= EXCLUDED.at"
)
_NEWER_CONSENT = (
    "ON CONFLICT (participant_id) DO UPDATE SET research_consent = EXCLUDED.research_consent, "
    "research_consent_at = EXCLUDED.research_consent_at WHERE "
    "participants.research_consent_at IS NULL "
    "OR participants.research_consent_at <= EXCLUDED.research_consent_at"
)


async def _copy(
    session: AsyncSession, table: Table, rows: Sequence[dict[str, Any]], conflict: str
) -> None:
    """COPY rows into a scratch table, then into `table` in one statement (rows a replica
    wrote meanwhile meet them in `conflict`, as their live upserts would)."""
    if not rows:
        return
    scratch = f"bulk_{table.name}"
    await session.execute(
        text(f'CREATE TEMP TABLE "{scratch}" (LIKE "{table.name}") ON COMMIT DROP')
    )
    columns = [c.name for c in table.columns]
    connection = await (await session.connection()).get_raw_connection()
    await connection.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
        scratch, records=[tuple(r.get(c) for c in columns) for r in rows], columns=columns
    )
    await session.execute(text(f'INSERT INTO "{table.name}" SELECT * FROM "{scratch}" {conflict}'))
