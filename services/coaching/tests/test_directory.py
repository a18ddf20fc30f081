"""The kit's participant directory, as the coaching service keeps it: roles and languages
follow the registry's events, a merge unites both records, an erasure leaves a digest and
nothing that points to the person, and a late registration does not bring them back."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from milagro_coaching.service import service
from milagro_coaching.store import participants
from milagro_contracts.event import Group, Role
from milagro_contracts.registry import (
    ParticipantAttributes,
    ParticipantAttributesChange,
    ParticipantErased,
    ParticipantRegistered,
    ParticipantsMerged,
    ParticipantUpdated,
)
from milagro_kit.database import Database
from milagro_kit.testing.in_memory import in_memory
from milagro_kit.testing.plugin import eventually, running


async def test_roles_follow_registrations_updates_and_erasures(service_settings, bus):
    settings = await service_settings(service)
    database = Database(settings.database_url.get_secret_value())
    now = datetime.now(UTC)
    coach, newcomer = uuid.uuid4(), uuid.uuid4()
    async with running(service, settings):
        await bus.publish(
            ParticipantRegistered(
                partner="RS-BELGRADE",
                participant_id=coach,
                registered_at=now,
                attributes=ParticipantAttributes(group=Group.local, roles=[Role.coach_trainee]),
            ),
            ParticipantRegistered(
                partner="RS-BELGRADE",
                participant_id=newcomer,
                registered_at=now,
                attributes=ParticipantAttributes(group=Group.migrant, roles=[Role.newcomer]),
            ),
            ParticipantUpdated(
                partner="RS-BELGRADE",
                participant_id=coach,
                updated_at=now,
                changed=ParticipantAttributesChange(roles=[Role.coach]),
            ),
            ParticipantErased(partner="RS-BELGRADE", participant_id=newcomer, erased_at=now),
            ParticipantRegistered(  # redelivered late: the erasure stands
                partner="RS-BELGRADE",
                participant_id=newcomer,
                registered_at=now,
                attributes=ParticipantAttributes(group=Group.migrant, languages=["ti"]),
            ),
        )

        await eventually(lambda: bus.drained("REGISTRY", "coaching-directory"))
    async with database.transaction() as session:
        rows = (await session.execute(select(participants.people))).all()
        known = await participants.look_up(session, [coach, newcomer])
        every_row = str((await session.execute(select(participants.erasures))).all())
    assert [(r.participant_id, r.roles) for r in rows] == [(coach, ["coach"])]
    assert known.erased == {newcomer} and known.unknown([coach, newcomer]) == []
    assert str(newcomer) not in every_row and newcomer.hex not in every_row
    await database.close()


async def test_the_kept_record_holds_the_roles_of_both(service_database):
    """Handler logic only: in memory, without a nats-server (acks are tested above)."""
    database = await service_database(service)
    now = datetime.now(UTC)
    kept, merged = uuid.uuid4(), uuid.uuid4()

    def registered(pid: uuid.UUID, *held: Role) -> ParticipantRegistered:
        attributes = ParticipantAttributes(group=Group.migrant, roles=list(held))
        return ParticipantRegistered(
            partner="IT-SIENA", participant_id=pid, registered_at=now, attributes=attributes
        )

    merge = ParticipantsMerged(partner="IT-SIENA", kept_id=kept, merged_id=merged, merged_at=now)
    async with in_memory(participants.consumer, database) as handled:
        await handled(
            registered(kept, Role.participant, Role.newcomer),
            registered(merged, Role.coach_trainee, Role.newcomer),
            merge,
            merge,  # redelivered under another id: nothing left to move
        )
    async with database.transaction() as session:
        rows = (
            await session.execute(
                select(participants.people.c.participant_id, participants.people.c.roles)
            )
        ).all()
    assert [(r.participant_id, r.roles) for r in rows] == [
        (kept, ["participant", "newcomer", "coach_trainee"])
    ]
