"""Events of the registry: partners and participants. Pseudonymous ids, never personal data."""

from enum import StrEnum
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from milagro_contracts.event import (
    AgeBand,
    CountryCode,
    Event,
    Gender,
    Group,
    LanguageCode,
    MigrantStatus,
    Role,
)


class PartnerKind(StrEnum):
    full = "full"
    associated = "associated"


class ConsentPurpose(StrEnum):
    participation = "participation"
    communications = "communications"
    research_statistics = "research_statistics"


class _RegistryEvent(Event):
    context = "registry"


class PartnerRegistered(_RegistryEvent):
    """A consortium organisation joined the platform."""

    entity = "partner"
    verb = "registered"

    name: str = Field(max_length=200, description="The organisation's name")
    kind: PartnerKind
    country: CountryCode
    city: str = Field(max_length=100)


class ParticipantAttributes(BaseModel):
    """The statistical attributes of a participant: what disaggregation needs, nothing more."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    group: Group
    migrant_status: MigrantStatus | None = None
    gender: Gender | None = None
    age_band: AgeBand | None = None
    country: CountryCode | None = Field(None, description="Country of residence")
    languages: list[LanguageCode] = Field(default_factory=list, max_length=20)
    roles: list[Role] = Field(default_factory=lambda: [Role.participant], max_length=8)


class ParticipantRegistered(_RegistryEvent):
    """A person was registered by a partner."""

    entity = "participant"
    verb = "registered"

    participant_id: UUID
    registered_at: AwareDatetime
    attributes: ParticipantAttributes


class ParticipantAttributesChange(BaseModel):
    """Only the attributes that changed are present; an absent field is unchanged."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    group: Group | None = None
    migrant_status: MigrantStatus | None = None
    gender: Gender | None = None
    age_band: AgeBand | None = None
    country: CountryCode | None = None
    languages: list[LanguageCode] | None = Field(None, max_length=20)
    roles: list[Role] | None = Field(None, max_length=8)


class ParticipantUpdated(_RegistryEvent):
    """Statistical attributes of a participant changed."""

    entity = "participant"
    verb = "updated"

    participant_id: UUID
    updated_at: AwareDatetime
    changed: ParticipantAttributesChange


class ParticipantConsentChanged(_RegistryEvent):
    """Consent for one purpose was given or withdrawn."""

    entity = "participant"
    verb = "consent_changed"

    participant_id: UUID
    purpose: ConsentPurpose
    given: bool
    text_version: str = Field(max_length=40)
    changed_at: AwareDatetime


class ParticipantErased(_RegistryEvent):
    """A person's personal data was erased; every service forgets what it must."""

    entity = "participant"
    verb = "erased"

    participant_id: UUID
    erased_at: AwareDatetime


class ParticipantsMerged(_RegistryEvent):
    """Two records of one person became one: every service moves what it holds about
    `merged_id` to `kept_id` and counts the person once. Ids only."""

    entity = "participant"
    verb = "merged"

    kept_id: UUID = Field(description="The record that stays")
    merged_id: UUID = Field(description="The record merged into it; an alias from now on")
    merged_at: AwareDatetime
