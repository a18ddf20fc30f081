"""The registry's stream: partners, and the people facts are about (pseudonymous)."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import registry as reg
from milagro_kit.consumer import Consumer, Received
from milagro_observatory.attributes import DIMENSIONS
from milagro_observatory.headlines import changed_everything, counts_countries
from milagro_observatory.identities import forget, merge, resolve
from milagro_observatory.projection import (
    fact,
    lock_attributes,
    refresh_dimensions,
    touched,
    write_facts,
)
from milagro_observatory.store import participant_attributes, participants, partners

# by_type: a batch's events reach each handler in one call, handlers in the order below.
# Nothing depends on that order, nor on the order of the batches: attributes are a history
# folded by their own times, consent is guarded by its time, facts are "newest assertion
# wins", and merges and erasures are remembered so what arrives after them follows them.
registry_events = Consumer("observatory-registry", stream="REGISTRY", by_type=True)
registry_events.after_batch(touched)


def _value(v: Any) -> Any:
    return getattr(v, "value", v)


def partner_rows(events: Sequence[Received[reg.PartnerRegistered]]) -> dict[str, dict[str, Any]]:
    """Each partner as the last of these events describes it."""
    return {
        e.payload.partner: {
            "code": e.payload.partner,
            "name": e.payload.name,
            "country": e.payload.country,
            "city": e.payload.city,
            "kind": e.payload.kind.value,
        }
        for e in events
    }


@registry_events.on(reg.PartnerRegistered)
async def partner_registered(
    session: AsyncSession, events: Sequence[Received[reg.PartnerRegistered]]
) -> None:
    rows = partner_rows(events)
    statement = insert(partners)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["code"],
            set_={c: statement.excluded[c] for c in ("name", "country", "city", "kind")},
        ),
        list(rows.values()),
    )
    if counts_countries():  # a country decides what some formula counts: count again
        changed_everything(session)


@registry_events.on(reg.ParticipantRegistered)
async def participant_registered(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantRegistered]]
) -> None:
    await lock_attributes(session, exclusive=True)
    touched_ids = await _assert(session, registered(events))
    await write_facts(session, registration_facts(events))
    await refresh_dimensions(session, touched_ids)


def registered(events: Sequence[Received[reg.ParticipantRegistered]]) -> list["Asserted"]:
    """What registrations assert: every dimension."""
    assertions: list[Asserted] = []
    for e in events:
        a = e.payload.attributes
        values = {d: _value(getattr(a, d)) for d in DIMENSIONS}
        assertions.append((e, e.payload.participant_id, e.payload.registered_at, True, values))
    return assertions


def registration_facts(
    events: Sequence[Received[reg.ParticipantRegistered]],
) -> list[dict[str, Any]]:
    return [
        fact(
            "registration",
            str(e.payload.participant_id),
            e,
            e.payload.registered_at,
            participant=e.payload.participant_id,
        )
        for e in events
    ]


@registry_events.on(reg.ParticipantUpdated)
async def participant_updated(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantUpdated]]
) -> None:
    await lock_attributes(session, exclusive=True)
    await refresh_dimensions(session, await _assert(session, updated(events)))


def updated(events: Sequence[Received[reg.ParticipantUpdated]]) -> list["Asserted"]:
    """What updates assert: the dimensions they change (none: nothing to keep)."""
    assertions: list[Asserted] = []
    for e in events:
        changed = {k: _value(v) for k, v in e.payload.assignments().items() if k in DIMENSIONS}
        if changed:
            assertions.append((e, e.payload.participant_id, e.payload.updated_at, False, changed))
    return assertions


Asserted = tuple[Received[Any], uuid.UUID, datetime, bool, dict[str, Any]]


async def _assert(session: AsyncSession, assertions: Sequence[Asserted]) -> set[uuid.UUID]:
    """Keep registrations and updates as assertions in the participant's history, whether
    or not the others have arrived (an update before its registration is kept, not lost);
    returns the records whose facts must be described again."""
    where = await resolve(session, (pid for _, pid, _, _, _ in assertions))
    rows: list[dict[str, Any]] = []
    for e, pid, valid_from, registration, values in assertions:
        if where[pid].merged:
            continue  # a merged record's own description gave way to the kept record's
        rows.append(assertion_row((e, where[pid].to, valid_from, registration, values)))
    if rows:
        await session.execute(insert(participant_attributes).on_conflict_do_nothing(), rows)
    return {r["participant_id"] for r in rows}


def assertion_row(assertion: Asserted) -> dict[str, Any]:
    """A `participant_attributes` row (the id given already resolved)."""
    e, pid, valid_from, registration, values = assertion
    return {
        "participant_id": pid,
        "event_id": e.envelope.id,
        "valid_from": valid_from,
        "asserted_at": e.envelope.time,
        "registration": registration,
        "sets": sorted(values),
    } | {d: values.get(d) for d in DIMENSIONS}


def research(
    events: Sequence[Received[reg.ParticipantConsentChanged]],
) -> list[Received[reg.ParticipantConsentChanged]]:
    """The consent decisions the observatory keeps: research statistics."""
    return [e for e in events if e.payload.purpose == reg.ConsentPurpose.research_statistics]


@registry_events.on(reg.ParticipantConsentChanged)
async def consent_changed(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantConsentChanged]]
) -> None:
    """Research indicators count only people who consent to research statistics: the
    latest decision by its own time, whenever it arrives."""
    decisions = research(events)
    if not decisions:
        return
    await lock_attributes(session, exclusive=True)
    where = await resolve(session, (e.payload.participant_id for e in decisions))
    rows: list[dict[str, Any]] = [
        {
            "participant_id": where[e.payload.participant_id].to,
            "research_consent": e.payload.given,
            "research_consent_at": e.payload.changed_at,
        }
        for e in decisions
        if not where[e.payload.participant_id].merged
    ]
    statement = insert(participants)
    upsert = statement.on_conflict_do_update(
        index_elements=["participant_id"],
        set_={
            "research_consent": statement.excluded.research_consent,
            "research_consent_at": statement.excluded.research_consent_at,
        },
        where=or_(
            participants.c.research_consent_at.is_(None),
            participants.c.research_consent_at <= statement.excluded.research_consent_at,
        ),
    )
    for row in rows:  # one by one: two decisions of one person in a batch meet in the guard
        await session.execute(upsert, row)
    await refresh_dimensions(session, {r["participant_id"] for r in rows})


# Before erasures: a person merged and then erased in one batch is forgotten as one.
@registry_events.on(reg.ParticipantsMerged)
async def participants_merged(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantsMerged]]
) -> None:
    await lock_attributes(session, exclusive=True)
    kept = {await merge(session, e.payload.merged_id, e.payload.kept_id) for e in events}
    await refresh_dimensions(session, kept)


@registry_events.on(reg.ParticipantErased)
async def participant_erased(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantErased]]
) -> None:
    await lock_attributes(session, exclusive=True)
    for e in events:
        await forget(session, e.payload.participant_id)
