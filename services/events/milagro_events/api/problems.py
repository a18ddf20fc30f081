"""A refused life-cycle step as the problem+json a front-end can act on."""

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
