"""Weekly availability in UTC on real dates: the clock changes of 2026.

Europe changes on 2026-03-29 and 2026-10-25, the United States and Canada on 2026-03-08
and 2026-11-01; São Paulo (UTC-3) and Kabul (UTC+4:30) do not change.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from milagro_coaching.availability import (
    Availability,
    Slot,
    overlap,
    overlapping,
    utc_intervals,
    week_of,
    weeks_from,
    within,
    worst_overlap,
)

H = timedelta(hours=1)
MONDAYS = {
    "winter": date(2026, 3, 2),
    "us changed": date(2026, 3, 9),
    "europe changes on sunday": date(2026, 3, 23),
    "summer": date(2026, 3, 30),
    "europe changes back on sunday": date(2026, 10, 19),
    "us still summer": date(2026, 10, 26),
    "winter again": date(2026, 11, 2),
}


def monday(zone: str, start: str, end: str) -> Availability:
    return Availability(zone, (Slot.parse(0, start, end),))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_slot_is_on_quarter_hours_and_ends_after_it_starts() -> None:
    assert Slot.parse(6, "22:00", "24:00").last == 7 * 96
    with pytest.raises(ValueError, match="quarter"):
        Slot.parse(0, "18:10", "19:00")
    with pytest.raises(ValueError, match="before"):
        Slot.parse(0, "19:00", "18:00")
    with pytest.raises(ValueError, match="weekday"):
        Slot.parse(7, "18:00", "19:00")


def test_an_unknown_zone_is_refused() -> None:
    with pytest.raises(Exception, match="Mars"):
        monday("Mars/Olympus_Mons", "18:00", "19:00")


def test_local_slots_become_utc_intervals_by_the_date() -> None:
    rome = monday("Europe/Rome", "18:00", "20:30")
    assert utc_intervals(rome, MONDAYS["winter"]) == [
        (utc(2026, 3, 2, 17), utc(2026, 3, 2, 19, 30))
    ]
    assert utc_intervals(rome, MONDAYS["summer"]) == [
        (utc(2026, 3, 30, 16), utc(2026, 3, 30, 18, 30))
    ]


def test_rome_and_belgrade_keep_their_overlap_across_the_changes() -> None:
    rome = monday("Europe/Rome", "18:00", "20:30")
    belgrade = monday("Europe/Belgrade", "19:00", "21:00")
    for week in MONDAYS.values():
        assert overlap(rome, belgrade, week) == 1.5 * H, week


def test_rome_and_new_york_shift_by_an_hour_while_only_one_side_has_changed() -> None:
    rome = monday("Europe/Rome", "18:00", "20:30")  # 17:00-19:30 UTC in winter
    new_york = monday("America/New_York", "12:00", "15:00")  # 17:00-20:00 UTC in winter
    got = {name: overlap(rome, new_york, week) for name, week in MONDAYS.items()}
    assert got == {
        "winter": 2.5 * H,
        "us changed": 2 * H,  # New York 16:00-19:00 UTC, Rome still 17:00-19:30
        "europe changes on sunday": 2 * H,  # the Monday is still before the change
        "summer": 2.5 * H,
        "europe changes back on sunday": 2.5 * H,
        "us still summer": 2 * H,
        "winter again": 2.5 * H,
    }
    assert overlapping(rome, new_york, MONDAYS["us changed"]) == [
        (utc(2026, 3, 9, 17), utc(2026, 3, 9, 19))
    ]
    assert worst_overlap(rome, new_york, list(MONDAYS.values())) == 2 * H


def test_sao_paulo_and_kabul_keep_their_offsets_while_rome_changes() -> None:
    rome = monday("Europe/Rome", "18:00", "20:00")  # 17-19 UTC, then 16-18 UTC
    sao_paulo = monday("America/Sao_Paulo", "14:00", "16:00")  # 17-19 UTC all year
    kabul = monday("Asia/Kabul", "21:00", "23:00")  # 16:30-18:30 UTC all year
    assert overlap(rome, sao_paulo, MONDAYS["winter"]) == 2 * H
    assert overlap(rome, sao_paulo, MONDAYS["summer"]) == 1 * H
    assert overlap(rome, kabul, MONDAYS["winter"]) == 1.5 * H
    assert overlap(rome, kabul, MONDAYS["summer"]) == 1.5 * H  # 16:30-18:00
    assert utc_intervals(kabul, MONDAYS["summer"]) == [
        (utc(2026, 3, 30, 16, 30), utc(2026, 3, 30, 18, 30))
    ]


def test_the_night_of_the_change_is_two_hours_short_in_spring_and_long_in_autumn() -> None:
    night = Availability("Europe/Rome", (Slot.parse(6, "01:00", "04:00"),))
    assert utc_intervals(night, MONDAYS["europe changes on sunday"]) == [
        (utc(2026, 3, 29, 0), utc(2026, 3, 29, 2))
    ]
    assert utc_intervals(night, MONDAYS["europe changes back on sunday"]) == [
        (utc(2026, 10, 24, 23), utc(2026, 10, 25, 3))
    ]


def test_a_slot_late_on_sunday_in_the_americas_is_in_the_next_utc_week() -> None:
    toronto = Availability("America/Toronto", (Slot.parse(6, "20:00", "22:00"),))
    # Sunday 1 March 20:00-22:00 EST is Monday 01:00-03:00 UTC; on Sunday 8 March Toronto
    # is on summer time: 00:00-02:00 UTC on Monday 9 March, the week after.
    assert utc_intervals(toronto, MONDAYS["winter"]) == [(utc(2026, 3, 2, 1), utc(2026, 3, 2, 3))]
    assert utc_intervals(toronto, MONDAYS["us changed"]) == [
        (utc(2026, 3, 9, 0), utc(2026, 3, 9, 2))
    ]


def test_within_checks_a_session_against_the_availability_of_its_date() -> None:
    rome = monday("Europe/Rome", "18:00", "20:30")
    assert within(rome, utc(2026, 3, 2, 17), 2 * H)
    assert within(rome, utc(2026, 3, 2, 17, 10), 2 * H)
    assert not within(rome, utc(2026, 3, 2, 17, 40), 2 * H)
    assert not within(rome, utc(2026, 3, 30, 17), 2 * H)  # 19:00-21:00 in summer
    assert within(rome, utc(2026, 3, 30, 16), 2.5 * H)
    assert within(rome, datetime.fromisoformat("2026-03-30T18:00:00+02:00"), H)


def test_within_follows_a_session_over_the_end_of_the_utc_week() -> None:
    late = Availability("UTC", (Slot.parse(6, "23:00", "24:00"), Slot.parse(0, "00:00", "01:00")))
    assert within(late, utc(2026, 3, 8, 23), 2 * H)
    assert not within(late, utc(2026, 3, 8, 23), 2.5 * H)


def test_weeks_start_on_monday_in_utc() -> None:
    assert week_of(utc(2026, 3, 8, 23, 59)) == date(2026, 3, 2)
    assert week_of(datetime.fromisoformat("2026-03-09T00:30:00+02:00")) == date(2026, 3, 2)
    with pytest.raises(ValueError, match="naive"):
        within(monday("UTC", "18:00", "19:00"), datetime(2026, 3, 2, 18), H)
    assert weeks_from(utc(2026, 3, 4), 3) == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
