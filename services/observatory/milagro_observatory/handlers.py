"""Projections fed by the streams."""

from collections import Counter
from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import ParticipantRegistered
from milagro_kit.consumer import Consumer, Received
from milagro_observatory.store import participants_registered

registry_events = Consumer("observatory-registry", stream="REGISTRY")


@registry_events.on(ParticipantRegistered)
async def count_registrations(
    session: AsyncSession, events: Sequence[Received[ParticipantRegistered]]
) -> None:
    """One upsert per (partner, group) for the whole batch."""
    counts = Counter((e.payload.partner, e.payload.attributes.group.value) for e in events)
    statement = insert(participants_registered).values(
        [{"partner": p, "group": g, "participants": n} for (p, g), n in counts.items()]
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["partner", "group"],
            set_={
                "participants": participants_registered.c.participants
                + statement.excluded.participants
            },
        )
    )
