"""The matcher: many newcomers assigned to coaches at once, as one optimal assignment.

`propose(coaches, newcomers, accepted=..., pending=..., now=...)` returns a `Proposal` per
newcomer it can place (coach, score, reasons in words; best pair first) and an
`Unmatched` with reasons for every other one. It is pure: no database, no clock, no bus.

Hard rules (a pair breaking one is never proposed):

- coach and newcomer share at least one language;
- their weekly availabilities overlap by at least `min_overlap` (1 h) in *every* UTC week
  of the horizon (`weeks`, 8 from the week of `now`), so a pair that works in February
  still works after the clocks change in March (see `availability`);
- a pair a coordinator declined (`declined`) is not proposed again;
- a coach never has more newcomers than their capacity: `capacity - load` free places,
  where `load` counts the coach's ongoing matches (the accepted pairs below included; if
  more accepted pairs name the coach than `load` says, the pairs count).

Fit score of a proposal, 0-100 points, the sum of:

| term        | weight | value                                                                  |
|-------------|--------|------------------------------------------------------------------------|
| topics      | 40     | share of the newcomer's needs among the coach's topics (no needs: all) |
| overlap     | 25     | hours of overlap in the worst week, capped at 6 h, over 6 h            |
| languages   | 15     | 10 for one shared language, 15 for two or more                         |
| waiting     | 10     | whole days since the newcomer asked, capped at 60, over 60             |
| load        | 10     | free share of the coach's places when this newcomer takes one: the     |
|             |        | k-th place of capacity c (places taken before counted) scores          |
|             |        | 10 * (c - k + 1) / c; of a coach's new newcomers the best pair gets    |
|             |        | the best place                                                         |

The matcher maximises the total fit (hundredths of points, as integers) with OR-Tools'
min-cost flow: source -> newcomer (1) -> coach (one arc per feasible pair) -> one arc per
free place, with the load term as its cost (worsening place by place, so the flow fills
them in order and the term is exact) -> sink; a bypass
newcomer -> sink at cost 0 lets a newcomer stay unmatched. Chosen by measurement on the
benchmark (1.27 million feasible pairs, `bench/RESULTS.md`): the flow solves in 0.3-0.5 s,
SciPy's `min_weight_full_bipartite_matching` in 2.6-3.1 s, as it needs an edge per pair
*and* free place (places as columns) to express capacities and the load term.

Re-runs: a newcomer in an accepted pair is never proposed again and its pair keeps its
place. A pending pair (proposed earlier, not yet answered) that still meets the rules
gets `STICKINESS` (5 points) in the optimisation only (not in its score): another
assignment replaces it only when it raises the total fit by more than 5 points per
pending pair it breaks. Re-running with the previous proposals as pending gives them back.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import numpy.typing as npt
from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

from milagro_coaching.availability import (
    QUARTER,
    QUARTERS_PER_WEEK,
    Availability,
    local_masks,
    local_to_utc,
    utc_masks,
    weeks_from,
)

Id = Hashable
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float32]  # counts, exact: far below 2**24

WEEKS = 8
MIN_OVERLAP = timedelta(hours=1)
TOPICS, OVERLAP, LANGUAGES, WAITING, LOAD = 40, 25, 15, 10, 10
ONE_LANGUAGE = 10  # of the 15 for languages
OVERLAP_CAP = timedelta(hours=6)
WAITING_CAP_DAYS = 60
STICKINESS = 5
_UNIT = 100  # the solver works in hundredths of a point


@dataclass(frozen=True)
class Coach:
    """A certified coach; `load` is the number of newcomers they coach now."""

    id: Id
    languages: frozenset[str]
    topics: frozenset[str]
    availability: Availability
    capacity: int
    load: int = 0

    @property
    def zone(self) -> str:
        return self.availability.zone


@dataclass(frozen=True)
class Newcomer:
    """A newcomer asking for a coach since `waiting_since` (time-zone aware)."""

    id: Id
    languages: frozenset[str]
    needs: frozenset[str]
    availability: Availability
    waiting_since: datetime

    @property
    def zone(self) -> str:
        return self.availability.zone


@dataclass(frozen=True)
class Pair:
    """A match made earlier: accepted, or proposed and pending."""

    newcomer_id: Id
    coach_id: Id


@dataclass(frozen=True)
class Proposal:
    """A newcomer proposed to a coach, with the fit score and why."""

    newcomer_id: Id
    coach_id: Id
    score: float
    reasons: tuple[str, ...]
    kept: bool  # it was pending and is proposed again

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class Unmatched:
    """A newcomer left without a coach, and why."""

    newcomer_id: Id
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Proposals:
    proposals: list[Proposal]
    unmatched: list[Unmatched]

    @property
    def total(self) -> float:
        """The total fit, the figure the matcher maximises."""
        return round(sum(p.score for p in self.proposals), 2)


@dataclass(frozen=True)
class Fit:
    """Every pair that meets the hard rules, with its fit; the input of any assignment.

    Pair k is `newcomers[newcomer[k]]` with `coaches[coach[k]]`; `points[k]` is its fit
    without the load term, in hundredths; `seats[c]` the load term of each free place of
    coach c, in the order they fill.
    """

    coaches: Sequence[Coach]
    newcomers: Sequence[Newcomer]
    newcomer: Ints
    coach: Ints
    points: Ints
    pending: npt.NDArray[np.bool_]
    seats: list[list[int]]
    shared: Floats  # newcomers x coaches: languages in common
    overlap: Floats  # newcomers x coaches: quarters of overlap in the worst week
    declined: npt.NDArray[np.bool_]  # newcomers x coaches: pairs a coordinator declined
    min_quarters: int
    now: datetime

    def assignment_total(self, chosen: Iterable[int]) -> int:
        """The total fit, in hundredths, of the pairs `chosen` (indices into the arrays)."""
        taken = np.zeros(len(self.coaches), dtype=np.int64)
        total = 0
        for k in chosen:
            c = int(self.coach[k])
            total += int(self.points[k]) + self.seats[c][taken[c]]
            taken[c] += 1
        return total


def fit(
    coaches: Sequence[Coach],
    newcomers: Sequence[Newcomer],
    *,
    accepted: Iterable[Pair] = (),
    pending: Iterable[Pair] = (),
    declined: Iterable[Pair] = (),
    now: datetime,
    weeks: int = WEEKS,
    min_overlap: timedelta = MIN_OVERLAP,
) -> Fit:
    """The pairs that meet the hard rules and their fit (newcomers in accepted pairs out)."""
    _unique("coach", [c.id for c in coaches])
    _unique("newcomer", [n.id for n in newcomers])
    accepted = list(accepted)
    done = {p.newcomer_id for p in accepted}
    newcomers = [n for n in newcomers if n.id not in done]
    held = {c.id: 0 for c in coaches}
    for p in accepted:
        if p.coach_id in held:
            held[p.coach_id] += 1
    seats = [_seats(c.capacity, max(c.load, held[c.id])) for c in coaches]

    shared = _incidence([n.languages for n in newcomers], [c.languages for c in coaches])
    covered = _incidence([n.needs for n in newcomers], [c.topics for c in coaches])
    overlap = _worst_overlap(newcomers, coaches, weeks_from(now, weeks))
    min_quarters = -(-min_overlap // QUARTER)
    ok = (shared > 0) & (overlap >= min_quarters)
    ok[:, [not s for s in seats]] = False
    row = {n.id: i for i, n in enumerate(newcomers)}
    col = {c.id: j for j, c in enumerate(coaches)}
    refused = np.zeros(ok.shape, dtype=np.bool_)
    for p in declined:
        if p.newcomer_id in row and p.coach_id in col:
            refused[row[p.newcomer_id], col[p.coach_id]] = True
    ok &= ~refused
    n_idx, c_idx = np.nonzero(ok)

    needs = np.array([len(n.needs) for n in newcomers], dtype=np.int64)[n_idx]
    topic = np.where(needs > 0, covered[n_idx, c_idx] / np.maximum(needs, 1), 1.0)
    hours = np.minimum(overlap[n_idx, c_idx], OVERLAP_CAP // QUARTER) / (OVERLAP_CAP // QUARTER)
    languages = np.where(shared[n_idx, c_idx] >= 2, LANGUAGES, ONE_LANGUAGE)
    days = np.array([_waiting_days(n, now) for n in newcomers], dtype=np.int64)[n_idx]
    waiting = np.minimum(days, WAITING_CAP_DAYS) / WAITING_CAP_DAYS
    points = np.rint(
        _UNIT * (TOPICS * topic + OVERLAP * hours + languages + WAITING * waiting)
    ).astype(np.int64)

    asked = np.zeros(ok.shape, dtype=np.bool_)
    for p in pending:
        if p.newcomer_id in row and p.coach_id in col:
            asked[row[p.newcomer_id], col[p.coach_id]] = True
    return Fit(
        coaches,
        newcomers,
        n_idx.astype(np.int64),
        c_idx.astype(np.int64),
        points,
        asked[n_idx, c_idx],
        seats,
        shared,
        overlap,
        refused,
        min_quarters,
        now,
    )


def propose(
    coaches: Sequence[Coach],
    newcomers: Sequence[Newcomer],
    *,
    accepted: Iterable[Pair] = (),
    pending: Iterable[Pair] = (),
    declined: Iterable[Pair] = (),
    now: datetime,
    weeks: int = WEEKS,
    min_overlap: timedelta = MIN_OVERLAP,
) -> Proposals:
    """The best overall assignment of `newcomers` to `coaches` (see the module's doc)."""
    f = fit(
        coaches,
        newcomers,
        accepted=accepted,
        pending=pending,
        declined=declined,
        now=now,
        weeks=weeks,
        min_overlap=min_overlap,
    )
    return explain(f, solve(f))


def solve(f: Fit) -> Ints:
    """The pairs (indices into `f`'s arrays) of a maximum-fit assignment."""
    pairs = len(f.points)
    if not pairs:
        return np.zeros(0, dtype=np.int64)
    n_count, c_count = len(f.newcomers), len(f.coaches)
    # Nodes: newcomers 0..n-1, coaches n..n+c-1, source, sink.
    source, sink = n_count + c_count, n_count + c_count + 1
    seat_coach = np.repeat(np.arange(c_count), [len(s) for s in f.seats])
    seat_cost = -np.fromiter((b for s in f.seats for b in s), dtype=np.int64)
    everyone = np.arange(n_count)
    tails = np.concatenate([np.full(n_count, source), f.newcomer, everyone, n_count + seat_coach])
    heads = np.concatenate(
        [everyone, n_count + f.coach, np.full(n_count, sink), np.full(len(seat_coach), sink)]
    )
    costs = np.concatenate(
        [
            np.zeros(n_count, dtype=np.int64),
            -(f.points + _UNIT * STICKINESS * f.pending),
            np.zeros(n_count, dtype=np.int64),
            seat_cost,
        ]
    )
    flow = SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, np.ones(len(tails), np.int64), costs)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([n_count, -n_count]))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    used = flow.flows(np.arange(n_count, n_count + pairs))
    return np.flatnonzero(used).astype(np.int64)


