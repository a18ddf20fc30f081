"""The matcher: optimal, within the hard rules, explained, stable, right about clocks."""

import itertools
import re
from collections import Counter
from datetime import UTC, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milagro_coaching.availability import QUARTER, Availability, Slot, weeks_from, worst_overlap
from milagro_coaching.matching import (
    MIN_OVERLAP,
    STICKINESS,
    WEEKS,
    Coach,
    Newcomer,
    Pair,
    Proposals,
    duration_words,
    fit,
    language_name,
    propose,
)

NOW = datetime(2026, 5, 4, 9, tzinfo=UTC)
# Mostly Europe, so that most random cases have pairs to choose between.
ZONES = (
    ["Europe/Rome"] * 3
    + ["Europe/Belgrade"] * 2
    + ["America/New_York", "Asia/Kabul", "America/Sao_Paulo"]
)
LANGUAGES = ["ar", "en", "it", "ti"]
TOPICS = ["work", "housing", "language_learning", "legal_orientation"]


def evenings(zone: str, *days: int, start: str = "18:00", end: str = "21:00") -> Availability:
    return Availability(zone, tuple(Slot.parse(d, start, end) for d in days))


def coach(
    id: str,
    languages: str,
    topics: str = "work housing",
    capacity: int = 3,
    load: int = 0,
    availability: Availability | None = None,
) -> Coach:
    return Coach(
        id,
        frozenset(languages.split()),
        frozenset(topics.split()),
        availability or evenings("Europe/Rome", 0, 2),
        capacity,
        load,
    )


def newcomer(
    id: str,
    languages: str,
    needs: str = "work",
    days: int = 10,
    availability: Availability | None = None,
) -> Newcomer:
    return Newcomer(
        id,
        frozenset(languages.split()),
        frozenset(needs.split()),
        availability or evenings("Europe/Rome", 0, 2),
        NOW - timedelta(days=days),
    )


# -- random inputs -------------------------------------------------------------------------

slots = st.builds(
    lambda day, start, length: Slot(day, *_span(start, length)),
    st.integers(0, 1),
    st.integers(17 * 4, 19 * 4),
    st.integers(6, 16),
)


def _span(start: int, length: int) -> tuple[time, time]:
    end = start + length
    return time(start // 4, start % 4 * 15), time(end // 4 % 24, end % 4 * 15)  # 24:00 is 0:00


availabilities = st.builds(
    Availability, st.sampled_from(ZONES), st.lists(slots, min_size=1, max_size=3).map(tuple)
)
language_sets = st.frozensets(st.sampled_from(LANGUAGES), min_size=1, max_size=2)
topic_sets = st.frozensets(st.sampled_from(TOPICS), max_size=3)


@st.composite
def cases(draw: st.DrawFn, max_newcomers: int = 6, max_coaches: int = 3) -> tuple:
    coaches = []
    for k in range(draw(st.integers(1, max_coaches))):
        capacity = draw(st.integers(1, 3))
        coaches.append(
            Coach(
                f"c{k}",
                draw(language_sets),
                draw(topic_sets),
                draw(availabilities),
                capacity,
                min(draw(st.sampled_from([0, 0, 1, 3])), capacity),  # full now and then
            )
        )
    newcomers = [
        Newcomer(
            f"n{k}",
            draw(language_sets),
            draw(topic_sets),
            draw(availabilities),
            NOW - timedelta(days=draw(st.integers(0, 90))),
        )
        for k in range(draw(st.integers(2, max_newcomers)))
    ]
    now = draw(
        st.sampled_from([NOW, datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 10, 12, tzinfo=UTC)])
    )
    return coaches, newcomers, now


def pairs_of(result: Proposals) -> set[tuple[object, object]]:
    return {(p.newcomer_id, p.coach_id) for p in result.proposals}


# -- optimality ------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_the_total_fit_is_the_best_of_all_assignments(case: tuple) -> None:
    coaches, newcomers, now = case
    f = fit(coaches, newcomers, now=now)
    options = [
        [None] + [k for k in range(len(f.points)) if f.newcomer[k] == i]
        for i in range(len(f.newcomers))
    ]
    best = 0
    for choice in itertools.product(*options):
        chosen = [k for k in choice if k is not None]
        used = Counter(int(f.coach[k]) for k in chosen)
        if all(used[c] <= len(f.seats[c]) for c in used):
            best = max(best, f.assignment_total(chosen))
    assert round(propose(coaches, newcomers, now=now).total * 100) == best


