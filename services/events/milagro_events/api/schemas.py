"""What the events API accepts and answers about activities and attendance."""

from datetime import datetime
from typing import Annotated, Self
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from milagro_contracts.activities import ActivityKind, CountsByGroup
from milagro_contracts.event import Group, PartnerCode
from milagro_events.life_cycle import State

# Postgres text refuses NUL, and control characters have no place in a title or a place
Text = Annotated[str, Field(pattern=r"^[^\x00-\x1f\x7f]*$")]
Title = Annotated[Text, Field(min_length=1, max_length=200)]
Place = Annotated[Text, Field(min_length=1, max_length=120)]
LocationId = Annotated[str, Field(pattern=r"^[a-z0-9-]{2,40}$", examples=["siena"])]
MAX_ROOM = 500
"""The most people one attendance request records: a whole room."""


def unique(items: list[object], what: str) -> None:
    if len(set(items)) != len(items):
        raise ValueError(f"{what} lists someone twice")


class _Timing(BaseModel):
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    place: Place | None = Field(None, description="A venue or city; absent when online")
    online: bool = False
    capacity: int | None = Field(None, ge=1, le=10_000)


class ActivityIn(_Timing):
    """A new activity. `training_id` names the training a `training` session belongs to;
    `camp_location_id` where a `summer_camp` is held. Mediation services are recorded at
    `/v1/mediation-services`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    partner: PartnerCode
    kind: ActivityKind
    title: Title
    target_groups: list[Group] = Field(
        default_factory=lambda: [Group.local, Group.migrant], min_length=1, max_length=2
    )
    facilitator_ids: list[UUID] = Field(
        default_factory=list,
        max_length=50,
        description="Participants who lead it (how migrants in leading roles are counted)",
    )
    training_id: UUID | None = None
    camp_location_id: LocationId | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        unique(list(self.target_groups), "target_groups")
        unique(list(self.facilitator_ids), "facilitator_ids")
        if self.place is None and not self.online:
            raise ValueError("an activity takes place somewhere: give a place, or online")
        if (self.kind is ActivityKind.training) != (self.training_id is not None):
            raise ValueError("training_id is given for, and only for, a training session")
        if (self.kind is ActivityKind.summer_camp) != (self.camp_location_id is not None):
            raise ValueError("camp_location_id is given for, and only for, a summer camp")
        if self.kind is ActivityKind.mediation_service:
            raise ValueError("record mediation services at /v1/mediation-services")
        return self


class ActivityChange(BaseModel):
    """A new time, place or capacity; what is absent stays."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    place: Place | None = None
    online: bool | None = None
    capacity: int | None = Field(None, ge=1, le=10_000)

    @model_validator(mode="after")
    def _something(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("say what changes: starts_at, ends_at, place, online or capacity")
        for name in ("starts_at", "ends_at", "online"):  # were 500s (the conformance run)
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be cleared: give its new value")
        return self


class Cancellation(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Annotated[Text, Field(min_length=1, max_length=500)]


class ActivityOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    partner: str
    kind: ActivityKind
    title: str
    place: str
    online: bool
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    target_groups: list[Group]
    facilitator_ids: list[UUID]
    state: State
    present: int = Field(description="People checked in as present")
    training_id: UUID | None
    camp_location_id: str | None
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    cancel_reason: str | None


class ActivityPage(BaseModel):
    items: list[ActivityOut]
    next_cursor: str | None = Field(description="Give it as `cursor` for the next page")


class HeldActivity(ActivityOut):
    """A closed activity with its final attendance."""

    attendance: CountsByGroup


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant_id: UUID
    present: bool = True


class AttendanceIn(BaseModel):
    """One person, or a whole room at once. Recording what is already recorded changes
    nothing; a different `present` corrects it (until the activity is closed)."""

    model_config = ConfigDict(extra="forbid")

    attendance: list[CheckIn] = Field(min_length=1, max_length=MAX_ROOM)

    @model_validator(mode="after")
    def _once_each(self) -> Self:
        unique([c.participant_id for c in self.attendance], "attendance")
        return self


class AttendanceRecord(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    participant_id: UUID
    present: bool
    group: Group | None = Field(description="Absent until the registry's event arrives here")
    recorded_at: datetime


class AttendanceOut(BaseModel):
    recorded: int = Field(description="Records created or corrected by this request")
    unchanged: int = Field(description="Records that already said the same")
    present: int = Field(description="People now checked in as present")
    awaiting_registration: list[UUID] = Field(
        description="People not known here yet: recorded, their group filled in when "
        "their registration arrives from the registry"
    )


class AttendanceList(BaseModel):
    items: list[AttendanceRecord]
