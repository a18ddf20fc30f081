"""The events service keeps who may attend, and in which group, from the registry's events."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from milagro_contracts.event import Group
from milagro_contracts.registry import (
    ParticipantAttributes,
    ParticipantAttributesChange,
    ParticipantErased,
    ParticipantRegistered,
    ParticipantsMerged,
    ParticipantUpdated,
)
from milagro_events.directory import registry_events
from milagro_events.service import service
from milagro_events.store import directory
from milagro_kit.database import Database
from milagro_kit.testing.in_memory import in_memory
from milagro_kit.testing.plugin import eventually, running


async def test_attendees_follow_registrations_updates_and_erasures(service_settings, bus):
    settings = await service_settings(service)
    database = Database(settings.database_url.get_secret_value())
    now = datetime.now(UTC)
    amina, marco = uuid.uuid4(), uuid.uuid4()
    async with running(service, settings):
        await bus.publish(
            ParticipantRegistered(
                partner="IT-SIENA",
                participant_id=amina,
                registered_at=now,
                attributes=ParticipantAttributes(group=Group.migrant),
            ),
            ParticipantRegistered(
                partner="IT-SIENA",
                participant_id=marco,
                registered_at=now,
                attributes=ParticipantAttributes(group=Group.migrant),
            ),
            ParticipantUpdated(
                partner="IT-SIENA",
                participant_id=marco,
                updated_at=now,
                changed=ParticipantAttributesChange(group=Group.local),
            ),
            ParticipantErased(partner="IT-SIENA", participant_id=amina, erased_at=now),
        )

        await eventually(lambda: bus.drained("REGISTRY", "events-registry"))
    async with database.transaction() as session:
        rows = (await session.execute(select(directory).order_by(directory.c.partner))).all()
    assert [(r.participant_id, r.partner, r.group) for r in rows] == [(marco, "IT-SIENA", "local")]
    await database.close()


async def test_a_merged_record_gives_way_to_the_kept_one(service_database):
    """Handler logic only: in memory, without a nats-server (acks are tested above)."""
    database = await service_database(service)
    now = datetime.now(UTC)
    kept, merged, alone, unknown = (uuid.uuid4() for _ in range(4))
    local = ParticipantAttributes(group=Group.local)
    async with in_memory(registry_events, database) as handled:
        await handled(
            *(
                ParticipantRegistered(
                    partner="RS-BELGRADE", participant_id=p, registered_at=now, attributes=local
                )
                for p in (kept, merged, alone)
            ),
            ParticipantsMerged(
                partner="RS-BELGRADE", kept_id=kept, merged_id=merged, merged_at=now
            ),
            # the kept record not known yet here: it takes the merged one's place
            ParticipantsMerged(
                partner="RS-BELGRADE", kept_id=unknown, merged_id=alone, merged_at=now
            ),
            ParticipantsMerged(  # again: nothing left to move
                partner="RS-BELGRADE", kept_id=kept, merged_id=merged, merged_at=now
            ),
        )
    async with database.transaction() as session:
        rows = (await session.execute(select(directory.c.participant_id))).scalars()
        assert set(rows) == {kept, unknown}
