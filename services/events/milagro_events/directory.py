"""What the events service does with its records of people as the registry's events come:
the directory itself is the kit's (`milagro_kit.directory`, in `store.participants`).

Streams interleave: a person may be checked in before their registration arrives here.
Such attendance is kept with no group, and the registration fills it in. A merge moves
everything of the merged record to the kept one; an erasure unlinks every record of the
person while what was counted stays.
"""

import uuid
from collections.abc import Sequence

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import UUID, array
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_events.store import (
    activities,
    assessments,
    attendance,
    certifications,
    final_assessments,
    mediation_services,
    participants,
    training_results,
)
from milagro_kit.directory import Known, Person

__all__ = ["Known", "Person", "look_up", "registry_events"]

registry_events = participants.consumer
look_up = participants.look_up


_FILL_GROUP = (
    update(attendance)
    .where(attendance.c.participant_id == bindparam("person"))
    .where(attendance.c.group.is_(None))
    .values(group=bindparam("person_group"))
)


async def fill_groups(session: AsyncSession, people: Sequence[Person]) -> None:
    """Attendance recorded before the registration arrived gets its group (one executemany
    for a batch of registrations, not a statement each)."""
    await session.execute(_FILL_GROUP, [{"person": p.id, "person_group": p.group} for p in people])


async def merge(session: AsyncSession, merged: uuid.UUID, kept: uuid.UUID) -> None:
    """Everything recorded of the merged record becomes the kept one's; where both have a
    record of the same thing, the kept one's stays (attendance: present if either was)."""
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


_WHO = bindparam("who", type_=UUID(as_uuid=True))
_NO_LONGER_FACILITATING = (
    update(activities)
    .where(activities.c.facilitator_ids.contains(array([_WHO])))
    .values(facilitator_ids=func.array_remove(activities.c.facilitator_ids, _WHO))
)


async def forget(session: AsyncSession, ids: Sequence[uuid.UUID]) -> None:
    """Unlink every record of the erased people; what was counted stays."""
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
    await session.execute(_NO_LONGER_FACILITATING, [{"who": who} for who in ids])
    await session.execute(delete(certifications).where(certifications.c.participant_id.in_(ids)))
    await session.execute(
        delete(final_assessments).where(final_assessments.c.participant_id.in_(ids))
    )


participants.handle(on_registered=fill_groups, on_merged=merge, on_erased=forget)
