"""What the notifier learns from the registry: who may be written to."""

from collections.abc import Sequence

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import (
    ConsentPurpose,
    ParticipantConsentChanged,
    ParticipantErased,
    ParticipantsMerged,
)
from milagro_kit.consumer import Consumer, Received
from milagro_notifier.store import communications_consent

registry_events = Consumer("notifier-registry", stream="REGISTRY")


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
