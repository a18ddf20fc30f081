"""An activity's life: scheduled → held | cancelled, and what a coordinator may do when.

Pure rules over what an activity is now; the routes load it (locked), ask here, and turn a
`Refusal` (the kit's) as a problem+json answer. The test suite states them as a table of cases.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from milagro_kit.problems import Refusal


class State(StrEnum):
    scheduled = "scheduled"
    held = "held"
    cancelled = "cancelled"


CHECK_IN_OPENS = timedelta(minutes=30)
"""Check-in opens this long before an activity starts (people arrive early)."""
LONGEST = timedelta(days=60)
"""The longest activity: a summer camp of some weeks, with room to spare."""


@dataclass(frozen=True)
class Activity:
    """What the rules look at."""

    state: State
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    present: int
    recorded: int
    """How many attendance records it has (present or not)."""


def plan(starts_at: datetime, ends_at: datetime) -> None:
    """A time span an activity may have."""
    if ends_at <= starts_at:
        raise Refusal("invalid-period", "an activity must end after it starts", conflict=False)
    if ends_at - starts_at > LONGEST:
        raise Refusal(
            "invalid-period",
            f"an activity lasts at most {LONGEST.days} days; schedule longer ones in parts",
            conflict=False,
        )


def _still_scheduled(activity: Activity, doing: str) -> None:
    if activity.state is State.held:
        raise Refusal("activity-held", f"this activity was held and closed: it cannot be {doing}")
    if activity.state is State.cancelled:
        raise Refusal("activity-cancelled", f"this activity was cancelled: it cannot be {doing}")


def reschedule(
    activity: Activity, starts_at: datetime, ends_at: datetime, capacity: int | None
) -> None:
    _still_scheduled(activity, "rescheduled")
    plan(starts_at, ends_at)
    if activity.recorded and starts_at != activity.starts_at:
        raise Refusal(
            "attendance-recorded",
            f"attendance of {activity.recorded} people is recorded at the present time; "
            "correct it before moving the activity, or close it",
        )
    if capacity is not None and capacity < activity.present:
        raise Refusal(
            "over-capacity",
            f"{activity.present} people are checked in: capacity cannot go below that",
        )


def cancel(activity: Activity) -> None:
    _still_scheduled(activity, "cancelled")
    if activity.present:
        raise Refusal(
            "attendance-recorded",
            f"{activity.present} people are checked in: mark them absent before cancelling",
        )


def record_attendance(activity: Activity, now: datetime) -> None:
    _still_scheduled(activity, "attended")
    opens = activity.starts_at - CHECK_IN_OPENS
    if now < opens:
        raise Refusal(
            "not-started", f"check-in opens at {opens.isoformat()}, 30 minutes before the start"
        )


def within_capacity(activity: Activity, present_after: int) -> None:
    if activity.capacity is not None and present_after > activity.capacity:
        raise Refusal(
            "over-capacity",
            f"the capacity is {activity.capacity} and {activity.present} are checked in; "
            f"this would make {present_after}",
        )


def close(activity: Activity, now: datetime, awaiting: int) -> None:
    _still_scheduled(activity, "closed again")
    if now < activity.starts_at:
        raise Refusal("not-started", "an activity can be closed once it has started")
    if awaiting:
        raise Refusal(
            "awaiting-registration",
            f"{awaiting} attendees are not known here yet (their registration has not "
            "arrived from the registry): retry in a moment, or correct their attendance",
            headers={"Retry-After": "1"},
        )