# -- hard rules, whatever the input ----------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(max_newcomers=12, max_coaches=5), st.data())
def test_hard_rules_are_never_broken(case: tuple, data: st.DataObject) -> None:
    coaches, newcomers, now = case
    every_pair = [Pair(n.id, c.id) for n in newcomers for c in coaches]
    accepted = data.draw(
        st.lists(st.sampled_from(every_pair), max_size=3, unique_by=lambda p: p.newcomer_id)
    )
    pending = data.draw(st.lists(st.sampled_from(every_pair), max_size=5))
    result = propose(coaches, newcomers, accepted=accepted, pending=pending, now=now)

    by_id = {c.id: c for c in coaches}
    people = {n.id: n for n in newcomers}
    done = {p.newcomer_id for p in accepted}
    weeks = weeks_from(now, WEEKS)
    placed = [p.newcomer_id for p in result.proposals]
    assert len(placed) == len(set(placed))
    assert sorted(placed + [u.newcomer_id for u in result.unmatched]) == sorted(
        n.id for n in newcomers if n.id not in done
    )
    for p in result.proposals:
        c, n = by_id[p.coach_id], people[p.newcomer_id]
        assert c.languages & n.languages
        assert worst_overlap(c.availability, n.availability, weeks) >= MIN_OVERLAP
        assert 0 < p.score <= 100
    taken = Counter(p.coach_id for p in result.proposals)
    held = Counter(p.coach_id for p in accepted)
    for c in coaches:
        assert taken[c.id] <= max(c.capacity - max(c.load, held[c.id]), 0)
    for u in result.unmatched:
        assert u.reasons


# -- reasons ---------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(max_newcomers=10, max_coaches=4))
def test_the_reasons_agree_with_the_data(case: tuple) -> None:
    coaches, newcomers, now = case
    by_id = {c.id: c for c in coaches}
    people = {n.id: n for n in newcomers}
    weeks = weeks_from(now, WEEKS)
    for p in propose(coaches, newcomers, now=now).proposals:
        c, n = by_id[p.coach_id], people[p.newcomer_id]
        shares, hours, *rest = p.reasons
        named = set(re.split(r", | and ", shares.removeprefix("shares ")))
        assert named == {language_name(code) for code in c.languages & n.languages}
        quarters = worst_overlap(c.availability, n.availability, weeks) // QUARTER
        assert hours == f"{duration_words(quarters)} of overlap a week"
        covered = {t.replace("_", " ") for t in n.needs & c.topics}
        said = [r for r in rest if r.startswith("covers ")]
        if covered:
            assert set(re.split(r", | and ", said[0].removeprefix("covers "))) == covered
        else:
            assert not said
        days = max((now - n.waiting_since).days, 0)  # asked "after" now: 0 days
        assert f"waiting {days} day{'' if days == 1 else 's'}" in rest


def test_a_proposal_explains_itself_in_words() -> None:
    result = propose(
        [coach("c", "ar it en", topics="housing work")],
        [newcomer("n", "ar it", needs="housing work legal_orientation", days=12)],
        now=NOW,
    )
    (p,) = result.proposals
    assert p.explanation == (
        "shares Arabic and Italian; 6 h of overlap a week; covers housing "
        "and work; does not cover legal orientation; waiting 12 days; the coach has 3 of 3 "
        "places free"
    )
    # topics 2/3 of 40, overlap 6 h = 25, two languages 15, waiting 12/60 of 10, first place 10
    assert p.score == round(40 * 2 / 3 + 25 + 15 + 2 + 10, 2)


def test_each_unmatched_newcomer_has_the_reason() -> None:
    mornings = evenings("Europe/Rome", 0, start="09:00", end="11:00")
    result = propose(
        [
            coach("full", "uk", capacity=2, load=2),
            coach("day", "ar", availability=mornings),
            coach("one", "en", capacity=1),
        ],
        [
            newcomer("tigrinya", "ti so"),
            newcomer("arabic", "ar"),
            newcomer("ukrainian", "uk"),
            newcomer("first", "en", days=30),
            newcomer("second", "en", days=1),
        ],
        now=NOW,
    )
    why = {u.newcomer_id: u.reasons for u in result.unmatched}
    assert why == {
        "tigrinya": ("no coach speaks Somali or Tigrinya",),
        "arabic": ("no coach with a shared language has 1 h of overlapping hours a week",),
        "ukrainian": ("every coach who fits is at capacity",),
        "second": (
            "the free places of the 1 coach who fit went to newcomers with a better overall fit",
        ),
    }
    assert pairs_of(result) == {("first", "one")}


