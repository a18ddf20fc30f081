"""Trainings (the intercultural mediator training, the coach training): their sessions are
activities of kind `training`; completing one applies its rule to everyone who attended a
held session, certifies those who met it and publishes `training.completed` for each."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Self

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import case, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert

from milagro_contracts.activities import Certification, TrainingCompleted
from milagro_contracts.event import PartnerCode
from milagro_events.access import Manager, Reader, ensure_visible, manages, partner_scope
from milagro_events.activities import Row
from milagro_events.api.schemas import Title, unique
from milagro_events.certification import Rule, judge
from milagro_events.directory import look_up
from milagro_events.life_cycle import State
from milagro_events.store import (
    activities,
    attendance,
    certifications,
    final_assessments,
    training_results,
    trainings,
)
from milagro_kit.auth import AUTH_RESPONSES, Principal, ensure_partner
from milagro_kit.problems import Problem, not_found, problem_responses
from milagro_kit.service import Outbox, Session

router = APIRouter(tags=["trainings"])

OPEN, COMPLETED = "open", "completed"
Score = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class TrainingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    partner: PartnerCode
    title: Title
    certification: Certification
    min_share: float = Field(
        0.75, gt=0, le=1, description="Share of the held sessions a trainee must attend"
    )
    pass_mark: Score | None = Field(
        None, description="When given, a final assessment score at least this is needed too"
    )


class TrainingOut(TrainingIn):
    model_config = ConfigDict(from_attributes=True, extra="ignore")

    id: uuid.UUID
    state: str = Field(description="open, or completed (its results are final)")
    created_at: datetime
    completed_at: datetime | None = Field(description="The end of its last held session")


class TrainingSession(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    state: State
    starts_at: datetime


class TrainingDetail(TrainingOut):
    sessions: list[TrainingSession] = Field(description="Its activities, by start time")


class TrainingList(BaseModel):
    items: list[TrainingOut]


class FinalScore(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant_id: uuid.UUID
    score: Score


class FinalScores(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scores: list[FinalScore] = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _once_each(self) -> Self:
        unique([s.participant_id for s in self.scores], "scores")
        return self


class RecordedScore(FinalScore):
    model_config = ConfigDict(from_attributes=True, extra="ignore")

    recorded_at: datetime


class RecordedScores(BaseModel):
    items: list[RecordedScore]


class Result(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    participant_id: uuid.UUID
    sessions_attended: int
    sessions_held: int
    final_score: float | None
    certified: bool
    reason: str = Field(examples=["attended 5 of 8 sessions (62%); the rule asks 75%"])


class Results(BaseModel):
    state: str
    items: list[Result] = Field(description="Empty until the training is completed")


class _Judged(Result):
    """A result as stored."""

    training_id: uuid.UUID


class CertificationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    participant_id: uuid.UUID
    certification: Certification
    training_id: uuid.UUID
    certified_at: datetime


class CertificationList(BaseModel):
    items: list[CertificationOut]


async def _training(
    session: Session, caller: Principal, id: uuid.UUID, *, managed: bool = False
) -> Row:
    """The training if the caller's partner owns it (404 otherwise); `managed` also asks
    that the caller manages it, and locks it: scores and completion take turns."""
    query = select(trainings).where(trainings.c.id == id)
    row = (await session.execute(query.with_for_update() if managed else query)).mappings().first()
    if row is None:
        raise not_found("training")
    ensure_visible(caller, row["partner"], "training")
    if managed and not manages(caller, row["partner"]):
        raise Problem(403, "forbidden", "Not allowed", "coordinators and staff run trainings")
    return row


def _still_open(training: Row) -> None:
    if training["state"] != OPEN:
        raise Problem(
            409, "training-completed", "Training completed", "this training's results are final"
        )


async def _sessions(session: Session, training_id: uuid.UUID) -> Sequence[Row]:
    query = (
        select(activities.c.id, activities.c.state, activities.c.starts_at, activities.c.ends_at)
        .where(activities.c.training_id == training_id)
        .order_by(activities.c.starts_at, activities.c.id)
    )
    return (await session.execute(query)).mappings().all()


@router.post(
    "/v1/trainings",
    status_code=status.HTTP_201_CREATED,
    response_model=TrainingOut,
    responses=AUTH_RESPONSES | problem_responses(413, 422),
    summary="Create a training",
    description="Its sessions are then scheduled as activities of kind `training` with its "
    "`training_id`. The rule: attend `min_share` of the held sessions and, when "
    "`pass_mark` is given, score at least that in the final assessment.",
)
async def create_training(body: TrainingIn, caller: Manager, session: Session) -> Row:
    ensure_partner(caller, body.partner)
    values = body.model_dump() | {"id": uuid.uuid4(), "created_at": datetime.now(UTC)}
    row: Row = (
        (await session.execute(insert(trainings).values(values).returning(trainings)))
        .mappings()
        .one()
    )
    return row


@router.get(
    "/v1/trainings",
    response_model=TrainingList,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="A partner's trainings (admins: every partner's), newest first",
    description="A partner runs a handful: the list is not paged.",
)
async def list_trainings(
    caller: Reader,
    session: Session,
    partner: Annotated[str | None, Query(pattern=r"^[A-Z]{2}-[A-Z0-9]{2,12}$")] = None,
) -> TrainingList:
    query = select(trainings).order_by(trainings.c.created_at.desc(), trainings.c.id)
    scope = partner_scope(caller, partner)
    if scope is not None:
        query = query.where(trainings.c.partner == scope)
    return TrainingList.model_validate({"items": (await session.execute(query)).mappings()})


@router.get(
    "/v1/trainings/{training_id}",
    response_model=TrainingDetail,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One training, with its sessions",
)
async def read_training(training_id: uuid.UUID, caller: Reader, session: Session) -> TrainingDetail:
    training = await _training(session, caller, training_id)
    sessions = await _sessions(session, training_id)
    return TrainingDetail.model_validate(dict(training) | {"sessions": sessions})


@router.put(
    "/v1/trainings/{training_id}/final-assessments",
    response_model=RecordedScores,
    responses=AUTH_RESPONSES | problem_responses(404, 409, 413, 422),
    summary="Record final assessment scores (0-100)",
    description="Only for a training whose rule has a pass mark, and until it is "
    "completed. Idempotent: a person's score is replaced. Answers every score recorded. "
    "409 `participant-not-yet-known` (with `Retry-After`) for people whose registration "
    "has not arrived yet; 422 for erased people.",
)
async def record_final_scores(
    training_id: uuid.UUID, body: FinalScores, caller: Manager, session: Session
) -> RecordedScores:
    training = await _training(session, caller, training_id, managed=True)
    _still_open(training)
    if training["pass_mark"] is None:
        raise Problem(
            409,
            "no-final-assessment",
            "No final assessment",
            "this training's rule has no pass mark: it has no final assessment",
        )
    ids = [s.participant_id for s in body.scores]
    (await look_up(session, ids)).require(ids)
    now = datetime.now(UTC)
    rows = [s.model_dump() | {"training_id": training_id, "recorded_at": now} for s in body.scores]
    statement = upsert(final_assessments)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["training_id", "participant_id"],
            set_={"score": statement.excluded.score, "recorded_at": statement.excluded.recorded_at},
        ),
        rows,
    )
    query = (
        select(final_assessments)
        .where(final_assessments.c.training_id == training_id)
        .order_by(final_assessments.c.participant_id)
    )
    return RecordedScores.model_validate({"items": (await session.execute(query)).mappings()})


@router.post(
    "/v1/trainings/{training_id}/complete",
    response_model=Results,
    responses=AUTH_RESPONSES | problem_responses(404, 409, 422),
    summary="Complete a training: apply its rule, certify, publish",
    description="Everyone with attendance on a held session is judged by the rule; those "
    "who meet it are certified and `training.completed` is published for each (at the end "
    "of the last held session). 409 while a session is still scheduled, when no session "
    "was held, or when it is already completed.",
)
async def complete_training(
    training_id: uuid.UUID, caller: Manager, session: Session, outbox: Outbox
) -> Results:
    training = await _training(session, caller, training_id, managed=True)
    _still_open(training)
    sessions = await _sessions(session, training_id)
    scheduled = [s["id"] for s in sessions if s["state"] == State.scheduled]
    if scheduled:
        raise Problem(
            409,
            "sessions-scheduled",
            "Sessions still scheduled",
            f"{len(scheduled)} sessions are still scheduled: close or cancel them first",
            activity_ids=[str(i) for i in scheduled],
        )
    held = [s for s in sessions if s["state"] == State.held]
    if not held:
        raise Problem(409, "no-session-held", "No session held", "no session of it was held")
    last = max(held, key=lambda s: (s["ends_at"], s["id"]))
    results = await _judge(session, training, [s["id"] for s in held])
    await session.execute(
        update(trainings)
        .where(trainings.c.id == training_id)
        .values(state=COMPLETED, completed_at=last["ends_at"])
    )
    if results:
        await session.execute(insert(training_results), [r.model_dump() for r in results])
    certified = [r.participant_id for r in results if r.certified]
    if certified:
        kind = Certification(training["certification"])
        await session.execute(
            upsert(certifications).on_conflict_do_nothing(),
            [
                {
                    "participant_id": who,
                    "certification": kind,
                    "training_id": training_id,
                    "certified_at": last["ends_at"],
                }
                for who in certified
            ],
        )
        await outbox.record(
            *(
                TrainingCompleted(
                    partner=training["partner"],
                    activity_id=last["id"],
                    participant_id=who,
                    certification=kind,
                    completed_at=last["ends_at"],
                )
                for who in certified
            ),
            aggregate=f"training:{training_id}",
        )
    return Results(state=COMPLETED, items=[Result.model_validate(r) for r in results])


async def _judge(session: Session, training: Row, held: Sequence[uuid.UUID]) -> list[_Judged]:
    """Everyone recorded (present or not) at a held session, judged by the rule. Held
    sessions were closed with nobody awaiting registration, and the rule does not look at
    groups: who attended is all it needs. Erased people (no id any more) are not judged."""
    attended = func.count(case((attendance.c.present, 1)))
    query = (
        select(attendance.c.participant_id, attended.label("attended"), final_assessments.c.score)
        .outerjoin(
            final_assessments,
            (final_assessments.c.participant_id == attendance.c.participant_id)
            & (final_assessments.c.training_id == training["id"]),
        )
        .where(attendance.c.activity_id.in_(held))
        .where(attendance.c.participant_id.is_not(None))
        .group_by(attendance.c.participant_id, final_assessments.c.score)
        .order_by(attendance.c.participant_id)
    )
    rule = Rule(training["min_share"], training["pass_mark"])
    judged = []
    for who, present, score in (await session.execute(query)).all():
        verdict = judge(rule, present, len(held), score)
        judged.append(
            _Judged(
                training_id=training["id"],
                participant_id=who,
                sessions_attended=present,
                sessions_held=len(held),
                final_score=score,
                certified=verdict.certified,
                reason=verdict.reason,
            )
        )
    return judged


@router.get(
    "/v1/trainings/{training_id}/results",
    response_model=Results,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="Who was certified, who was not, and why",
)
async def read_results(training_id: uuid.UUID, caller: Reader, session: Session) -> Results:
    training = await _training(session, caller, training_id)
    query = (
        select(training_results)
        .where(training_results.c.training_id == training_id)
        .where(training_results.c.participant_id.is_not(None))
        .order_by(training_results.c.certified.desc(), training_results.c.participant_id)
    )
    rows = (await session.execute(query)).mappings()
    return Results.model_validate({"state": training["state"], "items": rows})


@router.get(
    "/v1/certifications",
    response_model=CertificationList,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="Certifications given by a partner's trainings (admins: every partner's)",
)
async def list_certifications(
    caller: Reader,
    session: Session,
    participant_id: uuid.UUID | None = None,
    certification: Certification | None = None,
) -> CertificationList:
    query = (
        select(certifications)
        .join(trainings, trainings.c.id == certifications.c.training_id)
        .order_by(certifications.c.certified_at, certifications.c.participant_id)
    )
    scope = partner_scope(caller, None)
    for column, value in (
        (trainings.c.partner, scope),
        (certifications.c.participant_id, participant_id),
        (certifications.c.certification, certification),
    ):
        if value is not None:
            query = query.where(column == value)
    return CertificationList.model_validate({"items": (await session.execute(query)).mappings()})