def explain(f: Fit, chosen: Iterable[int]) -> Proposals:
    """Proposals for the pairs `chosen` and reasons for every newcomer left out."""
    order = sorted(chosen, key=lambda k: -int(f.points[k]))  # better pairs take better seats
    taken = [0] * len(f.coaches)
    proposals: list[Proposal] = []
    matched: set[int] = set()
    for k in order:
        i, c = int(f.newcomer[k]), int(f.coach[k])
        if i in matched:
            raise ValueError(f"newcomer {f.newcomers[i].id!r} chosen twice")
        matched.add(i)
        bonus = f.seats[c][taken[c]]
        taken[c] += 1
        proposals.append(
            Proposal(
                newcomer_id=f.newcomers[i].id,
                coach_id=f.coaches[c].id,
                score=(int(f.points[k]) + bonus) / _UNIT,
                reasons=_reasons(f, i, c, bool(f.pending[k])),
                kept=bool(f.pending[k]),
            )
        )
    left = [i for i in range(len(f.newcomers)) if i not in matched]
    unmatched = [
        Unmatched(f.newcomers[i].id, why)
        for i, why in zip(left, _unmatched_reasons(f, left), strict=True)
    ]
    return Proposals(proposals, unmatched)


LANGUAGE_NAMES = {
    "am": "Amharic",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "bs": "Bosnian",
    "ckb": "Central Kurdish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "ff": "Fula",
    "fr": "French",
    "ha": "Hausa",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "hy": "Armenian",
    "ig": "Igbo",
    "it": "Italian",
    "ka": "Georgian",
    "ku": "Kurdish",
    "ln": "Lingala",
    "mk": "Macedonian",
    "ne": "Nepali",
    "nl": "Dutch",
    "om": "Oromo",
    "pa": "Punjabi",
    "pl": "Polish",
    "prs": "Dari",
    "ps": "Pashto",
    "pt": "Portuguese",
    "ro": "Romanian",
    "rom": "Romani",
    "ru": "Russian",
    "si": "Sinhala",
    "so": "Somali",
    "sq": "Albanian",
    "sr": "Serbian",
    "sw": "Swahili",
    "ta": "Tamil",
    "ti": "Tigrinya",
    "tk": "Turkmen",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "wo": "Wolof",
    "yo": "Yoruba",
    "zh": "Chinese",
}


