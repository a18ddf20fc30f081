"""The notifier's contact look-up: only for a service credential, only with consent."""

import uuid
from typing import Annotated

from fastapi import APIRouter

from milagro_kit.auth import AUTH_RESPONSES, Principal, require_service
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Session
from milagro_registry.api.access import CONTACT_READERS, participant_for
from milagro_registry.api.schemas import Contact
from milagro_registry.domain.consent import may_contact
from milagro_registry.store.audit import audit
from milagro_registry.store.queries import consent_history, current_consents

# The time zone the notifier writes dates in (and keeps quiet hours by): the partners'
# countries'; anyone else gets UTC until the registry keeps a zone per person.
TIME_ZONES = {"IT": "Europe/Rome", "RS": "Europe/Belgrade", "NL": "Europe/Amsterdam"}

router = APIRouter(prefix="/internal/v1/participants", tags=["internal"])

Notifier = Annotated[Principal, require_service(*CONTACT_READERS)]


@router.get(
    "/{participant_id}/contact",
    response_model=Contact,
    responses=AUTH_RESPONSES | problem_responses(404, 410, 422),
    summary="How to reach a participant (platform services only)",
    description="Answers only while communications consent is given; otherwise 403 "
    "`no-communications-consent`. Every look-up is audited.",
)
async def contact_of(participant_id: uuid.UUID, caller: Notifier, session: Session) -> Contact:
    participant = await participant_for(session, caller, participant_id, any_partner=True)
    consents = current_consents(await consent_history(session, participant.id))
    if not may_contact(consents):
        raise Problem(
            403,
            "no-communications-consent",
            "No communications consent",
            "this participant has not given (or has withdrawn) consent to be contacted",
        )
    await audit(session, caller, "contact.read", [participant.id], ["email", "preferred_language"])
    return Contact(
        participant_id=participant.id,
        email=participant.email,
        preferred_language=participant.preferred_language,
        communications_consent=True,
        time_zone=TIME_ZONES.get(participant.country or "", "UTC"),
    )
