"""Assessments: a participant's answers to an instrument, scored, once per phase.

Answers stay here (coordinators and staff of the partner read them); only the scores
travel, in `assessment.submitted`, to the observatory, which compares pre with post.
"""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.activities import AssessmentSubmitted, Phase
from milagro_contracts.event import Group
from milagro_events.access import Manager, Recorder, ensure_visible
from milagro_events.directory import Person, look_up
from milagro_events.instruments import Instrument, instrument, latest
from milagro_events.scoring import InvalidAnswers, score
from milagro_events.store import assessments
from milagro_kit.auth import AUTH_RESPONSES, Principal
from milagro_kit.problems import Problem, not_found, problem_responses
from milagro_kit.service import Outbox, Session

router = APIRouter(prefix="/v1/assessments", tags=["assessments"])


class AssessmentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant_id: uuid.UUID
    instrument_id: str = Field(max_length=60)
    instrument_version: int | None = Field(
        None, ge=1, description="Default: the version of this person's earlier phase, or the newest"
    )
    phase: Phase
    # any JSON value: scoring checks each answer and names the item it refuses
    answers: dict[Annotated[str, Field(max_length=60)], Any] = Field(max_length=200)
    answered_on: date | None = Field(
        None, description="When a paper form was filled in, if not today; not in the future"
    )


class AssessmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    partner: str
    participant_id: uuid.UUID | None = Field(description="null once the person is erased")
    instrument_id: str
    instrument_version: int
    phase: Phase
    group: Group
    answers: dict[str, int] | None = Field(description="null once the person is erased")
    scores: dict[str, float]
    submitted_at: datetime


async def _participant(session: AsyncSession, caller: Principal, id: uuid.UUID) -> Person:
    known = await look_up(session, [id])
    known.require([id])  # the registration may still be on its way (streams interleave)
    person = known.people[id]
    ensure_visible(caller, person.partner, "participant")
    return person


async def _instrument(session: AsyncSession, body: AssessmentIn) -> Instrument:
    version = body.instrument_version
    if version is None:  # pre and post of one person compare only within one version
        earlier = select(assessments.c.instrument_version).where(
            assessments.c.participant_id == body.participant_id,
            assessments.c.instrument_id == body.instrument_id,
        )
        version = (await session.execute(earlier.limit(1))).scalar()
    found = (
        latest(body.instrument_id) if version is None else instrument(body.instrument_id, version)
    )
    if found is None:
        raise Problem(
            422,
            "unknown-instrument",
            "Unknown instrument",
            f"no instrument {body.instrument_id}" + (f" version {version}" if version else ""),
        )
    return found


def _submitted_at(answered_on: date | None, now: datetime) -> datetime:
    # Noon UTC is the same calendar day from UTC-11 to UTC+11: the day written on the form.
    if answered_on is None or answered_on >= now.date():
        return now
    return datetime.combine(answered_on, time(12), UTC)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=AssessmentOut,
    responses=AUTH_RESPONSES | problem_responses(404, 409, 422),
    summary="Submit a participant's answers to an instrument",
    description="Scores the answers (every item answered with a whole number on the "
    "scale, or 422 `invalid-answers` naming the item) and publishes the scores, never the "
    "answers. One submission per person, instrument and phase: 409 `already-submitted` "
    "with `existing_id`. 409 `participant-not-yet-known` (with `Retry-After`) while the "
    "registration has not arrived here; 422 `erased` for an erased participant.",
)
async def submit_assessment(
    body: AssessmentIn, caller: Recorder, session: Session, outbox: Outbox
) -> dict[str, Any]:
    now = datetime.now(UTC)
    # the date is already that day somewhere on Earth up to 14 hours ahead of UTC
    if body.answered_on and body.answered_on > (now + timedelta(hours=14)).date():
        raise Problem(422, "invalid-input", "Invalid input", "answered_on is in the future")
    person = await _participant(session, caller, body.participant_id)
    found = await _instrument(session, body)
    try:
        scores = score(found, body.answers)
    except InvalidAnswers as exc:
        raise Problem(422, "invalid-answers", "Invalid answers", str(exc), item=exc.item) from exc
    row = {
        "id": uuid.uuid4(),
        "partner": person.partner,
        "participant_id": person.id,
        "instrument_id": found.id,
        "instrument_version": found.version,
        "phase": body.phase.value,
        "group": person.group,
        "answers": body.answers,
        "scores": scores,
        "submitted_at": _submitted_at(body.answered_on, now),
    }
    # a concurrent twin waits on the unique index, then inserts nothing: exactly one 201
    inserted = await session.execute(
        insert(assessments).values(row).on_conflict_do_nothing().returning(assessments.c.id)
    )
    if inserted.scalar() is None:
        existing = select(assessments.c.id).where(
            assessments.c.participant_id == person.id,
            assessments.c.instrument_id == found.id,
            assessments.c.phase == body.phase.value,
        )
        raise Problem(
            409,
            "already-submitted",
            "Already submitted",
            f"this participant's {body.phase.value} {found.id} assessment is in already",
            existing_id=str((await session.execute(existing)).scalar_one()),
        )
    await outbox.record(
        AssessmentSubmitted(
            partner=person.partner,
            assessment_id=row["id"],
            instrument_id=found.id,
            instrument_version=found.version,
            participant_id=person.id,
            group=Group(person.group),
            phase=body.phase,
            scores=scores,
            submitted_at=row["submitted_at"],
        ),
        aggregate=f"participant:{person.id}",
    )
    return row


@router.get(
    "",
    response_model=list[AssessmentOut],
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="A participant's assessments, with answers",
    description="Only the caller's partner's (another partner's participant has none here).",
)
async def list_assessments(
    caller: Manager,
    session: Session,
    participant_id: uuid.UUID,
    instrument_id: Annotated[str | None, Query(pattern=r"^[a-z0-9-]{1,60}$")] = None,
) -> list[AssessmentOut]:
    query = select(assessments).where(assessments.c.participant_id == participant_id)
    if instrument_id is not None:
        query = query.where(assessments.c.instrument_id == instrument_id)
    if not caller.is_admin:
        query = query.where(assessments.c.partner == caller.partner)
    rows = await session.execute(query.order_by(assessments.c.submitted_at, assessments.c.id))
    return [AssessmentOut.model_validate(r) for r in rows]


@router.get(
    "/{assessment_id}",
    response_model=AssessmentOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One assessment, with answers",
)
async def read_assessment(
    assessment_id: uuid.UUID, caller: Manager, session: Session
) -> AssessmentOut:
    row = (
        await session.execute(select(assessments).where(assessments.c.id == assessment_id))
    ).first()
    if row is None:
        raise not_found("assessment")
    ensure_visible(caller, row.partner, "assessment")
    return AssessmentOut.model_validate(row)
