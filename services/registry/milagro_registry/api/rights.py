"""Data-subject rights: an export of everything held about a person, and erasure."""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy import delete

from milagro_contracts.registry import ParticipantErased
from milagro_kit.auth import AUTH_RESPONSES
from milagro_kit.problems import problem_responses
from milagro_kit.service import Outbox, Session
from milagro_registry.api.access import DataProtection, participant_for
from milagro_registry.api.schemas import (
    AuditEntryOut,
    ConsentChangeOut,
    DataExport,
    ErasureOut,
    ParticipantOut,
)
from milagro_registry.domain.people import PERSONAL_FIELDS, aggregate_of
from milagro_registry.store import Erasure, Participant
from milagro_registry.store.audit import audit
from milagro_registry.store.queries import aliases_of, audit_trail, consent_history

router = APIRouter(prefix="/v1/participants", tags=["data-subject rights"])


@router.get(
    "/{participant_id}/export",
    response_model=DataExport,
    responses=AUTH_RESPONSES | problem_responses(404, 410, 422),
    summary="Everything held about one person (access and portability)",
    description="Personal fields, statistical attributes, the consent history and the audit "
    "log of who read or changed their data. After erasure: 410.",
)
async def export_participant(
    participant_id: uuid.UUID, caller: DataProtection, session: Session
) -> DataExport:
    participant = await participant_for(session, caller, participant_id)
    merged = await aliases_of(session, participant.id)
    await audit(session, caller, "participant.exported", [participant.id], ["*"])
    trail = await audit_trail(session, [participant.id, *merged])
    return DataExport(
        exported_at=datetime.now(UTC),
        participant=ParticipantOut.model_validate(participant),
        merged_ids=merged,
        consents=[
            ConsentChangeOut.model_validate(c)
            for c in await consent_history(session, participant.id)
        ],
        audit=[AuditEntryOut.model_validate(a) for a in trail],
    )


@router.delete(
    "/{participant_id}",
    response_model=ErasureOut,
    responses=AUTH_RESPONSES | problem_responses(404, 410, 422),
    summary="Erase a person's personal data",
    description="Deletes the personal data and consent history, keeps a tombstone (id, "
    "partner, erased at) and publishes `participant.erased` once. Later reads answer 410 "
    "(404 to other partners). The audit log keeps its entries (ids and field names only). "
    "A person whose records were merged is erased under every id they had: each gets a "
    "tombstone and its own `participant.erased`.",
)
async def erase_participant(
    participant_id: uuid.UUID, caller: DataProtection, session: Session, outbox: Outbox
) -> ErasureOut:
    participant = await participant_for(session, caller, participant_id, lock=True)
    now = datetime.now(UTC)
    ids = [*await aliases_of(session, participant.id), participant.id]
    # the aliases go with the record (on delete cascade), the tombstones stay
    await session.execute(delete(Participant).where(Participant.id == participant.id))
    session.expunge(participant)
    for id in ids:
        session.add(Erasure(participant_id=id, partner=participant.partner, erased_at=now))
        event = ParticipantErased(partner=participant.partner, participant_id=id, erased_at=now)
        await outbox.record(event, aggregate=aggregate_of(participant.id))
    await audit(session, caller, "participant.erased", ids, PERSONAL_FIELDS)
    return ErasureOut(participant_id=participant.id, partner=participant.partner, erased_at=now)
