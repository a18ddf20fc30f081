"""The coaching matcher on 10,000 newcomers x 500 coaches, against a greedy assignment.

    uv run python bench/matching.py [--newcomers 10000] [--coaches 500] [--runs 3] [--scipy]

A seeded, realistic input: newcomers living in Italy, Serbia and the Netherlands who speak
Arabic, Persian, Pashto, Tigrinya, Somali, Ukrainian, Urdu, ... (often with some English,
French or the local language); coaches mostly in Rome, Belgrade and Amsterdam, some in
Toronto, New York, Nairobi, Kabul, Dubai, London; evening and weekend availability;
capacities 3-8. `now` is 2026-03-02, so the 8-week horizon holds both the American and
the European clock changes (three distinct weeks, the slowest case).

Prints the matcher's time (`propose`, all included: rules, scores, solver, reasons;
median of `--runs`), its total fit and share matched, and the same for a greedy
assignment (best pair first, same rules) of the same input. `--scipy` also times SciPy's
`min_weight_full_bipartite_matching` on the same pairs (places as columns), the
alternative the solver was chosen against.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

import numpy as np

from milagro_coaching.availability import Availability, Slot
from milagro_coaching.matching import Coach, Fit, Newcomer, fit, propose, solve
from milagro_contracts.coaching import Topic

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOPICS = [t.value for t in Topic if t is not Topic.other]
MIGRANT = {
    "ar": 25,
    "fa": 10,
    "prs": 4,
    "ps": 8,
    "ti": 7,
    "so": 5,
    "uk": 14,
    "ur": 7,
    "ru": 4,
    "fr": 6,
    "bn": 4,
    "ku": 4,
    "am": 2,
}
LOCAL = {"Europe/Rome": "it", "Europe/Belgrade": "sr", "Europe/Amsterdam": "nl"}
ABROAD = {
    "America/Toronto": 4,
    "America/New_York": 2,
    "Africa/Nairobi": 3,
    "Asia/Kabul": 2,
    "Asia/Dubai": 2,
    "Europe/London": 3,
}


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def availability(rng: random.Random, zone: str, daytime: bool) -> Availability:
    """Two to four evenings and maybe a weekend block; some people are free in the day."""
    slots = []
    for day in rng.sample(range(5), rng.randint(2, 4)):
        start = rng.choice(["17:00", "17:30", "18:00", "18:30", "19:00", "20:00"])
        length = rng.choice([90, 120, 150, 180])
        if daytime and rng.random() < 0.5:
            start = rng.choice(["09:00", "10:00", "11:00", "14:00"])
        h, m = map(int, start.split(":"))
        end = h * 60 + m + length
        slots.append(Slot.parse(day, start, f"{end // 60:02d}:{end % 60:02d}"))
    if rng.random() < 0.6:
        day = rng.choice([5, 6])
        start = rng.choice(["09:00", "10:00", "14:00", "15:00"])
        slots.append(Slot.parse(day, start, f"{int(start[:2]) + 3:02d}:00"))
    return Availability(zone, tuple(slots))


def newcomers(rng: random.Random, count: int) -> list[Newcomer]:
    out = []
    for k in range(count):
        zone = pick(rng, {"Europe/Rome": 45, "Europe/Belgrade": 25, "Europe/Amsterdam": 30})
        languages = {pick(rng, MIGRANT)}
        if rng.random() < 0.4:
            languages.add("en")
        if rng.random() < 0.15:
            languages.add("fr")
        if rng.random() < 0.3:
            languages.add(LOCAL[zone])
        out.append(
            Newcomer(
                id=f"n{k}",
                languages=frozenset(languages),
                needs=frozenset(rng.sample(TOPICS, rng.randint(1, 3))),
                availability=availability(rng, zone, daytime=rng.random() < 0.3),
                waiting_since=NOW - timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 23)),
            )
        )
    return out


def coaches(rng: random.Random, count: int) -> list[Coach]:
    out = []
    for k in range(count):
        abroad = rng.random() < 0.15
        zone = (
            pick(rng, ABROAD)
            if abroad
            else pick(rng, {"Europe/Rome": 40, "Europe/Belgrade": 30, "Europe/Amsterdam": 30})
        )
        languages = set() if abroad else {LOCAL[zone]}
        if rng.random() < 0.7:
            languages.add("en")
        for _ in range(rng.choice([0, 1, 1, 2]) + abroad):
            languages.add(pick(rng, MIGRANT))
        capacity = rng.randint(3, 8)
        out.append(
            Coach(
                id=f"c{k}",
                languages=frozenset(languages),
                topics=frozenset(rng.sample(TOPICS, rng.randint(2, 5))),
                availability=availability(rng, zone, daytime=abroad or rng.random() < 0.3),
                capacity=capacity,
                load=rng.randint(0, capacity // 2),
            )
        )
    return out


def greedy(f: Fit) -> list[int]:
    """Best pair first: each pair in order of its fit (with the coach's best free place)."""
    first_seat = np.array([s[0] if s else 0 for s in f.seats], dtype=np.int64)
    order = np.argsort(-(f.points + first_seat[f.coach]), kind="stable")
    free = [len(s) for s in f.seats]
    placed: set[int] = set()
    chosen = []
    for k in order.tolist():
        i, c = int(f.newcomer[k]), int(f.coach[k])
        if i not in placed and free[c]:
            placed.add(i)
            free[c] -= 1
            chosen.append(k)
    return chosen


def scipy_solve(f: Fit) -> list[int]:
    """The same optimum with SciPy: newcomers (and one dummy per place) x places."""
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    first = np.cumsum([0] + [len(s) for s in f.seats])
    bonus = np.array([b for s in f.seats for b in s], dtype=np.int64)
    per = np.array([len(s) for s in f.seats])[f.coach]
    arc = np.repeat(np.arange(len(f.points)), per)
    seat = np.concatenate([np.arange(first[c], first[c + 1]) for c in f.coach.tolist()])
    places, n = len(bonus), len(f.newcomers)
    big = int(f.points.max() + bonus.max()) + 1  # weights must be positive
    rows = np.concatenate([f.newcomer[arc], n + np.arange(places)])
    cols = np.concatenate([seat, np.arange(places)])
    weights = np.concatenate([big - f.points[arc] - bonus[seat], np.full(places, big)])
    graph = coo_array((weights.astype(np.float64), (rows, cols)), shape=(n + places, places))
    matched_rows, matched_places = min_weight_full_bipartite_matching(graph.tocsr())
    owner = np.repeat(np.arange(len(f.seats)), [len(s) for s in f.seats])
    lookup = {(int(i), int(c)): k for k, (i, c) in enumerate(zip(f.newcomer, f.coach, strict=True))}
    return [
        lookup[(int(i), int(owner[s]))]
        for i, s in zip(matched_rows, matched_places, strict=True)
        if i < n
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--newcomers", type=int, default=10_000)
    parser.add_argument("--coaches", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--scipy", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    people, staff = newcomers(rng, args.newcomers), coaches(rng, args.coaches)
    print(f"load average before: {os.getloadavg()}")

    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        result = propose(staff, people, now=NOW)
        times.append(time.perf_counter() - start)
    f = fit(staff, people, now=NOW)
    start = time.perf_counter()
    solve(f)
    solver = time.perf_counter() - start
    places = sum(len(s) for s in f.seats)
    print(
        f"input: {len(people)} newcomers, {len(staff)} coaches, {places} free places, "
        f"{len(f.points)} pairs meeting the rules"
    )
    print(
        f"matcher: {statistics.median(times):.3f} s median of {args.runs} "
        f"({', '.join(f'{t:.3f}' for t in times)}; min-cost flow alone {solver:.3f} s), "
        f"total fit {result.total:.2f}, matched {len(result.proposals)} "
        f"({len(result.proposals) / len(people):.1%})"
    )

    start = time.perf_counter()
    f = fit(staff, people, now=NOW)
    chosen = greedy(f)
    took = time.perf_counter() - start
    total = f.assignment_total(chosen) / 100
    print(
        f"greedy: {took:.3f} s (rules and scores included), total fit {total:.2f} "
        f"({total / result.total:.2%} of the matcher's), matched {len(chosen)} "
        f"({len(chosen) / len(people):.1%})"
    )

    if args.scipy:
        start = time.perf_counter()
        picked = sorted(scipy_solve(f), key=lambda k: -f.points[k])
        took = time.perf_counter() - start
        print(
            f"scipy min_weight_full_bipartite_matching: {took:.3f} s (solver alone), "
            f"total fit {f.assignment_total(picked) / 100:.2f}"
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
