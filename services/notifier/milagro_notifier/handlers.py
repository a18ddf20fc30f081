"""What the notifier learns from events: who may be written to, whom a coaching session
or an activity concerns, and (through the rules) what to write."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.activities import ActivityHeld, AttendanceRecorded
from milagro_contracts.catalogue import spec_of
from milagro_contracts.coaching import CoachEnrolled, MatchMade, NewcomerEnrolled
from milagro_contracts.registry import (
    ConsentPurpose,
    ParticipantConsentChanged,
    ParticipantErased,
    ParticipantsMerged,
)
from milagro_kit.consumer import Consumer, Handler, Received
from milagro_notifier import rules
from milagro_notifier.store import (
    activity_people,
    coaches,
    communications_consent,
    matches,
    newcomers,
    notifications,
    opt_outs,
)

registry_events = Consumer("notifier-registry", stream="REGISTRY")
mail_activities = Consumer("notifier-mail-activities", stream="ACTIVITIES")
mail_coaching = Consumer("notifier-mail-coaching", stream="COACHING")


@registry_events.on(ParticipantConsentChanged)
async def note_consent(
    session: AsyncSession, events: Sequence[Received[ParticipantConsentChanged]]
) -> None:
    """Keep the latest communications consent; an older event never overrides a newer one."""
    table = communications_consent
    for event in events:
        change = event.payload
        if change.purpose is not ConsentPurpose.communications:
            continue
        statement = insert(table).values(
            participant_id=change.participant_id,
            partner=change.partner,
            given=change.given,
            changed_at=change.changed_at,
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[table.c.participant_id],
                set_={
                    "given": statement.excluded.given,
                    "changed_at": statement.excluded.changed_at,
                },
                where=table.c.changed_at < statement.excluded.changed_at,
            )
        )


@registry_events.on(ParticipantsMerged)
async def merge(session: AsyncSession, events: Sequence[Received[ParticipantsMerged]]) -> None:
    """The merged record is nobody to write to any more: the registry publishes the kept
    record's consent afresh where the merge changed it."""
    ids = [e.payload.merged_id for e in events]
    table = communications_consent
    await session.execute(delete(table).where(table.c.participant_id.in_(ids)))


@registry_events.on(ParticipantErased)
async def forget(session: AsyncSession, events: Sequence[Received[ParticipantErased]]) -> None:
    ids = [e.payload.participant_id for e in events]
    table = communications_consent
    await session.execute(delete(table).where(table.c.participant_id.in_(ids)))


async def _insert(session: AsyncSession, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        await session.execute(insert(table).values(rows).on_conflict_do_nothing())


async def note_coaches(session: AsyncSession, events: Sequence[Received[CoachEnrolled]]) -> None:
    rows = [
        {"coach_id": e.payload.coach_id, "participant_id": e.payload.participant_id} for e in events
    ]
    await _insert(session, coaches, rows)


async def note_newcomers(
    session: AsyncSession, events: Sequence[Received[NewcomerEnrolled]]
) -> None:
    rows = [
        {"newcomer_id": e.payload.newcomer_id, "participant_id": e.payload.participant_id}
        for e in events
    ]
    await _insert(session, newcomers, rows)


async def note_matches(session: AsyncSession, events: Sequence[Received[MatchMade]]) -> None:
    rows = [
        {
            "match_id": e.payload.match_id,
            "coach_id": e.payload.coach_id,
            "newcomer_id": e.payload.newcomer_id,
        }
        for e in events
    ]
    await _insert(session, matches, rows)


async def note_attendance(
    session: AsyncSession, events: Sequence[Received[AttendanceRecorded]]
) -> None:
    for event in events:
        a = event.payload
        if a.present:
            await _insert(
                session,
                activity_people,
                [{"activity_id": a.activity_id, "participant_id": a.participant_id}],
            )
        else:
            await session.execute(
                delete(activity_people).where(
                    activity_people.c.activity_id == a.activity_id,
                    activity_people.c.participant_id == a.participant_id,
                )
            )


async def note_facilitators(
    session: AsyncSession, events: Sequence[Received[ActivityHeld]]
) -> None:
    rows = [
        {"activity_id": e.payload.activity_id, "participant_id": person}
        for e in events
        for person in e.payload.facilitator_ids
    ]
    await _insert(session, activity_people, rows)


def _wire(consumer: Consumer, recorders: dict[type[Any], Handler]) -> None:
    """Each event type of the consumer's stream: first what is recorded of it, then the
    rules (a match is known before its own e-mail goes out)."""
    stream = consumer.stream
    ruled = {r.event for r in rules.RULES if spec_of(r.event).stream == stream}
    for event_type in ruled | set(recorders):
        record = recorders.get(event_type)
        apply = event_type in ruled

        async def handle(
            session: AsyncSession,
            events: Sequence[Received[Any]],
            record: Handler | None = record,
            apply: bool = apply,
        ) -> None:
            if record is not None:
                await record(session, events)
            if apply:
                await rules.apply(session, events)

        consumer.on(event_type)(handle)


_wire(
    mail_coaching,
    {CoachEnrolled: note_coaches, NewcomerEnrolled: note_newcomers, MatchMade: note_matches},
)
_wire(mail_activities, {AttendanceRecorded: note_attendance, ActivityHeld: note_facilitators})
_wire(registry_events, {})


async def purge(session: AsyncSession, ids: Sequence[uuid.UUID]) -> None:
    """Erasure: everything held here about the people (the directory's `on_erased`);
    their sent and pending e-mails go with their attempts."""
    await session.execute(delete(notifications).where(notifications.c.participant_id.in_(ids)))
    await session.execute(delete(opt_outs).where(opt_outs.c.participant_id.in_(ids)))
    await session.execute(delete(activity_people).where(activity_people.c.participant_id.in_(ids)))
    gone = delete(coaches).where(coaches.c.participant_id.in_(ids)).returning(coaches.c.coach_id)
    coach_ids = list((await session.execute(gone)).scalars())
    gone = (
        delete(newcomers)
        .where(newcomers.c.participant_id.in_(ids))
        .returning(newcomers.c.newcomer_id)
    )
    newcomer_ids = list((await session.execute(gone)).scalars())
    await session.execute(
        delete(matches).where(
            matches.c.coach_id.in_(coach_ids) | matches.c.newcomer_id.in_(newcomer_ids)
        )
    )


async def merge_person(session: AsyncSession, merged: uuid.UUID, kept: uuid.UUID) -> None:
    """What was the merged record's is the kept one's: their coaching roles, activities,
    opt-outs and pending e-mails (the registry would no longer answer for the merged id).
    Idempotent: the directory calls it again on redelivery."""
    for table in (coaches, newcomers):
        await session.execute(
            update(table).where(table.c.participant_id == merged).values(participant_id=kept)
        )
    pending = notifications.c.state == "pending"
    await session.execute(
        update(notifications)
        .where(notifications.c.participant_id == merged, pending)
        .values(participant_id=kept)
    )
    for table in (activity_people, opt_outs):
        rows = select(table).where(table.c.participant_id == merged)
        moved = [dict(r._mapping) | {"participant_id": kept} for r in await session.execute(rows)]
        await _insert(session, table, moved)
        await session.execute(delete(table).where(table.c.participant_id == merged))
