"""The registry's stream: partners, and the people facts are about (pseudonymous)."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Boolean, String, bindparam, case, delete, or_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import registry as reg
from milagro_kit.consumer import Consumer, Received
from milagro_observatory.projection import (
    PARTICIPANT_DIMENSIONS,
    fact,
    forget,
    lock_attributes,
    refresh_dimensions,
    repoint,
    touched,
    write_facts,
)
from milagro_observatory.store import coaching_people, participants, partners

# by_type: a batch's events reach each handler in one call, handlers in the order below
# (partners and people before their updates, merges and erasure). Facts are "newest
# assertion wins", so nothing else depends on the order.
registry_events = Consumer("observatory-registry", stream="REGISTRY", by_type=True)
registry_events.after_batch(touched)


def _value(v: Any) -> Any:
    return getattr(v, "value", v)


@registry_events.on(reg.PartnerRegistered)
async def partner_registered(
    session: AsyncSession, events: Sequence[Received[reg.PartnerRegistered]]
) -> None:
    rows = {
        e.payload.partner: {
            "code": e.payload.partner,
            "name": e.payload.name,
            "country": e.payload.country,
            "city": e.payload.city,
            "kind": e.payload.kind.value,
        }
        for e in events
    }
    statement = insert(partners)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["code"],
            set_={c: statement.excluded[c] for c in ("name", "country", "city", "kind")},
        ),
        list(rows.values()),
    )


@registry_events.on(reg.ParticipantRegistered)
async def participant_registered(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantRegistered]]
) -> None:
    await lock_attributes(session, exclusive=True)
    latest: dict[uuid.UUID, dict[str, Any]] = {}
    for e in events:
        a = e.payload.attributes
        row = {
            "participant_id": e.payload.participant_id,
            "partner": e.payload.partner,
            "group": a.group.value,
            "migrant_status": _value(a.migrant_status),
            "gender": _value(a.gender),
            "age_band": _value(a.age_band),
            "attributes_at": e.envelope.time,
        }
        if (
            row["participant_id"] not in latest
            or latest[row["participant_id"]]["attributes_at"] <= row["attributes_at"]
        ):
            latest[row["participant_id"]] = row
    statement = insert(participants)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["participant_id"],
            set_={
                c: statement.excluded[c]
                for c in ("partner", *PARTICIPANT_DIMENSIONS, "attributes_at")
            },
            where=participants.c.attributes_at <= statement.excluded.attributes_at,
        ),
        list(latest.values()),
    )
    await write_facts(
        session,
        [
            fact(
                "registration",
                str(e.payload.participant_id),
                e,
                e.payload.registered_at,
                participant=e.payload.participant_id,
            )
            for e in events
        ],
    )
    await refresh_dimensions(session, latest)


_UPDATE_PARTICIPANT = (
    update(participants)
    .where(participants.c.participant_id == bindparam("p_id"))
    .where(participants.c.attributes_at <= bindparam("p_at"))
    .values(
        {
            d: case(
                (bindparam(f"p_set_{d}", type_=Boolean), bindparam(f"p_{d}", type_=String)),
                else_=participants.c[d],
            )
            for d in PARTICIPANT_DIMENSIONS
        }
        | {"attributes_at": bindparam("p_at")}
    )
)
"""Set the attributes an update names (`p_set_<dimension>`), keep the others."""


@registry_events.on(reg.ParticipantUpdated)
async def participant_updated(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantUpdated]]
) -> None:
    await lock_attributes(session, exclusive=True)
    rows = []
    for e in events:
        changed = {
            k: _value(v) for k, v in e.payload.assignments().items() if k in PARTICIPANT_DIMENSIONS
        }
        row: dict[str, Any] = {"p_id": e.payload.participant_id, "p_at": e.envelope.time}
        for d in PARTICIPANT_DIMENSIONS:
            row[f"p_set_{d}"] = d in changed
            row[f"p_{d}"] = changed.get(d)
        rows.append(row)
    # One statement for all, executed row by row in stream order (each guarded by time).
    await session.execute(_UPDATE_PARTICIPANT, rows)
    await refresh_dimensions(session, (e.payload.participant_id for e in events))


@registry_events.on(reg.ParticipantConsentChanged)
async def consent_changed(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantConsentChanged]]
) -> None:
    """Research indicators count only people who consent to research statistics."""
    research = [e for e in events if e.payload.purpose == reg.ConsentPurpose.research_statistics]
    if research:
        await lock_attributes(session, exclusive=True)
        rows = [
            {
                "p_id": e.payload.participant_id,
                "p_given": e.payload.given,
                "p_at": e.payload.changed_at,
            }
            for e in research
        ]
        await session.execute(_RESEARCH_CONSENT, rows)  # in stream order, each guarded by time
        await refresh_dimensions(session, (e.payload.participant_id for e in research))


_RESEARCH_CONSENT = (
    update(participants)
    .where(participants.c.participant_id == bindparam("p_id"))
    .where(
        or_(
            participants.c.research_consent_at.is_(None),
            participants.c.research_consent_at <= bindparam("p_at"),
        )
    )
    .values(research_consent=bindparam("p_given"), research_consent_at=bindparam("p_at"))
)


# Before erasures: a person merged and then erased in one batch is forgotten as one.
@registry_events.on(reg.ParticipantsMerged)
async def participants_merged(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantsMerged]]
) -> None:
    await lock_attributes(session, exclusive=True)
    for e in events:
        await repoint(session, e.payload.merged_id, e.payload.kept_id)


@registry_events.on(reg.ParticipantErased)
async def participant_erased(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantErased]]
) -> None:
    await lock_attributes(session, exclusive=True)
    for e in events:
        who = e.payload.participant_id
        await forget(session, who)
        await session.execute(delete(participants).where(participants.c.participant_id == who))
        await session.execute(
            delete(coaching_people).where(coaching_people.c.participant_id == who)
        )
