"""Mediation services: a certified mediator serving newcomers (interpreting, accompanying,
orienting, ...). Each is recorded after the fact as an activity of kind
`mediation_service`, already held, with the newcomers as its attendance: the observatory
counts "services delivered by trained mediators" from its `activity.held`."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Self

from fastapi import APIRouter, Query, status
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from sqlalchemy import Select, func, insert, select
from sqlalchemy.dialects.postgresql import aggregate_order_by

from milagro_contracts.activities import (
    ActivityHeld,
    ActivityKind,
    ActivityScheduled,
    AttendanceRecorded,
    Certification,
)
from milagro_contracts.event import Group, LanguageCode, PartnerCode
from milagro_events.access import Reader, ensure_visible, manages
from milagro_events.activities import (
    Row,
    aggregate_of,
    page_of,
    planned,
    present_by_group,
)
from milagro_events.api.schemas import Place, unique
from milagro_events.directory import look_up
from milagro_events.life_cycle import State
from milagro_events.store import activities, attendance, certifications, mediation_services
from milagro_kit.auth import AUTH_RESPONSES, Principal, StaffRole, ensure_partner
from milagro_kit.pages import cursor_after, next_cursor
from milagro_kit.problems import Problem, not_found, problem_responses
from milagro_kit.service import Outbox, Session

router = APIRouter(prefix="/v1/mediation-services", tags=["mediation services"])

# What a mediator does and how it ended: data, extended here, never spread through code.
SERVICE_KINDS = (
    "interpretation",
    "accompaniment",
    "orientation",
    "conflict_mediation",
    "administrative_support",
)
OUTCOMES = ("resolved", "referred", "ongoing", "not_resolved")
CLOCK_SKEW = timedelta(minutes=5)
"""How far in the future a device's clock may put a service just delivered."""


def _among(choices: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"expected one of: {', '.join(choices)}")
        return value

    return check


ServiceKind = Annotated[
    str,
    AfterValidator(_among(SERVICE_KINDS)),
    WithJsonSchema({"type": "string", "enum": list(SERVICE_KINDS)}),
]
Outcome = Annotated[
    str,
    AfterValidator(_among(OUTCOMES)),
    WithJsonSchema({"type": "string", "enum": list(OUTCOMES)}),
]


class MediationIn(BaseModel):
    """A service delivered: who served whom, what, when, for how long, how it ended."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    partner: PartnerCode
    mediator_id: uuid.UUID
    newcomer_ids: list[uuid.UUID] = Field(min_length=1, max_length=50)
    service_kind: ServiceKind
    delivered_at: AwareDatetime = Field(description="When it started; not in the future")
    duration_minutes: int = Field(ge=5, le=1440)
    language: LanguageCode
    outcome: Outcome
    place: Place | None = Field(None, description="A venue or city; absent when online")
    online: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        unique(list(self.newcomer_ids), "newcomer_ids")
        if self.mediator_id in self.newcomer_ids:
            raise ValueError("a mediator does not serve themselves")
        if self.place is None and not self.online:
            raise ValueError("a service is delivered somewhere: give a place, or online")
        return self


class MediationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    partner: str
    mediator_id: uuid.UUID | None = Field(description="Absent once the mediator is erased")
    newcomer_ids: Annotated[list[uuid.UUID], BeforeValidator(lambda ids: ids or [])]
    service_kind: ServiceKind
    delivered_at: datetime = Field(validation_alias="starts_at")
    duration_minutes: int
    language: str
    outcome: Outcome
    place: str
    online: bool


class MediationPage(BaseModel):
    items: list[MediationOut]
    next_cursor: str | None = Field(description="Give it as `cursor` for the next page")


def _may_record(caller: Principal, body: MediationIn) -> None:
    """The partner's managers, and a mediator recording their own service."""
    ensure_partner(caller, body.partner)
    mine = caller.has_any(StaffRole.mediator) and caller.participant_id == body.mediator_id
    if not (mine or manages(caller, body.partner)):
        raise Problem(
            403,
            "forbidden",
            "Not allowed",
            "a mediator records their own services; coordinators and staff any of theirs",
        )