# -- accepted and pending matches -------------------------------------------------------------


def test_accepted_pairs_are_kept_and_take_their_place() -> None:
    coaches = [coach("c", "en", capacity=1)]
    newcomers = [newcomer("a", "en"), newcomer("b", "en", days=50)]
    result = propose(coaches, newcomers, accepted=[Pair("a", "c")], now=NOW)
    assert result.proposals == []
    assert [(u.newcomer_id, u.reasons) for u in result.unmatched] == [
        ("b", ("every coach who fits is at capacity",))
    ]


def test_a_declined_pair_is_not_proposed_again() -> None:
    coaches = [coach("near", "en ar", topics="work"), coach("far", "en", topics="housing")]
    first = propose(coaches, [newcomer("a", "en ar")], now=NOW)
    assert pairs_of(first) == {("a", "near")}
    second = propose(coaches, [newcomer("a", "en ar")], declined=[Pair("a", "near")], now=NOW)
    assert pairs_of(second) == {("a", "far")}
    third = propose(
        coaches,
        [newcomer("a", "en ar")],
        declined=[Pair("a", "near"), Pair("a", "far")],
        now=NOW,
    )
    assert [u.reasons for u in third.unmatched] == [
        ("the coordinators declined every coach who fits",)
    ]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(max_newcomers=10, max_coaches=4))
def test_re_running_with_the_proposals_pending_gives_them_back(case: tuple) -> None:
    coaches, newcomers, now = case
    first = propose(coaches, newcomers, now=now)
    pending = [Pair(p.newcomer_id, p.coach_id) for p in first.proposals]
    again = propose(coaches, newcomers, pending=pending, now=now)
    assert pairs_of(again) == pairs_of(first)
    assert all(p.kept for p in again.proposals)
    assert again.total == first.total


def test_a_pending_pair_gives_way_only_to_a_clearly_better_one() -> None:
    five = evenings("Europe/Rome", 0, 2, start="18:30", end="21:00")  # 5 h a week
    newcomers = [newcomer("n", "en", needs="work housing")]
    slightly = [
        coach("x", "en", topics="work housing", availability=five),
        coach("y", "en", topics="work housing"),
    ]  # 6 h: 25/6 points more
    assert pairs_of(propose(slightly, newcomers, now=NOW)) == {("n", "y")}
    kept = propose(slightly, newcomers, pending=[Pair("n", "x")], now=NOW)
    assert pairs_of(kept) == {("n", "x")} and kept.proposals[0].kept
    assert STICKINESS > 25 / 6  # what keeps x
    clearly = [coach("x", "en", topics="work"), coach("y", "en", topics="work housing")]
    assert pairs_of(propose(clearly, newcomers, pending=[Pair("n", "x")], now=NOW)) == {("n", "y")}


# -- clocks ----------------------------------------------------------------------------------


def test_a_new_york_coach_is_refused_while_the_clocks_disagree() -> None:
    # Monday 12:00-13:00 in New York is 17:00-18:00 UTC in winter, 16:00-17:00 in summer;
    # Rome's 18:00-21:00 is 17:00-20:00 UTC in winter, 16:00-19:00 in summer. From 8 to 29
    # March and from 25 October to 1 November only one side is on summer time: no overlap.
    new_york = coach(
        "ny", "en", availability=evenings("America/New_York", 0, start="12:00", end="13:00")
    )
    rome = [newcomer("n", "en", availability=evenings("Europe/Rome", 0))]
    for now, matched in [
        (datetime(2026, 1, 12, tzinfo=UTC), True),  # 8 weeks to 8 March
        (datetime(2026, 2, 16, tzinfo=UTC), False),
        (datetime(2026, 3, 30, tzinfo=UTC), True),
        (datetime(2026, 10, 5, tzinfo=UTC), False),
    ]:  # 25 Oct - 1 Nov
        assert bool(propose([new_york], rome, now=now).proposals) is matched, now
