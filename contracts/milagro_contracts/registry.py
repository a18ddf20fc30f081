"""Events of the registry: partners and participants. Pseudonymous ids, never personal data."""

from enum import StrEnum
from typing import Any
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


def _unchanged(value: object) -> bool:
    # Absent, not null, on the bus: an unchanged attribute must not look like a value.
    return value is None


class ParticipantAttributesChange(BaseModel):
    """The new values of the attributes that changed; an absent field is unchanged.

    `null` never means "cleared": a cleared attribute is named in `ParticipantUpdated.cleared`.
    (Events published before `cleared` existed carried every field, `null` where unchanged,
    so a reader must not take `null` for a value.)
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    group: Group | None = Field(None, exclude_if=_unchanged)
    migrant_status: MigrantStatus | None = Field(None, exclude_if=_unchanged)
    gender: Gender | None = Field(None, exclude_if=_unchanged)
    age_band: AgeBand | None = Field(None, exclude_if=_unchanged)
    country: CountryCode | None = Field(None, exclude_if=_unchanged)
    languages: list[LanguageCode] | None = Field(None, max_length=20, exclude_if=_unchanged)
    roles: list[Role] | None = Field(None, max_length=8, exclude_if=_unchanged)


class ClearableAttribute(StrEnum):
    """The optional statistical attributes an update can clear."""

    migrant_status = "migrant_status"
    gender = "gender"
    age_band = "age_band"
    country = "country"


class ParticipantUpdated(_RegistryEvent):
    """Statistical attributes of a participant changed."""

    entity = "participant"
    verb = "updated"

    participant_id: UUID
    updated_at: AwareDatetime
    changed: ParticipantAttributesChange
    cleared: list[ClearableAttribute] = Field(
        default_factory=list,
        max_length=4,
        description="Attributes that no longer have a value (e.g. migrant status on a move to "
        "the local group)",
    )

    def assignments(self) -> dict[str, Any]:
        """What this update sets: each changed attribute's new value, None for a cleared one.

        The one reading of an update every consumer shares; attributes not named stay.
        """
        new = {k: v for k, v in self.changed if v is not None}
        return new | dict.fromkeys((c.value for c in self.cleared), None)


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
