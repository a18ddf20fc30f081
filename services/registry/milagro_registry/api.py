"""The registry's HTTP API."""

from datetime import UTC, date, datetime
from typing import Self
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, EmailStr, Field, model_validator

from milagro_contracts.event import (
    CountryCode,
    Gender,
    Group,
    LanguageCode,
    MigrantStatus,
    PartnerCode,
    Role,
)
from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered
from milagro_kit.outbox import record
from milagro_kit.problems import problem_responses
from milagro_kit.service import Session
from milagro_registry.domain import age_band
from milagro_registry.store import Participant

router = APIRouter(prefix="/v1", tags=["participants"])
SOURCE = "/milagro/registry"


class ParticipantIn(BaseModel):
    """A person to register: personal fields, and attributes used only as statistics."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    partner: PartnerCode
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    email: EmailStr | None = None
    phone: str | None = Field(None, pattern=r"^\+?[0-9 ()-]{6,20}$")
    birth_date: date | None = None
    preferred_language: LanguageCode | None = None
    group: Group
    migrant_status: MigrantStatus | None = None
    gender: Gender | None = None
    gender_self_described: str | None = Field(None, max_length=60)
    country: CountryCode | None = None
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    roles: list[Role] = Field(
        default_factory=lambda: [Role.participant], min_length=1, max_length=8
    )

    @model_validator(mode="after")
    def consistent(self) -> Self:
        if self.group is Group.local and self.migrant_status is not None:
            raise ValueError("migrant_status applies to the migrant group only")
        if self.birth_date is not None and not date(1900, 1, 1) <= self.birth_date <= date.today():
            raise ValueError("birth_date must be between 1900-01-01 and today")
        if self.gender_self_described and self.gender is not Gender.self_described:
            raise ValueError("gender_self_described needs gender = self_described")
        return self


class ParticipantOut(ParticipantIn):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    registered_at: datetime


@router.post(
    "/participants",
    status_code=status.HTTP_201_CREATED,
    response_model=ParticipantOut,
    responses=problem_responses(409, 413, 422),
    summary="Register a participant",
)
async def register_participant(body: ParticipantIn, session: Session) -> Participant:
    now = datetime.now(UTC)
    participant = Participant(**body.model_dump(), registered_at=now)
    session.add(participant)
    await session.flush()
    event = ParticipantRegistered(
        partner=body.partner,
        participant_id=participant.id,
        registered_at=now,
        attributes=ParticipantAttributes(
            group=body.group,
            migrant_status=body.migrant_status,
            gender=body.gender,
            age_band=age_band(body.birth_date, now.date()),
            country=body.country,
            languages=body.languages,
            roles=body.roles,
        ),
    )
    await record(session, event, source=SOURCE, aggregate=f"participant:{participant.id}")
    return participant
