"""The notifier's contact look-up, one participant or a batch: only for a service credential,
only with consent."""

import uuid
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on

from milagro_contracts.registry import ConsentPurpose
from milagro_kit.auth import AUTH_RESPONSES, Principal, require_service
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Session
from milagro_registry.api.access import CONTACT_READERS, participant_for
from milagro_registry.api.schemas import Contact
from milagro_registry.domain.consent import may_contact
from milagro_registry.store.audit import audit
from milagro_registry.store.models import ConsentChange, Erasure, Participant, ParticipantAlias
from milagro_registry.store.queries import consent_history, current_consents

# The time zone the notifier writes dates in (and keeps quiet hours by): the partners'
# countries'; anyone else gets UTC until the registry keeps a zone per person.
TIME_ZONES = {"IT": "Europe/Rome", "RS": "Europe/Belgrade", "NL": "Europe/Amsterdam"}

# A batch of the notifier's dispatcher fits (100 by default)
MAX_BATCH = 500
COMMUNICATIONS = ConsentPurpose.communications.value

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


class ContactsQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_BATCH)


class Refusal(StrEnum):
    """Why a participant is not to be written to: the single look-up's 403, 404 and 410."""

    no_communications_consent = "no-communications-consent"
    not_found = "not-found"
    erased = "erased"


class Contacts(BaseModel):
    """Each asked id's answer: its contact (under the id asked for, a merged record's
    giving the kept one's), or why not."""

    contacts: dict[uuid.UUID, Contact]
    refused: dict[uuid.UUID, Refusal]


@router.post(
    "/contacts",
    response_model=Contacts,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="How to reach many participants at once (platform services only)",
    description=f"Up to {MAX_BATCH} ids; each answered as the single look-up would be, "
    "consent checked now. Every contact given is audited.",
)
async def contacts_of(body: ContactsQuery, caller: Notifier, session: Session) -> Contacts:
    asked = set(body.participant_ids)
    aliases = select(ParticipantAlias.alias_id, ParticipantAlias.participant_id).where(
        ParticipantAlias.alias_id.in_(asked)
    )
    kept = {r.alias_id: r.participant_id for r in await session.execute(aliases)}
    person = Participant
    query = select(person.id, person.email, person.preferred_language, person.country).where(
        person.id.in_(asked | set(kept.values()))
    )
    people = {r.id: r for r in await session.execute(query)}
    latest = (
        select(ConsentChange.participant_id, ConsentChange.given)
        .where(ConsentChange.participant_id.in_(people), ConsentChange.purpose == COMMUNICATIONS)
        .order_by(ConsentChange.participant_id, ConsentChange.id.desc())
        .ext(distinct_on(ConsentChange.participant_id))
    )
    consenting = {r.participant_id for r in await session.execute(latest) if r.given}
    missing = {kept.get(id, id) for id in asked} - set(people)
    erased: set[uuid.UUID] = set()
    if missing:  # erased, or never known
        tombstones = select(Erasure.participant_id).where(Erasure.participant_id.in_(missing))
        erased = set((await session.execute(tombstones)).scalars())
    answer = Contacts(contacts={}, refused={})
    for id in body.participant_ids:
        found = people.get(kept.get(id, id))
        if found is None:
            answer.refused[id] = Refusal.erased if kept.get(id, id) in erased else Refusal.not_found
        elif found.id not in consenting:
            answer.refused[id] = Refusal.no_communications_consent
        else:
            answer.contacts[id] = Contact(
                participant_id=found.id,
                email=found.email,
                preferred_language=found.preferred_language,
                communications_consent=True,
                time_zone=TIME_ZONES.get(found.country or "", "UTC"),
            )
    given = {c.participant_id for c in answer.contacts.values()}
    await audit(session, caller, "contact.read", sorted(given), ["email", "preferred_language"])
    return answer
