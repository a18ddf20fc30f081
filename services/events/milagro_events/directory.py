"""The participant directory, kept from the registry's events: who may attend, in which
group, with which roles. Attendance and certification are checked against it without
calling the registry.

Streams interleave: a person may be checked in before their registration arrives here.
Such attendance is kept with no group, and the registration fills it in. Erasure leaves a
digest of the id (so a late event cannot bring the person back, and nothing points to
them) and unlinks every record of them while what was counted stays.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import (
    ParticipantErased,
    ParticipantRegistered,
    ParticipantsMerged,
    ParticipantUpdated,
)
from milagro_events.store import (
    activities,
    assessments,
    attendance,
    certifications,
    directory,
    erasures,
    final_assessments,
    mediation_services,
    training_results,
)
from milagro_kit.consumer import Consumer, Received
from milagro_kit.erasure import tombstone

registry_events = Consumer("events-registry", stream="REGISTRY")


@dataclass(frozen=True)
class Person:
    """What the events service knows of a participant."""

    id: uuid.UUID
    partner: str
    group: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Known:
    """The directory's answer for a set of ids: the people it knows, the erased ones."""

    people: dict[uuid.UUID, Person]
    erased: frozenset[uuid.UUID]

    def unknown(self, ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
        return [i for i in ids if i not in self.people and i not in self.erased]


async def look_up(session: AsyncSession, ids: Iterable[uuid.UUID]) -> Known:
    """Who among `ids` the directory knows, and who was erased."""
    wanted = list(set(ids))
    if not wanted:
        return Known({}, frozenset())
    rows = (
        await session.execute(select(directory).where(directory.c.participant_id.in_(wanted)))
    ).all()
    people = {
        r.participant_id: Person(r.participant_id, r.partner, r.group, tuple(r.roles)) for r in rows
    }
    return Known(people, await _erased(session, [i for i in wanted if i not in people]))


def _digest(participant_id: uuid.UUID) -> str:
    return tombstone(participant_id, context="milagro-events-erased")


async def _erased(session: AsyncSession, ids: Iterable[uuid.UUID]) -> frozenset[uuid.UUID]:
    """Which of `ids` were erased."""
    digests = {_digest(i): i for i in ids}
    if not digests:
        return frozenset()
    query = select(erasures.c.digest).where(erasures.c.digest.in_(digests))
    return frozenset(digests[d] for d in (await session.execute(query)).scalars())


@registry_events.on(ParticipantRegistered)
async def admit(session: AsyncSession, events: Sequence[Received[ParticipantRegistered]]) -> None:
    rows: list[dict[str, Any]] = [
        {
            "participant_id": e.payload.participant_id,
            "partner": e.payload.partner,
            "group": e.payload.attributes.group.value,
            "roles": [r.value for r in e.payload.attributes.roles],
        }
        for e in events
    ]
    erased = await _erased(session, [r["participant_id"] for r in rows])
    rows = [r for r in rows if r["participant_id"] not in erased]  # a late event
    if not rows:
        return
    await session.execute(insert(directory).values(rows).on_conflict_do_nothing())
    for row in rows:  # attendance recorded before the registration arrived
        await session.execute(
            update(attendance)
            .where(attendance.c.participant_id == row["participant_id"])
            .where(attendance.c.group.is_(None))
            .values(group=row["group"])
        )


@registry_events.on(ParticipantUpdated)
async def regroup(session: AsyncSession, events: Sequence[Received[ParticipantUpdated]]) -> None:
    for event in events:
        changes = event.payload.assignments()
        values = {
            name: value if name == "group" else [r.value for r in value or []]
            for name, value in changes.items()
            if name in ("group", "roles") and (name == "roles" or value is not None)
        }
        if values:
            await session.execute(
                update(directory)
                .where(directory.c.participant_id == event.payload.participant_id)
                .values(**values)
            )


@registry_events.on(ParticipantsMerged)
async def merge(session: AsyncSession, events: Sequence[Received[ParticipantsMerged]]) -> None:
    """Everything recorded of the merged record becomes the kept one's; where both have a
    record of the same thing, the kept one's stays (attendance: present if either was)."""
    for event in events:
        await _merge(session, event.payload.merged_id, event.payload.kept_id)


async def _merge(session: AsyncSession, merged: uuid.UUID, kept: uuid.UUID) -> None:
    gone = delete(directory).where(directory.c.participant_id == merged)
    row = (await session.execute(gone.returning(directory))).first()
    if row is not None and not await _erased(session, [kept]):
        await session.execute(
            insert(directory)
            .values(participant_id=kept, partner=row.partner, group=row.group, roles=row.roles)
            .on_conflict_do_nothing()
        )
    both = attendance.alias("both")
    twice = select(both.c.activity_id).where(both.c.participant_id == kept).scalar_subquery()
    # where both attended: the kept row is present if either was, the merged row goes
    doubled = (
        await session.execute(
            delete(attendance)
            .where(attendance.c.participant_id == merged)
            .where(attendance.c.activity_id.in_(twice))
            .returning(attendance.c.activity_id, attendance.c.present)
        )
    ).all()
    for activity_id, present in doubled:
        if present:
            await session.execute(
                update(attendance)
                .where(attendance.c.activity_id == activity_id)
                .where(attendance.c.participant_id == kept)
                .values(present=True)
            )
    if doubled:
        await _recount(session, [a for a, _ in doubled])
    await session.execute(
        update(attendance).where(attendance.c.participant_id == merged).values(participant_id=kept)
    )
    await session.execute(
        update(activities)
        .where(activities.c.facilitator_ids.contains([merged]))
        .values(facilitator_ids=func.array_replace(activities.c.facilitator_ids, merged, kept))
    )
    for table, same in PER_PERSON:
        await _move(session, table, same, merged, kept)
    await session.execute(
        update(mediation_services)
        .where(mediation_services.c.mediator_id == merged)
        .values(mediator_id=kept)
    )


# Records of one person, and what makes two of them records of the same thing.
PER_PERSON = (
    (certifications, ("certification",)),
    (assessments, ("instrument_id", "phase")),
    (final_assessments, ("training_id",)),
    (training_results, ("training_id",)),
)


async def _move(
    session: AsyncSession, table: Table, same: Sequence[str], merged: uuid.UUID, kept: uuid.UUID
) -> None:
    """The merged record's rows become the kept one's, but for those the kept one has."""
    theirs = table.alias("theirs")
    held = select(theirs).where(theirs.c.participant_id == kept)
    held = held.where(*(theirs.c[name] == table.c[name] for name in same))
    await session.execute(
        delete(table).where(table.c.participant_id == merged).where(held.exists())
    )
    await session.execute(
        update(table).where(table.c.participant_id == merged).values(participant_id=kept)
    )


async def _recount(session: AsyncSession, activity_ids: Sequence[uuid.UUID]) -> None:
    present = (
        select(func.count())
        .where(attendance.c.activity_id == activities.c.id)
        .where(attendance.c.present)
        .scalar_subquery()
    )
    await session.execute(
        update(activities).where(activities.c.id.in_(activity_ids)).values(present=present)
    )


@registry_events.on(ParticipantErased)
async def forget(session: AsyncSession, events: Sequence[Received[ParticipantErased]]) -> None:
    ids = [e.payload.participant_id for e in events]
    await session.execute(delete(directory).where(directory.c.participant_id.in_(ids)))
    tombstones = [
        {"digest": _digest(e.payload.participant_id), "erased_at": e.payload.erased_at}
        for e in events
    ]
    await session.execute(insert(erasures).values(tombstones).on_conflict_do_nothing())
    unlinked = {"participant_id": None}
    await session.execute(
        update(attendance).where(attendance.c.participant_id.in_(ids)).values(unlinked)
    )
    await session.execute(
        update(training_results).where(training_results.c.participant_id.in_(ids)).values(unlinked)
    )
    await session.execute(
        update(assessments)
        .where(assessments.c.participant_id.in_(ids))
        .values(participant_id=None, answers=None)
    )
    await session.execute(
        update(mediation_services)
        .where(mediation_services.c.mediator_id.in_(ids))
        .values(mediator_id=None)
    )
    for who in ids:
        await session.execute(
            update(activities)
            .where(activities.c.facilitator_ids.contains([who]))
            .values(facilitator_ids=func.array_remove(activities.c.facilitator_ids, who))
        )
    await session.execute(delete(certifications).where(certifications.c.participant_id.in_(ids)))
    await session.execute(
        delete(final_assessments).where(final_assessments.c.participant_id.in_(ids))
    )
