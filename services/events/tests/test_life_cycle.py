"""The life-cycle rules of an activity, as a table of cases: what a coordinator may do when."""

from datetime import UTC, datetime, timedelta

import pytest

from milagro_events import life_cycle
from milagro_events.life_cycle import Activity, Refusal, State

T0 = datetime(2026, 5, 4, 17, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def activity(
    state: State = State.scheduled, capacity: int | None = 10, present: int = 0, recorded: int = 0
) -> Activity:
    return Activity(state, T0, T0 + 2 * HOUR, capacity, present, recorded)


def reschedule(a: Activity, starts=T0, ends=T0 + 2 * HOUR, capacity=10) -> None:
    life_cycle.reschedule(a, starts, ends, capacity)


CASES = [
    # (what, the step, the refusal's slug or None when allowed, 409 or 422)
    ("a scheduled activity moves", lambda: reschedule(activity(), starts=T0 + HOUR), None),
    ("a held one does not", lambda: reschedule(activity(State.held)), "activity-held"),
    ("nor a cancelled one", lambda: reschedule(activity(State.cancelled)), "activity-cancelled"),
    (
        "not in time once attendance is recorded",
        lambda: reschedule(activity(recorded=3), starts=T0 + HOUR, ends=T0 + 3 * HOUR),
        "attendance-recorded",
    ),
    (
        "its capacity may grow with attendance recorded",
        lambda: reschedule(activity(present=3, recorded=3), capacity=20),
        None,
    ),
    (
        "but not below who is present",
        lambda: reschedule(activity(present=3, recorded=3), capacity=2),
        "over-capacity",
    ),
    ("it ends after it starts", lambda: reschedule(activity(), ends=T0), "invalid-period"),
    (
        "and lasts at most 60 days",
        lambda: reschedule(activity(), ends=T0 + timedelta(days=61)),
        "invalid-period",
    ),
    ("a scheduled activity is cancelled", lambda: life_cycle.cancel(activity()), None),
    (
        "not with people present",
        lambda: life_cycle.cancel(activity(present=1, recorded=1)),
        "attendance-recorded",
    ),
    (
        "absences do not stop it",
        lambda: life_cycle.cancel(activity(present=0, recorded=4)),
        None,
    ),
    ("a held one is not", lambda: life_cycle.cancel(activity(State.held)), "activity-held"),
    (
        "check-in opens 30 minutes before",
        lambda: life_cycle.record_attendance(activity(), T0 - timedelta(minutes=30)),
        None,
    ),
    (
        "not earlier",
        lambda: life_cycle.record_attendance(activity(), T0 - timedelta(minutes=31)),
        "not-started",
    ),
    (
        "attendance after the end is late entry, allowed",
        lambda: life_cycle.record_attendance(activity(), T0 + 30 * HOUR),
        None,
    ),
    (
        "none on a cancelled activity",
        lambda: life_cycle.record_attendance(activity(State.cancelled), T0),
        "activity-cancelled",
    ),
    (
        "none on a closed one",
        lambda: life_cycle.record_attendance(activity(State.held), T0),
        "activity-held",
    ),
    ("capacity reached", lambda: life_cycle.within_capacity(activity(present=9), 10), None),
    (
        "capacity exceeded",
        lambda: life_cycle.within_capacity(activity(present=9), 11),
        "over-capacity",
    ),
    (
        "no capacity, no limit",
        lambda: life_cycle.within_capacity(activity(capacity=None), 10_000),
        None,
    ),
    ("closed once started", lambda: life_cycle.close(activity(), T0, awaiting=0), None),
    ("not before", lambda: life_cycle.close(activity(), T0 - HOUR, awaiting=0), "not-started"),
    (
        "not while attendees await registration",
        lambda: life_cycle.close(activity(), T0, awaiting=2),
        "awaiting-registration",
    ),
    ("not twice", lambda: life_cycle.close(activity(State.held), T0, 0), "activity-held"),
    (
        "not once cancelled",
        lambda: life_cycle.close(activity(State.cancelled), T0, 0),
        "activity-cancelled",
    ),
]


@pytest.mark.parametrize(("step", "refused"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_rules(step, refused):
    if refused is None:
        step()
        return
    with pytest.raises(Refusal) as caught:
        step()
    assert caught.value.slug == refused
    assert caught.value.conflict == (refused != "invalid-period")
    assert caught.value.detail  # a sentence a coordinator can act on
