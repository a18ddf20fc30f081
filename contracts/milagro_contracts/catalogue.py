"""Every v1 event with its CloudEvents type, NATS subject and JetStream stream."""

from dataclasses import dataclass
from typing import Any

from milagro_contracts import activities, coaching, registry
from milagro_contracts.event import Event

TYPE_PREFIX = "eu.milagro"
SUBJECT_PREFIX = "milagro"
SCHEMA_BASE = "https://schemas.milagroproject.eu/events"
DEAD_LETTER_PREFIX = f"{SUBJECT_PREFIX}.deadletter"


@dataclass(frozen=True)
class Stream:
    """One JetStream stream per bounded context (and one for dead letters)."""

    name: str
    context: str
    subjects: tuple[str, ...]
    description: str


STREAMS: tuple[Stream, ...] = (
    Stream("REGISTRY", "registry", ("milagro.registry.>",), "Partners and participants"),
    Stream("ACTIVITIES", "activities", ("milagro.activities.>",), "Activities and attendance"),
    Stream("COACHING", "coaching", ("milagro.coaching.>",), "Online coaching"),
    Stream(
        "DEADLETTER", "deadletter", (f"{DEAD_LETTER_PREFIX}.>",), "Events a consumer gave up on"
    ),
)


@dataclass(frozen=True)
class EventSpec:
    """How one event class is named on the bus."""

    payload: type[Event]

    @property
    def name(self) -> str:
        """`<context>.<entity>.<verb>`, e.g. `registry.participant.registered`."""
        return f"{self.payload.context}.{self.payload.entity}.{self.payload.verb}"

    @property
    def type(self) -> str:
        """The CloudEvents type, with the major version: `eu.milagro.<name>.v<N>`."""
        return f"{TYPE_PREFIX}.{self.name}.v{self.payload.version}"

    @property
    def subject(self) -> str:
        """The NATS subject every major version of the event is published on."""
        return f"{SUBJECT_PREFIX}.{self.name}"

    @property
    def stream(self) -> str:
        """The JetStream stream of the event's context."""
        return next(s.name for s in STREAMS if s.context == self.payload.context)

    @property
    def schema_uri(self) -> str:
        """The `dataschema` of the envelope: where the exported JSON Schema lives."""
        return f"{SCHEMA_BASE}/{self.type}.json"

    def parse(self, data: dict[str, Any]) -> Event:
        """The typed payload of an envelope's `data`; pydantic.ValidationError if invalid."""
        return self.payload.model_validate(data)


_PAYLOADS: tuple[type[Event], ...] = (
    registry.PartnerRegistered,
    registry.ParticipantRegistered,
    registry.ParticipantUpdated,
    registry.ParticipantConsentChanged,
    registry.ParticipantErased,
    registry.ParticipantsMerged,
    activities.ActivityScheduled,
    activities.ActivityRescheduled,
    activities.ActivityCancelled,
    activities.ActivityHeld,
    activities.AttendanceRecorded,
    activities.TrainingCompleted,
    activities.CampCompleted,
    activities.AssessmentSubmitted,
    coaching.AcademyOpened,
    coaching.CoachEnrolled,
    coaching.NewcomerEnrolled,
    coaching.MatchMade,
    coaching.MatchEnded,
    coaching.SessionScheduled,
    coaching.SessionRescheduled,
    coaching.SessionHeld,
    coaching.SessionCancelled,
    coaching.SessionNoShow,
    coaching.FeedbackSubmitted,
)

CATALOGUE: dict[str, EventSpec] = {spec.type: spec for spec in map(EventSpec, _PAYLOADS)}
_BY_CLASS: dict[type[Event], EventSpec] = {spec.payload: spec for spec in CATALOGUE.values()}


def spec_for(event_type: str) -> EventSpec:
    """The spec of a CloudEvents type; KeyError if the catalogue does not know it."""
    return CATALOGUE[event_type]


def spec_of(payload: type[Event]) -> EventSpec:
    """The spec of a payload class."""
    return _BY_CLASS[payload]
