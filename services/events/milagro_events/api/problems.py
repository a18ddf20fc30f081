"""Refusals shared by the routes, as the problem+json a front-end can act on."""

import uuid
from collections.abc import Collection, Iterable

from milagro_events.directory import Known
from milagro_events.life_cycle import Refusal
from milagro_kit.problems import Problem

REFUSALS = (404, 409, 413, 422)
"""What a life-cycle step may answer besides 401/403."""
_TITLES = {
    "activity-held": "Activity held",
    "activity-cancelled": "Activity cancelled",
    "attendance-recorded": "Attendance recorded",
    "over-capacity": "Over capacity",
    "not-started": "Not started",
    "awaiting-registration": "Awaiting registration",
    "invalid-period": "Invalid period",
}


def refused(refusal: Refusal) -> Problem:
    """409 when the activity's state forbids it, 422 when the request is wrong; a wait for
    the registry says when to retry."""
    retry = {"Retry-After": "1"} if refusal.slug == "awaiting-registration" else None
    return Problem(
        409 if refusal.conflict else 422,
        refusal.slug,
        _TITLES.get(refusal.slug, "Refused"),
        refusal.detail,
        headers=retry,
    )


def erased(ids: Collection[uuid.UUID]) -> Problem:
    return Problem(
        422,
        "erased",
        "Erased participant",
        f"{len(ids)} of these people had their personal data erased",
        participant_ids=sorted(str(i) for i in ids),
    )


def ensure_known(known: Known, ids: Iterable[uuid.UUID]) -> None:
    """Where a record needs people the directory knows: erased ones are refused (422), and
    ones whose registration has not arrived yet are worth a retry in a moment (409)."""
    if known.erased:
        raise erased(known.erased)
    unknown = known.unknown(ids)
    if unknown:
        raise Problem(
            409,
            "participant-not-yet-known",
            "Participant not yet known",
            f"{len(unknown)} of these people are not known here yet (their registration "
            "has not arrived from the registry): retry in a moment",
            headers={"Retry-After": "1"},
            participant_ids=sorted(str(i) for i in unknown),
        )
