"""The fold of a participant's attribute assertions (pure: no servers needed)."""

import random
from datetime import UTC, datetime, timedelta

from milagro_observatory.attributes import DIMENSIONS, Assertion, at, versions

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _days(n: float) -> datetime:
    return T0 + timedelta(days=n)


REGISTERED = Assertion(
    _days(0),
    _days(0),
    True,
    {"group": "local", "migrant_status": None, "gender": "female", "age_band": "18-24"},
)
OLDER = Assertion(_days(10), _days(10), False, {"age_band": "25-34"})
MIGRANT = Assertion(_days(20), _days(20), False, {"group": "migrant", "migrant_status": "refugee"})


def test_the_attributes_of_a_moment_are_those_of_the_last_version_begun():
    history = versions([REGISTERED, OLDER, MIGRANT])
    assert at(history, _days(5)) == dict(REGISTERED.values)
    assert at(history, _days(10))["age_band"] == "25-34"
    assert at(history, _days(15)) == dict(REGISTERED.values) | {"age_band": "25-34"}
    assert at(history, _days(30)) == {
        "group": "migrant",
        "migrant_status": "refugee",
        "gender": "female",
        "age_band": "25-34",
    }


def test_before_the_first_version_the_first_applies_and_nothing_known_is_none():
    assert at(versions([REGISTERED, OLDER]), _days(-3)) == dict(REGISTERED.values)
    assert at([], _days(1)) is None


def test_the_order_assertions_arrive_in_does_not_matter():
    assertions = [REGISTERED, OLDER, MIGRANT]
    expected = versions(assertions)
    rng = random.Random(4)
    for _ in range(20):
        rng.shuffle(assertions)
        assert versions(assertions) == expected


def test_an_update_alone_says_only_what_it_changes():
    (only,) = versions([OLDER])
    assert only.attributes == dict.fromkeys(DIMENSIONS) | {"age_band": "25-34"}


def test_at_one_instant_the_registration_comes_first_then_the_later_envelope():
    same = _days(0)
    update = Assertion(same, _days(0), False, {"gender": "male"})
    correction = Assertion(same, _days(1), False, {"gender": "non_binary"})
    history = versions([correction, update, REGISTERED])
    assert at(history, same)["gender"] == "non_binary"
