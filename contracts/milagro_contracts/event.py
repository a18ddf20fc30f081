"""The base of every event payload and the vocabulary payloads share."""

from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

PartnerCode = Annotated[
    str, Field(pattern=r"^[A-Z]{2}-[A-Z0-9]{2,12}$", description="Partner code, e.g. IT-SIENA")
]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code")]


class Group(StrEnum):
    migrant = "migrant"
    local = "local"


class MigrantStatus(StrEnum):
    refugee = "refugee"
    asylum_seeker = "asylum_seeker"
    other_migrant = "other_migrant"


class Gender(StrEnum):
    """Self-described genders travel as `self_described`: the words stay in the registry."""

    female = "female"
    male = "male"
    non_binary = "non_binary"
    self_described = "self_described"
    undisclosed = "undisclosed"


class AgeBand(StrEnum):
    under_18 = "0-17"
    age_18_24 = "18-24"
    age_25_34 = "25-34"
    age_35_44 = "35-44"
    age_45_54 = "45-54"
    age_55_64 = "55-64"
    age_65_plus = "65+"


class Role(StrEnum):
    participant = "participant"
    mediator_trainee = "mediator_trainee"
    mediator = "mediator"
    coach_trainee = "coach_trainee"
    coach = "coach"
    newcomer = "newcomer"
    volunteer = "volunteer"
    staff = "staff"


class Event(BaseModel):
    """A domain event payload.

    Subclasses set `context`, `entity`, `verb` and `version`; the catalogue derives the
    CloudEvents type and the NATS subject from them. Payloads are tolerant readers
    (unknown fields are ignored) so a minor version that adds an optional field never
    breaks an older consumer.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    context: ClassVar[str]
    entity: ClassVar[str]
    verb: ClassVar[str]
    version: ClassVar[int] = 1

    partner: PartnerCode
