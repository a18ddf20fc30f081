"""The registry's pure rules, without a database: age bands, consistency, cursors and the
changes that reach the bus."""

import uuid
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from milagro_contracts.event import AgeBand, Gender, Group, MigrantStatus
from milagro_kit.pages import BadCursor, Cursor
from milagro_registry.domain.ages import age, age_band
from milagro_registry.domain.people import (
    PERSONAL_FIELDS,
    Inconsistent,
    changed_fields,
    check_consistent,
    statistical_changes,
    statistical_view,
)

TODAY = date(2026, 6, 15)


def test_age_counts_completed_years():
    assert age(date(2000, 6, 15), TODAY) == 26  # the birthday itself
    assert age(date(2000, 6, 16), TODAY) == 25  # the day before it
    assert age(date(2000, 2, 29), date(2026, 2, 28)) == 25  # a leap-day birthday


@pytest.mark.parametrize(
    ("years", "band"),
    [
        (17, AgeBand.under_18),
        (18, AgeBand.age_18_24),
        (24, AgeBand.age_18_24),
        (25, AgeBand.age_25_34),
        (44, AgeBand.age_35_44),
        (45, AgeBand.age_45_54),
        (64, AgeBand.age_55_64),
        (65, AgeBand.age_65_plus),
        (99, AgeBand.age_65_plus),
    ],
)
def test_age_bands_start_on_the_birthday(years, band):
    assert age_band(date(TODAY.year - years, TODAY.month, TODAY.day), TODAY) is band


def test_no_birth_date_no_band():
    assert age_band(None, TODAY) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_a_band_never_gets_younger(birth):
    bands = list(AgeBand)
    assert bands.index(age_band(birth, TODAY)) <= bands.index(age_band(birth, date(2030, 1, 1)))


@pytest.mark.parametrize(
    "fields",
    [
        {"group": Group.local, "migrant_status": MigrantStatus.refugee},
        {"birth_date": date(1899, 12, 31)},
        {"birth_date": date(2026, 6, 16)},
        {"gender": Gender.female, "gender_self_described": "x"},
    ],
)
def test_contradictions_are_refused(fields):
    with pytest.raises(Inconsistent):
        check_consistent(fields, TODAY)


def test_consistent_fields_pass():
    check_consistent(
        {
            "group": Group.migrant,
            "migrant_status": MigrantStatus.refugee,
            "birth_date": TODAY,
            "gender": Gender.self_described,
            "gender_self_described": "x",
        },
        TODAY,
    )


def test_the_statistical_view_holds_no_personal_field():
    person = {name: "x" for name in PERSONAL_FIELDS} | {
        "birth_date": date(1990, 1, 1),
        "group": Group.migrant,
    }
    view = statistical_view(person, TODAY)
    assert not set(view) & set(PERSONAL_FIELDS)
    assert view["age_band"] is AgeBand.age_35_44 and view["group"] is Group.migrant


def test_statistical_changes_leave_out_personal_ones_and_see_the_band():
    before = {"given_name": "Amina", "birth_date": date(1990, 1, 1), "group": Group.migrant}
    after = before | {"given_name": "Mina", "birth_date": date(2000, 1, 1)}
    assert statistical_changes(before, after, TODAY) == {"age_band": AgeBand.age_25_34}
    moved_within_band = before | {"birth_date": date(1990, 2, 1)}
    assert statistical_changes(before, moved_within_band, TODAY) == {}
    assert changed_fields(before, after) == ["birth_date", "given_name"]


@given(
    st.datetimes(timezones=st.just(UTC)),
    st.uuids(),
    st.one_of(st.none(), st.integers(min_value=0, max_value=10**6)),
)
def test_a_cursor_reads_back_as_written(at, ident, rank):
    cursor = Cursor(at, ident, rank)
    assert Cursor.decode(cursor.encode(), ranked=rank is not None) == cursor


@pytest.mark.parametrize("text", ["", "not a cursor", "W10", "WyJ4IiwgInkiXQ"])
def test_cursors_not_made_by_the_api_are_refused(text):
    with pytest.raises(BadCursor):
        Cursor.decode(text)


def test_a_cursor_of_another_kind_of_list_is_refused():
    plain = Cursor(datetime(2026, 1, 1, tzinfo=UTC), uuid.uuid4()).encode()
    ranked = Cursor(datetime(2026, 1, 1, tzinfo=UTC), uuid.uuid4(), 3).encode()
    with pytest.raises(BadCursor):
        Cursor.decode(plain, ranked=True)
    with pytest.raises(BadCursor):
        Cursor.decode(ranked)
    naive = Cursor(datetime(2026, 1, 1), uuid.uuid4()).encode()  # no time zone
    with pytest.raises(BadCursor):
        Cursor.decode(naive)
