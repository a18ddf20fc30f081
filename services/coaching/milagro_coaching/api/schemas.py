"""What the coaching API accepts and answers about academies, coaches, newcomers, matches."""

from datetime import datetime
from typing import Annotated, Any, Self
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from milagro_coaching.availability import Availability, Slot
from milagro_contracts.coaching import Topic
from milagro_contracts.event import LanguageCode, PartnerCode

Text = Annotated[str, Field(pattern=r"^[^\x00-\x1f\x7f]*$")]
Name = Annotated[Text, Field(min_length=1, max_length=120)]
Reason = Annotated[Text, Field(min_length=1, max_length=500)]
Comment = Annotated[str, Field(pattern=r"^[^\x00]*$", max_length=2000)]  # lines allowed
Clock = Annotated[
    str, Field(pattern=r"^([01][0-9]|2[0-3]):(00|15|30|45)$|^24:00$", examples=["18:30"])
]
Languages = Annotated[list[LanguageCode], Field(min_length=1, max_length=10)]


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # OSError: a name too long
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Europe/Rome)") from exc
    return name


class SlotIn(BaseModel):
    """Every week on `weekday` (0 = Monday) from `start` to `end`, local time, on
    quarter-hours; `end` "24:00" is midnight."""

    model_config = ConfigDict(extra="forbid")

    weekday: int = Field(ge=0, le=6)
    start: Clock
    end: Clock

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start == "24:00" or (self.end != "24:00" and self.end <= self.start):
            raise ValueError(f"a slot ends after it starts ({self.start}-{self.end})")
        return self


class AvailabilityIn(BaseModel):
    """Weekly availability in an IANA time zone (daylight saving is applied by date)."""

    model_config = ConfigDict(extra="forbid")

    zone: str = Field(examples=["Europe/Rome"])
    slots: list[SlotIn] = Field(max_length=28)

    _check_zone = field_validator("zone")(_zone)

    def domain(self) -> Availability:
        return Availability(
            self.zone, tuple(Slot.parse(s.weekday, s.start, s.end) for s in self.slots)
        )


def availability_of(stored: dict[str, Any]) -> Availability:
    """The availability a row holds as JSON."""
    return AvailabilityIn.model_validate(stored).domain()


class AcademyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    partner: PartnerCode
    name: Name
    city: Name
    time_zone: str = Field(examples=["Europe/Rome"])

    _check_zone = field_validator("time_zone")(_zone)


class AcademyOut(AcademyIn):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    opened_at: datetime


class AcademyList(BaseModel):
    items: list[AcademyOut]


class CoachIn(BaseModel):
    """Enrol a certified coach: by the coach training, or certified elsewhere (the
    registry's `coach` role)."""

    model_config = ConfigDict(extra="forbid")

    participant_id: UUID
    languages: Languages
    topics: list[Topic] = Field(min_length=1, max_length=len(Topic))
    availability: AvailabilityIn
    capacity: int = Field(3, ge=1, le=20, description="Newcomers coached at once")


class CoachChange(BaseModel):
    """What changes in a coach's profile; what is absent stays."""

    model_config = ConfigDict(extra="forbid")

    languages: Languages | None = None
    topics: list[Topic] | None = Field(None, min_length=1, max_length=len(Topic))
    availability: AvailabilityIn | None = None
    capacity: int | None = Field(None, ge=1, le=20)


class CoachOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    academy_id: UUID
    participant_id: UUID | None = Field(description="null once the person is erased")
    languages: list[str]
    topics: list[str]
    availability: dict[str, Any]
    capacity: int
    load: int = Field(description="Newcomers coached now (accepted matches)")
    state: str = Field(description="available, paused (no new newcomers) or left")
    enrolled_at: datetime


class CoachList(BaseModel):
    items: list[CoachOut]


class NewcomerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    participant_id: UUID
    languages: Languages
    needs: list[Topic] = Field(default_factory=list, max_length=len(Topic))
    availability: AvailabilityIn


class NewcomerChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    languages: Languages | None = None
    needs: list[Topic] | None = Field(None, max_length=len(Topic))
    availability: AvailabilityIn | None = None


class NewcomerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    academy_id: UUID
    participant_id: UUID | None = Field(description="null once the person is erased")
    languages: list[str]
    needs: list[str]
    availability: dict[str, Any]
    state: str = Field(description="waiting, matched or left")
    enrolled_at: datetime
    waiting_days: int | None = Field(description="Whole days waited so far, while waiting")


class NewcomerList(BaseModel):
    items: list[NewcomerOut]


class MatchOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    academy_id: UUID
    coach_id: UUID
    newcomer_id: UUID
    state: str = Field(description="proposed, accepted, declined, withdrawn or ended")
    score: float = Field(description="The fit, 0-100 (the matcher's documented score)")
    reasons: str = Field(description="Why, in words")
    proposed_at: datetime
    decided_at: datetime | None
    decision_reason: str | None
    ended_at: datetime | None


class MatchList(BaseModel):
    items: list[MatchOut]


class Unmatched(BaseModel):
    newcomer_id: UUID
    reasons: str


class MatchingRun(BaseModel):
    proposals: list[MatchOut] = Field(description="Pending proposals after this run")
    unmatched: list[Unmatched] = Field(description="Waiting newcomers left out, and why")
    total_fit: float
    kept: int = Field(description="Pending proposals proposed again unchanged")
    withdrawn: int = Field(description="Pending proposals replaced by a better assignment")


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Reason | None = None


class Refusal(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: Reason


class Override(BaseModel):
    """A pairing the coordinator makes themself, with the reason."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    coach_id: UUID
    newcomer_id: UUID
    reason: Reason
