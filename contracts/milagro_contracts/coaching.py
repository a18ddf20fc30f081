"""Events of "Coaching across the continents": academies, enrolment, matches, sessions."""

from enum import StrEnum
from uuid import UUID

from pydantic import AwareDatetime, Field

from milagro_contracts.event import Event, LanguageCode


class Side(StrEnum):
    coach = "coach"
    newcomer = "newcomer"


class Topic(StrEnum):
    work = "work"
    housing = "housing"
    language_learning = "language_learning"
    education = "education"
    legal_orientation = "legal_orientation"
    health_system = "health_system"
    family = "family"
    community = "community"
    other = "other"


class _CoachingEvent(Event):
    context = "coaching"


class AcademyOpened(_CoachingEvent):
    """A partner opened a coaching academy."""

    entity = "academy"
    verb = "opened"

    academy_id: UUID
    city: str = Field(max_length=100)
    opened_at: AwareDatetime


class CoachEnrolled(_CoachingEvent):
    """A certified coach joined an academy."""

    entity = "coach"
    verb = "enrolled"

    coach_id: UUID
    participant_id: UUID
    academy_id: UUID
    languages: list[LanguageCode] = Field(max_length=20)
    enrolled_at: AwareDatetime


class NewcomerEnrolled(_CoachingEvent):
    """A newcomer asked for coaching."""

    entity = "newcomer"
    verb = "enrolled"

    newcomer_id: UUID
    participant_id: UUID
    academy_id: UUID
    languages: list[LanguageCode] = Field(max_length=20)
    enrolled_at: AwareDatetime


class MatchMade(_CoachingEvent):
    """A newcomer and a coach were paired."""

    entity = "match"
    verb = "made"

    match_id: UUID
    coach_id: UUID
    newcomer_id: UUID
    score: float = Field(allow_inf_nan=False)
    made_at: AwareDatetime


class MatchEnded(_CoachingEvent):
    """A coaching pair ended."""

    entity = "match"
    verb = "ended"

    match_id: UUID
    coach_id: UUID
    newcomer_id: UUID
    ended_at: AwareDatetime


class _SessionEvent(_CoachingEvent):
    entity = "session"

    session_id: UUID
    match_id: UUID
    starts_at: AwareDatetime


class SessionScheduled(_SessionEvent):
    """A coaching session was planned."""

    verb = "scheduled"
    duration_minutes: int = Field(ge=5, le=480)


class SessionRescheduled(_SessionEvent):
    """A planned coaching session was moved (`starts_at` is its new start)."""

    verb = "rescheduled"
    duration_minutes: int = Field(ge=5, le=480)


class SessionHeld(_SessionEvent):
    """A coaching session took place."""

    verb = "held"
    duration_minutes: int = Field(ge=1, le=480)
    topics: list[Topic] = Field(default_factory=list, max_length=20)


class SessionCancelled(_SessionEvent):
    """A coaching session was called off."""

    verb = "cancelled"


class SessionNoShow(_SessionEvent):
    """A side did not come to a coaching session."""

    verb = "no_show"


class FeedbackSubmitted(_CoachingEvent):
    """One side rated a held session."""

    entity = "feedback"
    verb = "submitted"

    session_id: UUID
    match_id: UUID
    side: Side
    rating: int = Field(ge=1, le=5)
    submitted_at: AwareDatetime
