"""Events of the events service: activities, attendance, trainings, camps, assessments."""

from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from milagro_contracts.event import Event, Group


class ActivityKind(StrEnum):
    structured_meeting = "structured_meeting"
    training = "training"
    storytelling = "storytelling"
    summer_camp = "summer_camp"
    dissemination = "dissemination"
    mediation_service = "mediation_service"


class Certification(StrEnum):
    mediator = "mediator"
    coach = "coach"


class Phase(StrEnum):
    pre = "pre"
    post = "post"


ScoreName = Annotated[str, Field(min_length=1, max_length=60)]
Score = Annotated[float, Field(allow_inf_nan=False)]


class CountsByGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    local: int = Field(0, ge=0)
    migrant: int = Field(0, ge=0)


class _ActivitiesEvent(Event):
    context = "activities"


class _ActivityPlanned(_ActivitiesEvent):
    entity = "activity"

    activity_id: UUID
    kind: ActivityKind
    place: str = Field(max_length=120, description="A venue or city, or 'online'")
    online: bool = False
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    capacity: int | None = Field(None, ge=1)
    target_groups: list[Group] = Field(default_factory=lambda: [Group.local, Group.migrant])


class ActivityScheduled(_ActivityPlanned):
    """An activity was put on the calendar."""

    verb = "scheduled"


class ActivityRescheduled(_ActivityPlanned):
    """An activity moved in time or place."""

    verb = "rescheduled"


class ActivityCancelled(_ActivitiesEvent):
    """A scheduled activity will not take place."""

    entity = "activity"
    verb = "cancelled"

    activity_id: UUID
    kind: ActivityKind
    cancelled_at: AwareDatetime


class ActivityHeld(_ActivitiesEvent):
    """An activity took place; attendance is final."""

    entity = "activity"
    verb = "held"

    activity_id: UUID
    kind: ActivityKind
    held_at: AwareDatetime
    attendance: CountsByGroup
    facilitator_ids: list[UUID] = Field(default_factory=list, max_length=50)


class AttendanceRecorded(_ActivitiesEvent):
    """A participant's presence (or absence) at an activity was recorded."""

    entity = "attendance"
    verb = "recorded"

    activity_id: UUID
    kind: ActivityKind
    participant_id: UUID
    present: bool
    activity_starts_at: AwareDatetime


class TrainingCompleted(_ActivitiesEvent):
    """A participant completed a training and is certified."""

    entity = "training"
    verb = "completed"

    activity_id: UUID
    participant_id: UUID
    certification: Certification
    completed_at: AwareDatetime


class CampCompleted(_ActivitiesEvent):
    """A summer camp was held and its figures are in."""

    entity = "camp"
    verb = "completed"

    activity_id: UUID
    days: int = Field(ge=1, le=60)
    participants: CountsByGroup
    completed_at: AwareDatetime


class AssessmentSubmitted(_ActivitiesEvent):
    """A participant answered an assessment instrument; the scores are computed."""

    entity = "assessment"
    verb = "submitted"

    assessment_id: UUID
    instrument_id: str = Field(max_length=60)
    instrument_version: int = Field(ge=1)
    participant_id: UUID
    group: Group
    phase: Phase
    scores: dict[ScoreName, Score] = Field(max_length=30)
    submitted_at: AwareDatetime
