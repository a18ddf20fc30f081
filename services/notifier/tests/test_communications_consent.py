"""The notifier keeps the latest communications consent; an old event never wins."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from milagro_contracts.registry import (
    ConsentPurpose,
    ParticipantConsentChanged,
    ParticipantErased,
    ParticipantsMerged,
)
from milagro_kit.database import Database
from milagro_kit.testing.plugin import eventually, running
from milagro_notifier.service import service
from milagro_notifier.store import communications_consent


def consent(
    person: uuid.UUID, purpose: ConsentPurpose, given: bool, at: datetime
) -> ParticipantConsentChanged:
    return ParticipantConsentChanged(
        partner="NL-UTRECHT",
        participant_id=person,
        purpose=purpose,
        given=given,
        text_version="2024-01",
        changed_at=at,
    )


async def test_latest_consent_wins_and_erasure_forgets(service_settings, bus):
    settings = await service_settings(service)
    database = Database(settings.database_url.get_secret_value())
    now = datetime.now(UTC)
    sanne, daan, lotte = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    comms = ConsentPurpose.communications
    async with running(service, settings):
        await bus.publish(
            consent(sanne, comms, True, now),
            consent(sanne, comms, False, now + timedelta(minutes=5)),  # withdrawn
            consent(daan, comms, False, now + timedelta(minutes=5)),
            consent(daan, comms, True, now),  # older, arriving late: must not win
            consent(lotte, ConsentPurpose.research_statistics, True, now),  # not e-mail
            consent(lotte, comms, True, now),
            ParticipantErased(partner="NL-UTRECHT", participant_id=lotte, erased_at=now),
        )

        await eventually(lambda: bus.drained("REGISTRY", "notifier-registry"))
    async with database.transaction() as session:
        rows = (await session.execute(select(communications_consent))).all()
    assert sorted((r.participant_id, r.given) for r in rows) == sorted(
        [(sanne, False), (daan, False)]
    )
    await database.close()


async def test_a_merged_record_is_nobody_to_write_to(service_settings, bus):
    settings = await service_settings(service)
    database = Database(settings.database_url.get_secret_value())
    now = datetime.now(UTC)
    kept, merged = uuid.uuid4(), uuid.uuid4()
    comms = ConsentPurpose.communications
    async with running(service, settings):
        await bus.publish(
            consent(kept, comms, False, now - timedelta(days=2)),
            consent(merged, comms, True, now - timedelta(days=1)),
            ParticipantsMerged(partner="NL-UTRECHT", kept_id=kept, merged_id=merged, merged_at=now),
            # what the registry publishes when the merge changes the kept record's consent
            consent(kept, comms, True, now - timedelta(days=1)),
        )
        await eventually(lambda: bus.drained("REGISTRY", "notifier-registry"))
    async with database.transaction() as session:
        rows = (await session.execute(select(communications_consent))).all()
    assert [(r.participant_id, r.given) for r in rows] == [(kept, True)]
    await database.close()
