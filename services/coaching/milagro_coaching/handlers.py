"""What coaching learns from the registry: who is a coach or a newcomer."""

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_coaching.store import roles
from milagro_contracts.registry import (
    ParticipantErased,
    ParticipantRegistered,
    ParticipantsMerged,
    ParticipantUpdated,
)
from milagro_kit.consumer import Consumer, Received

registry_events = Consumer("coaching-registry", stream="REGISTRY")


@registry_events.on(ParticipantRegistered)
async def note_roles(
    session: AsyncSession, events: Sequence[Received[ParticipantRegistered]]
) -> None:
    statement = insert(roles).values(
        [
            {
                "participant_id": e.payload.participant_id,
                "partner": e.payload.partner,
                "roles": [r.value for r in e.payload.attributes.roles],
            }
            for e in events
        ]
    )
    await session.execute(statement.on_conflict_do_nothing())


@registry_events.on(ParticipantUpdated)
async def change_roles(
    session: AsyncSession, events: Sequence[Received[ParticipantUpdated]]
) -> None:
    for event in events:
        if event.payload.changed.roles is not None:
            await session.execute(
                roles.update()
                .where(roles.c.participant_id == event.payload.participant_id)
                .values(roles=[r.value for r in event.payload.changed.roles])
            )


@registry_events.on(ParticipantsMerged)
async def merge(session: AsyncSession, events: Sequence[Received[ParticipantsMerged]]) -> None:
    """The kept record holds the roles of both (as the registry's merge does); the merged
    record goes. Once it has gone, the event changes nothing."""
    for event in events:
        merged, kept = event.payload.merged_id, event.payload.kept_id
        held = select(roles.c.participant_id, roles.c.partner, roles.c.roles).where(
            roles.c.participant_id.in_([merged, kept])
        )
        found = {row[0]: row for row in (await session.execute(held)).all()}
        if merged not in found:
            continue
        partner, theirs = found[merged][1], found[merged][2]
        ours = found[kept][2] if kept in found else []
        statement = insert(roles).values(
            participant_id=kept, partner=partner, roles=list(dict.fromkeys([*ours, *theirs]))
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[roles.c.participant_id], set_={"roles": statement.excluded.roles}
            )
        )
        await session.execute(delete(roles).where(roles.c.participant_id == merged))


@registry_events.on(ParticipantErased)
async def forget(session: AsyncSession, events: Sequence[Received[ParticipantErased]]) -> None:
    ids = [e.payload.participant_id for e in events]
    await session.execute(delete(roles).where(roles.c.participant_id.in_(ids)))
