"""Merging two records of one person into one, keeping the other's id as an alias."""

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import (
    ConsentPurpose,
    ParticipantConsentChanged,
    ParticipantsMerged,
)
from milagro_kit.auth import AUTH_RESPONSES, Principal
from milagro_kit.outbox import EventOutbox
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Outbox, Session
from milagro_registry.api.access import Merger, participant_for
from milagro_registry.api.participants import fields_of
from milagro_registry.api.schemas import MergeIn, MergeOut, ParticipantOut
from milagro_registry.domain.consent import Decision
from milagro_registry.domain.merging import merged_fields
from milagro_registry.domain.people import (
    PERSONAL_FIELDS,
    Inconsistent,
    aggregate_of,
    changed_fields,
    check_consistent,
    statistical_changes,
    update_event,
)
from milagro_registry.store import ConsentChange, Participant, ParticipantAlias
from milagro_registry.store.audit import audit
from milagro_registry.store.keys import key_columns
from milagro_registry.store.queries import alias_target, consent_history, current_consents

router = APIRouter(prefix="/v1/participants", tags=["duplicates"])


@router.post(
    "/{participant_id}/merge",
    response_model=MergeOut,
    responses=AUTH_RESPONSES | problem_responses(404, 410, 413, 422),
    summary="Merge a duplicate record into this one",
    description="The two records must be of one partner, which the caller acts for "
    "(coordinators their own, admins any: never two partners' records into one). This "
    "record is kept with its name and group; where it lacks e-mail, phone, birth date, "
    "preferred language, country or gender it takes the duplicate's; languages and roles "
    "are united. The duplicate's consent history moves here (the latest decision per "
    "purpose rules, and a change is published), the audit trail of both stays, and the "
    "duplicate's id keeps working as an alias of this record. Publishes "
    "`participant.merged` (ids only) so every service counts the person once. Merging "
    "again is harmless.",
)
async def merge_participants(
    participant_id: uuid.UUID, body: MergeIn, caller: Merger, session: Session, outbox: Outbox
) -> MergeOut:
    # lock both in one order, so two merges of the same pair cannot deadlock
    first, second = sorted((participant_id, body.duplicate_id))
    found = {id: await participant_for(session, caller, id, lock=True) for id in (first, second)}
    kept, duplicate = found[participant_id], found[body.duplicate_id]
    if kept.id == duplicate.id:
        return await _already_merged(session, participant_id, body.duplicate_id, kept)
    if kept.partner != duplicate.partner:
        raise Problem(
            422,
            "merge-across-partners",
            "Records of two partners",
            "only records of one partner can be merged",
        )
    now = datetime.now(UTC)
    await _take_over(session, outbox, caller, kept, duplicate, now)
    session.add(ParticipantAlias(alias_id=duplicate.id, participant_id=kept.id, merged_at=now))
    await session.delete(duplicate)
    await session.flush()
    event = ParticipantsMerged(
        partner=kept.partner, kept_id=kept.id, merged_id=duplicate.id, merged_at=now
    )
    await outbox.record(event, aggregate=aggregate_of(kept.id))
    await audit(session, caller, "participant.merged", [duplicate.id], PERSONAL_FIELDS)
    return MergeOut(
        kept_id=kept.id,
        merged_id=duplicate.id,
        merged_at=now,
        participant=ParticipantOut.model_validate(kept),
    )


async def _already_merged(
    session: AsyncSession, kept_id: uuid.UUID, duplicate_id: uuid.UUID, kept: Participant
) -> MergeOut:
    if kept_id == duplicate_id or await alias_target(session, duplicate_id) is None:
        raise Problem(422, "invalid-input", "Invalid input", "a record cannot merge into itself")
    alias = await session.get(ParticipantAlias, duplicate_id)
    assert alias is not None
    return MergeOut(
        kept_id=kept.id,
        merged_id=duplicate_id,
        merged_at=alias.merged_at,
        participant=ParticipantOut.model_validate(kept),
    )


async def _take_over(
    session: AsyncSession,
    outbox: EventOutbox,
    caller: Principal,
    kept: Participant,
    duplicate: Participant,
    now: datetime,
) -> None:
    """Move the duplicate's fields, consent history and aliases to the kept record."""
    before = fields_of(kept)
    after = merged_fields(before, fields_of(duplicate))
    try:
        check_consistent(after, now.date())
    except Inconsistent as exc:
        raise Problem(422, "invalid-input", "Invalid input", str(exc)) from exc
    changed = changed_fields(before, after)
    for name in changed:
        setattr(kept, name, after[name])
    for column, value in key_columns(kept.given_name, kept.family_name, kept.email).items():
        setattr(kept, column, value)
    if changed:
        kept.updated_at = now
    statistics = statistical_changes(before, after, now.date())
    if statistics:
        event = update_event(kept.partner, kept.id, statistics, now)
        await outbox.record(event, aggregate=aggregate_of(kept.id))
    await _take_consents(session, outbox, kept, duplicate)
    await session.execute(
        update(ParticipantAlias)
        .where(ParticipantAlias.participant_id == duplicate.id)
        .values(participant_id=kept.id)
    )
    await audit(session, caller, "participant.merged", [kept.id], ["merged_id", *changed])


async def _take_consents(
    session: AsyncSession, outbox: EventOutbox, kept: Participant, duplicate: Participant
) -> None:
    """Both histories become one; where the latest decision of a purpose changes, the
    change is published as the decision it is (its own time and text version)."""
    before = current_consents(await consent_history(session, kept.id))
    await session.execute(
        update(ConsentChange)
        .where(ConsentChange.participant_id == duplicate.id)
        .values(participant_id=kept.id)
    )
    after = current_consents(await consent_history(session, kept.id))
    for purpose, decision in after.items():
        if before.get(purpose) != decision:
            await _publish_consent(outbox, kept, purpose, decision)


async def _publish_consent(
    outbox: EventOutbox, kept: Participant, purpose: ConsentPurpose, decision: Decision
) -> None:
    event = ParticipantConsentChanged(
        partner=kept.partner,
        participant_id=kept.id,
        purpose=purpose,
        given=decision.given,
        text_version=decision.text_version,
        changed_at=decision.changed_at,
    )
    await outbox.record(event, aggregate=aggregate_of(kept.id))
