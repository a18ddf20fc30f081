"""What the events service learns from the registry."""

from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import ParticipantErased, ParticipantRegistered, ParticipantUpdated
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


@registry_events.on(ParticipantErased)
async def forget(session: AsyncSession, events: Sequence[Received[ParticipantErased]]) -> None:
    ids = [e.payload.participant_id for e in events]
    await session.execute(delete(attendees).where(attendees.c.participant_id.in_(ids)))