async def _ensure_certified(session: Session, mediator_id: uuid.UUID) -> None:
    query = (
        select(certifications.c.certified_at)
        .where(certifications.c.participant_id == mediator_id)
        .where(certifications.c.certification == Certification.mediator)
    )
    if (await session.execute(query)).first() is None:
        raise Problem(
            422,
            "not-certified",
            "Not certified",
            "only a mediator certified by a completed mediator training records services",
        )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=MediationOut,
    responses=AUTH_RESPONSES | problem_responses(409, 413, 422),
    summary="Record a mediation service delivered",
    description="Creates a held activity of kind `mediation_service` (facilitator: the "
    "mediator; attendance: the newcomers) and publishes `activity.scheduled`, "
    "`attendance.recorded` for each newcomer and `activity.held`. 422 `not-certified` "
    "unless the mediator holds a mediator certification; 409 `participant-not-yet-known` "
    "(with `Retry-After`) while a newcomer's registration is on its way.",
)
async def record_service(
    body: MediationIn, caller: Reader, session: Session, outbox: Outbox
) -> MediationOut:
    _may_record(caller, body)
    now = datetime.now(UTC)
    if body.delivered_at > now + CLOCK_SKEW:
        raise Problem(
            422, "in-the-future", "In the future", "record a service once it is delivered"
        )
    await _ensure_certified(session, body.mediator_id)
    known = await look_up(session, body.newcomer_ids)
    known.require(body.newcomer_ids)
    activity_id = uuid.uuid4()
    values = {
        "id": activity_id,
        "partner": body.partner,
        "kind": ActivityKind.mediation_service,
        "title": f"Mediation: {body.service_kind.replace('_', ' ')}",
        "place": "online" if body.place is None else body.place,
        "online": body.online,
        "starts_at": body.delivered_at,
        "ends_at": body.delivered_at + timedelta(minutes=body.duration_minutes),
        "target_groups": list(Group),  # a service is for whoever needs it
        "facilitator_ids": [body.mediator_id],
        "state": State.held,
        "present": len(body.newcomer_ids),
        "created_at": now,
        "updated_at": now,
        "closed_at": now,
    }
    row: Row = (
        (await session.execute(insert(activities).values(values).returning(activities)))
        .mappings()
        .one()
    )
    await session.execute(
        insert(attendance),
        [
            {
                "activity_id": activity_id,
                "participant_id": who,
                "present": True,
                "group": known.people[who].group,
                "recorded_at": now,
            }
            for who in body.newcomer_ids
        ],
    )
    await session.execute(
        insert(mediation_services).values(
            activity_id=activity_id,
            **body.model_dump(
                include={"mediator_id", "service_kind", "duration_minutes", "language", "outcome"}
            ),
        )
    )
    kind = ActivityKind.mediation_service
    await outbox.record(
        planned(ActivityScheduled, row),
        *(
            AttendanceRecorded(
                partner=body.partner,
                activity_id=activity_id,
                kind=kind,
                participant_id=who,
                present=True,
                activity_starts_at=body.delivered_at,
            )
            for who in body.newcomer_ids
        ),
        ActivityHeld(
            partner=body.partner,
            activity_id=activity_id,
            kind=kind,
            held_at=body.delivered_at,
            attendance=await present_by_group(session, activity_id),
            facilitator_ids=[body.mediator_id],
        ),
        aggregate=aggregate_of(activity_id),
    )
    return MediationOut.model_validate(
        dict(row) | body.model_dump(exclude={"partner", "place", "online", "delivered_at"})
    )


def _services() -> Select[Any]:
    """Services with their activity and the newcomers still linked (not erased), in the
    order they were given."""
    newcomers = (
        select(func.array_agg(aggregate_order_by(attendance.c.participant_id, attendance.c.id)))
        .where(attendance.c.activity_id == activities.c.id)
        .where(attendance.c.participant_id.is_not(None))
        .scalar_subquery()
    )
    return select(
        activities,
        mediation_services.c.mediator_id,
        mediation_services.c.service_kind,
        mediation_services.c.duration_minutes,
        mediation_services.c.language,
        mediation_services.c.outcome,
        newcomers.label("newcomer_ids"),
    ).join(mediation_services, mediation_services.c.activity_id == activities.c.id)


@router.get(
    "",
    response_model=MediationPage,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="A partner's mediation services, by delivery time",
    description="Follow `next_cursor` for more. Admins see every partner's.",
)
async def list_services(
    caller: Reader,
    session: Session,
    mediator_id: uuid.UUID | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> MediationPage:
    query = _services()
    if not caller.is_admin:
        query = query.where(activities.c.partner == caller.partner)
    if mediator_id is not None:
        query = query.where(mediation_services.c.mediator_id == mediator_id)
    rows = await page_of(session, query, cursor_after(cursor), limit + 1)
    return MediationPage(
        items=[MediationOut.model_validate(r) for r in rows[:limit]],
        next_cursor=next_cursor(rows, limit, "starts_at"),
    )


@router.get(
    "/{service_id}",
    response_model=MediationOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One mediation service",
)
async def read_service(service_id: uuid.UUID, caller: Reader, session: Session) -> MediationOut:
    query = _services().where(activities.c.id == service_id)
    row = (await session.execute(query)).mappings().first()
    if row is None:
        raise not_found("mediation service")
    ensure_visible(caller, row["partner"], "mediation service")
    return MediationOut.model_validate(row)