def language_name(code: str) -> str:
    """English name of an ISO 639 code; the code itself when the table lacks it."""
    return LANGUAGE_NAMES.get(code, code)


def duration_words(quarters: int) -> str:
    """15 quarters -> "3 h 45 min"."""
    hours, minutes = divmod(quarters * 15, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h" + (f" {minutes} min" if minutes else "")


def _reasons(f: Fit, i: int, c: int, kept: bool) -> tuple[str, ...]:
    newcomer, coach = f.newcomers[i], f.coaches[c]
    common = _names(newcomer.languages & coach.languages, language_name)
    reasons = [
        f"shares {_and(common)}",
        f"{duration_words(int(f.overlap[i, c]))} of overlap a week",
    ]
    covered = _names(newcomer.needs & coach.topics, _topic)
    missing = _names(newcomer.needs - coach.topics, _topic)
    if covered:
        reasons.append(f"covers {_and(covered)}")
    if missing:
        reasons.append(f"does not cover {_and(missing)}")
    days = _waiting_days(newcomer, f.now)
    reasons.append(f"waiting {days} day{'' if days == 1 else 's'}")
    free, places = len(f.seats[c]), max(coach.capacity, 0)
    reasons.append(f"the coach has {free} of {places} place{'' if places == 1 else 's'} free")
    if kept:
        reasons.append("proposed before")
    return tuple(reasons)


def _unmatched_reasons(f: Fit, rows: list[int]) -> list[tuple[str, ...]]:
    """Why each newcomer of `rows` has no coach: the first hard rule that stops them."""
    speaks = f.shared[rows] > 0
    rules = speaks & (f.overlap[rows] >= f.min_quarters)
    meets = rules & ~f.declined[rows]
    anyone = np.any(speaks, axis=1)
    has_room = np.array([bool(s) for s in f.seats], dtype=np.bool_)
    fits = np.count_nonzero(meets, axis=1)
    room = np.count_nonzero(meets & has_room, axis=1)
    reasons: list[tuple[str, ...]] = []
    for k, i in enumerate(rows):
        if not anyone[k]:
            names = _names(f.newcomers[i].languages, language_name)
            reasons.append((f"no coach speaks {_or(names)}" if names else "no language given",))
        elif not fits[k] and np.any(rules[k]):
            reasons.append(("the coordinators declined every coach who fits",))
        elif not fits[k]:
            reasons.append(
                (
                    f"no coach with a shared language has {duration_words(f.min_quarters)}"
                    " of overlapping hours a week",
                )
            )
        elif not room[k]:
            reasons.append(("every coach who fits is at capacity",))
        else:
            reasons.append(
                (
                    f"the free places of the {room[k]} coach{'es' if room[k] > 1 else ''}"
                    " who fit went to newcomers with a better overall fit",
                )
            )
    return reasons


def _seats(capacity: int, used: int) -> list[int]:
    return [round(_UNIT * LOAD * (capacity - k) / capacity) for k in range(used, capacity)]


def _waiting_days(newcomer: Newcomer, now: datetime) -> int:
    return max((now - newcomer.waiting_since).days, 0)


def _incidence(rows: Sequence[frozenset[str]], cols: Sequence[frozenset[str]]) -> Floats:
    """Size of each row set's intersection with each column set (a matrix product)."""
    vocabulary = {v: k for k, v in enumerate(sorted(set().union(*rows, *cols)))}
    left = np.zeros((len(rows), len(vocabulary)), dtype=np.float32)
    right = np.zeros((len(cols), len(vocabulary)), dtype=np.float32)
    for matrix, sets in ((left, rows), (right, cols)):
        for k, items in enumerate(sets):
            matrix[k, [vocabulary[v] for v in items]] = 1.0
    return left @ right.T  # small integers, exact in float32


def _worst_overlap(
    newcomers: Sequence[Newcomer], coaches: Sequence[Coach], weeks: list[date]
) -> Floats:
    """Quarters of overlap of each newcomer with each coach in the worst of `weeks`.

    One matrix product per distinct week (weeks in which no zone present changes its
    offset are the same week). Consecutive quarters in which exactly the same people are
    available are summed once, with their count as weight: availability comes in blocks,
    so a few hundred columns remain of 672.
    """
    local_n = local_masks([n.availability for n in newcomers])
    local_c = local_masks([c.availability for c in coaches])
    zones_n, zones_c = [n.zone for n in newcomers], [c.zone for c in coaches]
    zones = sorted(set(zones_n) | set(zones_c))
    worst: Floats | None = None
    seen: set[bytes] = set()
    for week in weeks:
        key = b"".join(local_to_utc(z, week).tobytes() for z in zones)
        if key in seen:
            continue
        seen.add(key)
        utc_n, utc_c = _by_zone(local_n, zones_n, week), _by_zone(local_c, zones_c, week)
        changes = np.concatenate([utc_n, utc_c])
        changes = (changes[:, 1:] != changes[:, :-1]).any(axis=0)
        first = np.flatnonzero(np.concatenate([[True], changes]))
        weight = np.diff(np.append(first, QUARTERS_PER_WEEK))
        left = utc_n[:, first].astype(np.float32)
        right = utc_c[:, first].astype(np.float32) * weight.astype(np.float32)
        quarters = left @ right.T
        worst = quarters if worst is None else np.minimum(worst, quarters)
    assert worst is not None  # weeks is never empty
    return worst


def _by_zone(local: npt.NDArray[np.bool_], zones: list[str], week: date) -> npt.NDArray[np.bool_]:
    out = np.empty_like(local)
    rows: dict[str, list[int]] = {}
    for k, zone in enumerate(zones):
        rows.setdefault(zone, []).append(k)
    for zone, idx in rows.items():
        out[idx] = utc_masks(local[idx], zone, week)
    return out


def _unique(kind: str, ids: list[Id]) -> None:
    if len(set(ids)) != len(ids):
        raise ValueError(f"a {kind} id appears twice")


def _topic(topic: str) -> str:
    return topic.replace("_", " ")


def _names(codes: Iterable[str], name: Callable[[str], str]) -> list[str]:
    return sorted(name(c) for c in codes)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
