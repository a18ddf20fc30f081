"""What is personal about a participant, what is statistical, and which changes matter."""

import uuid
from datetime import date, datetime
from typing import Any

from milagro_contracts.event import Gender, Group
from milagro_contracts.registry import (
    ClearableAttribute,
    ParticipantAttributesChange,
    ParticipantUpdated,
)
from milagro_registry.domain.ages import age_band

PERSONAL_FIELDS: tuple[str, ...] = (
    "given_name",
    "family_name",
    "email",
    "phone",
    "birth_date",
    "preferred_language",
    "gender_self_described",
)
"""Fields that identify or contact a person: only the registry holds them."""

STATISTICAL_FIELDS: tuple[str, ...] = (
    "group",
    "migrant_status",
    "gender",
    "country",
    "languages",
    "roles",
)
"""Attributes events may carry (with the age band derived from the birth date)."""


class Inconsistent(ValueError):
    """A participant's fields contradict each other."""


def check_consistent(fields: dict[str, Any], today: date) -> None:
    """Raise `Inconsistent` when the fields of one participant contradict each other."""
    if fields.get("group") == Group.local and fields.get("migrant_status") is not None:
        raise Inconsistent("migrant_status applies to the migrant group only")
    birth_date = fields.get("birth_date")
    if birth_date is not None and not date(1900, 1, 1) <= birth_date <= today:
        raise Inconsistent("birth_date must be between 1900-01-01 and today")
    if fields.get("gender_self_described") and fields.get("gender") != Gender.self_described:
        raise Inconsistent("gender_self_described needs gender = self_described")


def statistical_view(fields: dict[str, Any], today: date) -> dict[str, Any]:
    """The attributes an event may carry, with the age band in place of the birth date."""
    view = {name: fields.get(name) for name in STATISTICAL_FIELDS}
    view["age_band"] = age_band(fields.get("birth_date"), today)
    return view


def statistical_changes(
    before: dict[str, Any], after: dict[str, Any], today: date
) -> dict[str, Any]:
    """The statistical attributes (age band included) that differ; personal ones never."""
    old, new = statistical_view(before, today), statistical_view(after, today)
    return {name: value for name, value in new.items() if old[name] != value}


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of the fields whose values differ (for the audit log)."""
    return sorted(name for name in after if before.get(name) != after[name])


def aggregate_of(participant_id: uuid.UUID) -> str:
    """The CloudEvents subject of a participant's events: what they are about, and what
    keeps them in order on the bus."""
    return f"participant:{participant_id}"


def update_event(
    partner: str, participant_id: uuid.UUID, statistics: dict[str, Any], when: datetime
) -> ParticipantUpdated:
    """`participant.updated` for some changed statistics: the new values, and the
    attributes that lost theirs named as cleared (never sent as null)."""
    return ParticipantUpdated(
        partner=partner,
        participant_id=participant_id,
        updated_at=when,
        changed=ParticipantAttributesChange(
            **{k: v for k, v in statistics.items() if v is not None}
        ),
        cleared=[ClearableAttribute(k) for k, v in statistics.items() if v is None],
    )
