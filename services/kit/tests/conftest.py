"""The tally: a minimal service built only from the kit, so kit tests need no domain code.

It publishes ParticipantRegistered events through its own outbox and counts the ones it
consumes in `tallied` without any uniqueness, so a duplicate effect would show.
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, String, Table, func, select
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.event import Group
from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered
from milagro_kit.consumer import Consumer, Received
from milagro_kit.database import Database
from milagro_kit.service import Service

POISON_PARTNER = "XX-POISON"  # events of this partner make the handler fail every time

metadata = MetaData()
tallied = Table(
    "tallied",
    metadata,
    Column("event_id", UUID(as_uuid=True)),
    Column("participant_id", UUID(as_uuid=True)),
    Column("partner", String(16)),
)

tally_consumer = Consumer("tally", stream="REGISTRY")


@tally_consumer.on(ParticipantRegistered)
async def count(session: AsyncSession, events: Sequence[Received[ParticipantRegistered]]) -> None:
    for event in events:
        if event.payload.partner == POISON_PARTNER:
            raise RuntimeError("the tally cannot count poison")
    await session.execute(
        tallied.insert(),
        [
            {
                "event_id": e.envelope.id,
                "participant_id": e.payload.participant_id,
                "partner": e.payload.partner,
            }
            for e in events
        ],
    )


TALLY = Service(
    name="tally",
    title="Tally",
    description="A kit-only test service",
    metadata=metadata,
    migrations=Path(__file__).parent / "tally_migrations",
    consumers=[tally_consumer],
    publishes="registry",
)


class Tally:
    """What kit tests use: the service, event factories and the counts."""

    service = TALLY
    poison_partner = POISON_PARTNER

    @staticmethod
    def registered(partner: str = "IT-SIENA") -> ParticipantRegistered:
        """A new participant.registered payload."""
        return ParticipantRegistered(
            partner=partner,
            participant_id=uuid.uuid4(),
            registered_at=datetime.now(UTC),
            attributes=ParticipantAttributes(group=Group.migrant),
        )

    @staticmethod
    async def counts(database: Database) -> tuple[int, int]:
        """(rows tallied, distinct events tallied)."""
        async with database.transaction() as session:
            query = select(func.count(), func.count(tallied.c.event_id.distinct()))
            row = (await session.execute(query)).one()
        return int(row[0]), int(row[1])


@pytest.fixture
def tally() -> Tally:
    return Tally()
