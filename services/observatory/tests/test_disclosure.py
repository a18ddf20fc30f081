"""Linked-table protection on random populations, checked by an independent attacker."""

import itertools
import random
from collections import Counter

from disclosure_attacker import Published, intervals, quarter, recovered
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milagro_observatory.disclosure import MAX_BY, Layout, protect

COUNTRY_OF = {"IT-SIENA": "IT", "IT-PRATO": "IT", "RS-BELGRADE": "RS", "NL-UTRECHT": "NL"}
DIMS = ("partner", "country", "group", "gender")


def months_between(first: str, last: str) -> list[str]:
    out, (y, m) = [], (int(first[:4]), int(first[5:]))
    while f"{y}-{m:02d}" <= last:
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def ground_truth(
    records: list[dict[str, str]], dims: tuple[str, ...], country_of: dict[str, str] = COUNTRY_OF
):
    """Every published cell's count, computed from the records by brute force."""
    months = months_between(min(r["month"] for r in records), max(r["month"] for r in records))
    values = {d: sorted({r[d] for r in records}) for d in dims}
    counts: Counter = Counter()
    for r in records:
        for level in (r["month"], quarter(r["month"]), "total"):
            grain = "total" if level == "total" else "quarter" if "Q" in level else "month"
            for size in range(MAX_BY[grain] + 1):
                for table in itertools.combinations(dims, size):
                    counts[(level, tuple((d, r[d]) for d in table))] += 1
    levels = [*months, *dict.fromkeys(quarter(m) for m in months), "total"]
    cells = {}
    for level in levels:
        grain = "total" if level == "total" else "quarter" if "Q" in level else "month"
        for size in range(MAX_BY[grain] + 1):
            for table in itertools.combinations(dims, size):
                for combo in itertools.product(*(values[d] for d in table)):
                    fixed = tuple(zip(table, combo, strict=True))
                    pairs = dict(fixed)
                    partner = pairs.get("partner")
                    if partner and "country" in pairs and country_of[partner] != pairs["country"]:
                        continue  # a structural zero: public knowledge, not a cell
                    cells[(level, fixed)] = counts[(level, fixed)]
    layout = Layout(
        dims=dims,
        months=tuple(months),
        domains={d: tuple(values[d]) for d in dims if d != "country"},
        country_of=country_of,
    )
    return layout, cells


def population(seed: int, size: int, months: int) -> list[dict[str, str]]:
    rng = random.Random(seed)
    partners = list(COUNTRY_OF)
    weights = [10, 1, 6, 3]  # one small partner, as IT-PRATO was
    people = []
    for _ in range(size):
        partner = rng.choices(partners, weights)[0]
        month = f"2026-{rng.randint(1, months):02d}"
        people.append(
            {
                "month": month,
                "partner": partner,
                "country": COUNTRY_OF[partner],
                "group": rng.choice(["local", "migrant"]),
                "gender": rng.choice(["female", "male", "male", "non_binary"]),
            }
        )
    return people


def check(records: list[dict[str, str]], threshold: int, dims: tuple[str, ...] = DIMS) -> None:
    layout, cells = ground_truth(records, dims)
    hidden = protect(layout, cells, threshold)
    small = {c for c, n in cells.items() if 0 < n < threshold}
    assert small <= hidden, "every small cell is hidden"
    assert hidden <= set(cells), "only published cells are hidden"
    published = Published({c: None if c in hidden else n for c, n in cells.items()}, COUNTRY_OF)
    headline = [("total", ())] if cells[("total", ())] >= threshold else []
    assert not recovered(published, small, extra=headline), "no small cell can be worked out"


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 10_000), st.integers(3, 60), st.integers(1, 7), st.integers(2, 6))
def test_no_small_cell_is_published_or_derivable_from_all_tables(seed, size, months, threshold):
    check(population(seed, size, months), threshold)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 10_000), st.integers(5, 50), st.integers(1, 3))
def test_not_even_non_negativity_pins_a_small_cell(seed, size, months):
    """An attacker who also knows that no count is negative (a linear programme over the
    populations that give every published figure) still cannot tell any small cell's
    value."""
    layout, cells = ground_truth(population(seed, size, months), DIMS)
    hidden = protect(layout, cells, 5)
    published = Published({c: None if c in hidden else n for c, n in cells.items()}, COUNTRY_OF)
    small = {c for c, n in cells.items() if 0 < n < 5}
    headline = {("total", ()): cells[("total", ())]} if cells[("total", ())] >= 5 else {}
    bounds = intervals(published, small, headline)
    assert all(high - low >= 1 - 1e-6 for low, high in bounds.values())


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(0, 10_000), st.integers(3, 40), st.integers(1, 5))
def test_three_dimensions_without_country(seed, size, months):
    check(population(seed, size, months), 5, dims=("partner", "group", "gender"))


def test_the_small_partner_of_a_country_cannot_be_subtracted_out():
    # The published-figures defect: (IT, male) - (IT-SIENA, male) gave IT-PRATO's 3 men.
    rng = random.Random(3)
    records = []
    for partner, men, women in (("IT-SIENA", 43, 40), ("IT-PRATO", 3, 10), ("NL-UTRECHT", 30, 31)):
        for gender, n in (("male", men), ("female", women)):
            records += [
                {
                    "month": f"2026-0{rng.randint(1, 6)}",
                    "partner": partner,
                    "country": COUNTRY_OF[partner],
                    "group": rng.choice(["local", "migrant"]),
                    "gender": gender,
                }
                for _ in range(n)
            ]
    layout, cells = ground_truth(records, ("partner", "country", "gender"))
    hidden = protect(layout, cells, 5)
    prato_men = ("total", (("partner", "IT-PRATO"), ("gender", "male")))
    assert prato_men in hidden
    it_men = ("total", (("country", "IT"), ("gender", "male")))
    siena_men = ("total", (("partner", "IT-SIENA"), ("gender", "male")))
    assert it_men in hidden or siena_men in hidden
    check(records, 5, ("partner", "country", "gender"))


def test_nothing_is_hidden_when_every_cell_is_large():
    records = [
        {"month": "2026-01", "partner": p, "country": COUNTRY_OF[p], "group": g, "gender": "x"}
        for p in ("IT-SIENA", "NL-UTRECHT")
        for g in ("local", "migrant")
        for _ in range(6)
    ]
    layout, cells = ground_truth(records, DIMS)
    assert protect(layout, cells, 5) == set()


def test_at_the_programmes_scale_no_small_cell_is_published_or_derivable():
    """6 partners, 24 months, four dimensions, 600 people: the shape the CPU budget is set
    for, sparse enough for many small cells (bench/disclosure.py measures the cost)."""
    rng = random.Random(5)
    partners = {f"IT-P{i}": "IT" for i in range(3)} | {"RS-B": "RS", "NL-U": "NL", "NL-A": "NL"}
    records = []
    for i in (rng.randrange(24) for _ in range(600)):
        partner = rng.choice(list(partners))
        records.append(
            {
                "month": f"{2025 + i // 12}-{i % 12 + 1:02d}",
                "partner": partner,
                "country": partners[partner],
                "group": rng.choice(["local", "migrant"]),
                "gender": rng.choice(["female", "male", "non_binary", "undisclosed"]),
            }
        )
    layout, cells = ground_truth(records, DIMS, partners)
    hidden = protect(layout, cells, 5)
    small = {c for c, n in cells.items() if 0 < n < 5}
    assert len(small) > 100 and small <= hidden
    published = Published({c: None if c in hidden else n for c, n in cells.items()}, partners)
    assert not recovered(published, small, extra=[("total", ())])
