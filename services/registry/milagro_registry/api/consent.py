"""Consent per purpose: decisions with the text version shown, and their history."""

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import ConsentPurpose, ParticipantConsentChanged
from milagro_kit.auth import AUTH_RESPONSES, Principal
from milagro_kit.outbox import EventOutbox
from milagro_kit.problems import problem_responses
from milagro_kit.service import Outbox, Session
from milagro_registry.api.access import Reader, Writer, participant_for
from milagro_registry.api.schemas import ConsentChangeOut, ConsentIn, Consents, ConsentState
from milagro_registry.domain.consent import is_news
from milagro_registry.domain.people import aggregate_of
from milagro_registry.store import ConsentChange, Participant
from milagro_registry.store.audit import audit
from milagro_registry.store.queries import consent_history, current_consents

router = APIRouter(prefix="/v1/participants", tags=["consent"])


def consent_change(
    caller: Principal,
    participant: Participant,
    purpose: ConsentPurpose,
    decision: ConsentIn,
    now: datetime,
) -> tuple[dict[str, Any], ParticipantConsentChanged]:
    """A decision's history row and its event, not yet written."""
    row = {
        "participant_id": participant.id,
        "purpose": purpose.value,
        "given": decision.given,
        "text_version": decision.text_version,
        "changed_at": now,
        "recorded_by": caller.audit_name,
    }
    event = ParticipantConsentChanged(
        partner=participant.partner,
        participant_id=participant.id,
        purpose=purpose,
        given=decision.given,
        text_version=decision.text_version,
        changed_at=now,
    )
    return row, event


async def decide(
    session: AsyncSession,
    outbox: EventOutbox,
    caller: Principal,
    participant: Participant,
    purpose: ConsentPurpose,
    decision: ConsentIn,
    now: datetime,
) -> ConsentState:
    """Record a decision and publish it, unless it repeats the current one."""
    current = current_consents(await consent_history(session, participant.id)).get(purpose)
    if not is_news(current, decision.given, decision.text_version):
        assert current is not None
        return ConsentState(
            purpose=purpose,
            given=current.given,
            text_version=current.text_version,
            changed_at=current.changed_at,
        )
    row, event = consent_change(caller, participant, purpose, decision, now)
    session.add(ConsentChange(**row))
    await outbox.record(event, aggregate=aggregate_of(participant.id))
    await audit(session, caller, "consent.changed", [participant.id], [f"consent.{purpose}"])
    return ConsentState(
        purpose=purpose, given=decision.given, text_version=decision.text_version, changed_at=now
    )


@router.put(
    "/{participant_id}/consents/{purpose}",
    response_model=ConsentState,
    responses=AUTH_RESPONSES | problem_responses(404, 410, 413, 422),
    summary="Give or withdraw consent for one purpose",
    description="Repeating the current decision changes nothing; a new decision is kept in "
    "the history and published as `participant.consent_changed`.",
)
async def change_consent(
    participant_id: uuid.UUID,
    purpose: ConsentPurpose,
    body: ConsentIn,
    caller: Writer,
    session: Session,
    outbox: Outbox,
) -> ConsentState:
    participant = await participant_for(session, caller, participant_id, lock=True)
    return await decide(session, outbox, caller, participant, purpose, body, datetime.now(UTC))


@router.get(
    "/{participant_id}/consents",
    response_model=Consents,
    responses=AUTH_RESPONSES | problem_responses(404, 410, 422),
    summary="Current consent per purpose, and the full history",
)
async def read_consents(participant_id: uuid.UUID, caller: Reader, session: Session) -> Consents:
    participant = await participant_for(session, caller, participant_id)
    history = await consent_history(session, participant.id)
    current = current_consents(history)
    await audit(session, caller, "consent.read", [participant.id], ["consents"])
    return Consents(
        participant_id=participant.id,
        current=[
            ConsentState(
                purpose=d.purpose,
                given=d.given,
                text_version=d.text_version,
                changed_at=d.changed_at,
            )
            for d in current.values()
        ],
        history=[ConsentChangeOut.model_validate(change) for change in history],
    )
