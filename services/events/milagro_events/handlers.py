"""What the events service learns from the registry."""

from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import (
    ParticipantErased,
    ParticipantRegistered,
    ParticipantsMerged,
    ParticipantUpdated,
)
from milagro_events.store import attendees
from milagro_kit.consumer import Consumer, Received

registry_events = Consumer("events-registry", stream="REGISTRY")


@registry_events.on(ParticipantRegistered)
async def admit(session: AsyncSession, events: Sequence[Received[ParticipantRegistered]]) -> None:
    rows = [
        {
            "participant_id": e.payload.participant_id,
            "partner": e.payload.partner,
            "group": e.payload.attributes.group.value,
        }
        for e in events
    ]
    await session.execute(insert(attendees).values(rows).on_conflict_do_nothing())


@registry_events.on(ParticipantUpdated)
async def regroup(session: AsyncSession, events: Sequence[Received[ParticipantUpdated]]) -> None:
    for event in events:
        if event.payload.changed.group is not None:
            await session.execute(
                attendees.update()
                .where(attendees.c.participant_id == event.payload.participant_id)
                .values(group=event.payload.changed.group.value)
            )


@registry_events.on(ParticipantsMerged)
async def merge(session: AsyncSession, events: Sequence[Received[ParticipantsMerged]]) -> None:
    """The kept record stays who may attend (taking the merged one's place if it was not
    known yet); the merged record goes. Once it has gone, the event changes nothing."""
    for event in events:
        merged, kept = event.payload.merged_id, event.payload.kept_id
        gone = delete(attendees).where(attendees.c.participant_id == merged)
        row = (
            await session.execute(gone.returning(attendees.c.partner, attendees.c.group))
        ).first()
        if row is not None:
            await session.execute(
                insert(attendees)
                .values(participant_id=kept, partner=row.partner, group=row.group)
                .on_conflict_do_nothing()
            )


@registry_events.on(ParticipantErased)
async def forget(session: AsyncSession, events: Sequence[Received[ParticipantErased]]) -> None:
    ids = [e.payload.participant_id for e in events]
    await session.execute(delete(attendees).where(attendees.c.participant_id.in_(ids)))
