"""What the registry API accepts and answers; separate from the tables on purpose."""

from datetime import date, datetime
from typing import Annotated, Self
from uuid import UUID

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
from milagro_contracts.registry import ConsentPurpose, PartnerKind

# Postgres text refuses NUL, and control characters have no place in a name
Text = Annotated[str, Field(pattern=r"^[^\x00-\x1f\x7f]*$")]
Name = Annotated[Text, Field(min_length=1, max_length=100)]
Phone = Annotated[str, Field(pattern=r"^\+?[0-9 ()-]{6,20}$")]
TextVersion = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,40}$", examples=["2024-01"])]


class PartnerIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: PartnerCode
    name: Annotated[Text, Field(min_length=1, max_length=200)]
    kind: PartnerKind = PartnerKind.full
    country: CountryCode
    city: Annotated[Text, Field(min_length=1, max_length=100)]


class PartnerOut(PartnerIn):
    model_config = ConfigDict(from_attributes=True)

    registered_at: datetime


class PartnerList(BaseModel):
    items: list[PartnerOut]


class ConsentIn(BaseModel):
    """A decision about one purpose, with the version of the text the person was shown."""

    model_config = ConfigDict(extra="forbid")

    given: bool
    text_version: TextVersion


class InitialConsent(ConsentIn):
    purpose: ConsentPurpose


class ParticipantFields(BaseModel):
    """Personal fields, and attributes used only as statistics."""

    given_name: Name
    family_name: Name
    email: EmailStr | None = None
    phone: Phone | None = None
    birth_date: date | None = None
    preferred_language: LanguageCode | None = None
    group: Group
    migrant_status: MigrantStatus | None = None
    gender: Gender | None = None
    gender_self_described: Annotated[Text, Field(max_length=60)] | None = None
    country: CountryCode | None = Field(None, description="Country of residence")
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    roles: list[Role] = Field(
        default_factory=lambda: [Role.participant], min_length=1, max_length=8
    )


CONFIRM_NEW_PERSON = Field(
    False,
    description="The coordinator has checked the likely duplicates a 409 `likely-duplicate` "
    "named and this is a different person: register (or change) anyway. Certain "
    "duplicates are refused all the same.",
)


class ParticipantIn(ParticipantFields):
    """A person to register, optionally with their first consent decisions."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    partner: PartnerCode
    consents: list[InitialConsent] = Field(default_factory=list, max_length=3)
    confirm_new_person: bool = CONFIRM_NEW_PERSON

    @model_validator(mode="after")
    def one_decision_per_purpose(self) -> Self:
        purposes = [c.purpose for c in self.consents]
        if len(purposes) != len(set(purposes)):
            raise ValueError("one consent decision per purpose")
        return self


class ParticipantPatch(BaseModel):
    """Fields to change; an absent field stays as it is, null clears an optional one."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    given_name: Name | None = None
    family_name: Name | None = None
    email: EmailStr | None = None
    phone: Phone | None = None
    birth_date: date | None = None
    preferred_language: LanguageCode | None = None
    group: Group | None = None
    migrant_status: MigrantStatus | None = None
    gender: Gender | None = None
    gender_self_described: Annotated[Text, Field(max_length=60)] | None = None
    country: CountryCode | None = None
    languages: list[LanguageCode] | None = Field(None, max_length=20)
    roles: list[Role] | None = Field(None, min_length=1, max_length=8)
    confirm_new_person: bool = CONFIRM_NEW_PERSON


REQUIRED_ON_PATCH = ("given_name", "family_name", "group", "languages", "roles")


class ParticipantOut(ParticipantFields):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    partner: PartnerCode
    registered_at: datetime
    updated_at: datetime | None = None


class ParticipantPage(BaseModel):
    items: list[ParticipantOut]
    next_cursor: str | None = Field(
        None, description="Pass as `cursor` for the next page; absent on the last page"
    )


class DuplicateCandidate(BaseModel):
    """Another record the duplicate rules take for the same person, and why."""

    id: UUID
    certainty: str = Field(description="`certain` or `likely`")
    rules: list[str] = Field(description="The rules met (see the API description)")
    name_score: float = Field(description="How alike the names are, 0-100")


class DuplicatePair(BaseModel):
    """Two registered records the duplicate rules take for one person."""

    first_id: UUID
    second_id: UUID
    certainty: str
    rules: list[str]
    name_score: float


class DuplicatePairs(BaseModel):
    items: list[DuplicatePair] = Field(description="Certain pairs first, then most alike")
    total: int = Field(description="Pairs found in all, of which `items` are the first")


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    duplicate_id: UUID = Field(
        description="The record to merge into this one; its id becomes an alias of this one"
    )


class MergeOut(BaseModel):
    """The record kept, after the other was merged into it."""

    kept_id: UUID
    merged_id: UUID
    merged_at: datetime
    participant: ParticipantOut


class ConsentState(BaseModel):
    purpose: ConsentPurpose
    given: bool
    text_version: str
    changed_at: datetime


class ConsentChangeOut(ConsentState):
    model_config = ConfigDict(from_attributes=True)

    recorded_by: str


class Consents(BaseModel):
    participant_id: UUID
    current: list[ConsentState]
    history: list[ConsentChangeOut]


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    at: datetime
    actor: str
    actor_partner: str | None
    action: str
    fields: list[str]


class DataExport(BaseModel):
    """Everything the platform holds about one person (GDPR art. 15 and 20)."""

    exported_at: datetime
    participant: ParticipantOut
    merged_ids: list[UUID] = Field(
        default_factory=list, description="Records merged into this one: ids that stand for it"
    )
    consents: list[ConsentChangeOut]
    audit: list[AuditEntryOut]


class ErasureOut(BaseModel):
    """The tombstone left by an erasure: no personal data."""

    model_config = ConfigDict(from_attributes=True)

    participant_id: UUID
    partner: PartnerCode
    erased_at: datetime


class Contact(BaseModel):
    """How the notifier may reach a person, while communications consent is given."""

    participant_id: UUID
    email: str | None
    preferred_language: str | None
    communications_consent: bool
    time_zone: str = Field(description="Of the country of residence (UTC if not known)")
