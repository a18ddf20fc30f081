"""Disclosure control across every table an indicator publishes: pure functions, no I/O.

The threat model and the reasoning are in `disclosure.md` (served at
/dashboard/disclosure); this module is the method.

**The published family.** For one indicator, a *cell* is a period level (a month
`2026-03`, a quarter `2026-Q1`, or `total`, the programme to date) and a set of fixed
dimension values; the API publishes every cell with at most `MAX_BY[grain]` fixed
dimensions, for every value of every dimension (zeros included), whatever order a reader
names them in. A cell's identity does not depend on the table it is shown in, so it has
one value and one status everywhere (`by=partner,gender` and `by=gender,partner` are the
same cells; `(IT-PRATO)` in `by=partner` is the margin of `by=partner,gender`).

**The attacker** holds every published cell and knows how they add up: every cell is the
sum of the *atoms* below it (one month, one value of every base dimension; `country` is a
function of `partner`). A hidden cell is *recovered* when its value is a linear
combination of published values, i.e. its row lies in the span of the published rows.

**The certificate.** A hidden cell S is safe exactly when some change `z` of the atoms
(add one person here, remove one there) moves S but no published cell: then two
populations that agree on everything published disagree on S. `protect` finds such a `z`
for every cell with 0 < people < threshold and hides every cell `z` moves (its *support*).
Each hidden cell is certified by the `z` that hid it, and hiding more cells later never
invalidates a certificate, so the result is safe by construction, for every table of the
family at once; no elimination over the family is needed. The `z` are small: a *move* of
one person between two values of one dimension, a *rectangle* (two moves in opposite
directions) for a two-dimensional cell, and, to keep coarser levels out of it, the same
pattern repeated with the opposite sign in another month (months of one quarter cancel in
the quarter; quarters cancel in the total). Among the candidates, those that leave the
cell room (an attacker who knows counts are not negative can follow `z` only until a cell
it empties is zero: we want the cell free to be empty or to hold `threshold` more) come
first, then the cheapest: the fewest newly hidden cells, the smallest first.

Every `z` except one adds as many people as it removes, so the programme-to-date total
(published live as the headline) is never touched; only when that total itself is under
the threshold does a certificate add a person.
"""

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

ALL = "all"
TOTAL = "total"
PARTNER = "partner"
COUNTRY = "country"

MAX_BY = {"month": 1, "quarter": 1, "total": 2}
"""How many dimensions a table of each period grain may have."""

Fixed = tuple[tuple[str, str], ...]
"""Fixed dimension values of a cell, in the indicator's dimension order."""
CellKey = tuple[str, Fixed]
"""(period level, fixed values): one published cell, whatever table shows it."""
Atom = tuple[str, tuple[str, ...]]
"""(month, a value of every base dimension): the finest unit the attacker reasons about."""
Change = dict[Atom, int]


@lru_cache(maxsize=4096)
def quarter_of(month: str) -> str:
    """`2026-05` -> `2026-Q2`."""
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def grain_of(level: str) -> str:
    if level == TOTAL:
        return "total"
    return "quarter" if "Q" in level else "month"


@dataclass(frozen=True)
class Layout:
    """The published family of one indicator: its dimensions, their values, its months."""

    dims: tuple[str, ...]
    """The disaggregations, in catalogue order (the order of a cell's fixed values)."""
    months: tuple[str, ...]
    """Every month from the first to the last with data, `YYYY-MM`, ascending."""
    domains: Mapping[str, tuple[str, ...]]
    """The values of each base dimension (every dimension but a derived country)."""
    country_of: Mapping[str, str] = field(default_factory=dict)
    """Each partner's country, when the indicator has both."""

    @cached_property
    def derived_country(self) -> bool:
        return COUNTRY in self.dims and PARTNER in self.dims

    @cached_property
    def base(self) -> tuple[str, ...]:
        return tuple(d for d in self.dims if not (d == COUNTRY and self.derived_country))

    @cached_property
    def _reading(self) -> dict[str, tuple[int, Mapping[str, str] | None]]:
        """How to read each dimension off an atom: a position, and a map for the country."""
        country = (self.base.index(PARTNER), self.country_of) if self.derived_country else None
        return {
            d: country if d == COUNTRY and country else (self.base.index(d), None)
            for d in self.dims
        }

    @cached_property
    def _tables(self) -> dict[str, list[tuple[str, ...]]]:
        return {
            grain: [
                combo
                for size in range(most + 1)
                for combo in itertools.combinations(self.dims, size)
            ]
            for grain, most in MAX_BY.items()
        }

    @property
    def quarters(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(quarter_of(m) for m in self.months))

    def values(self, dim: str) -> tuple[str, ...]:
        if dim == COUNTRY and self.derived_country:
            return tuple(sorted({self.country_of[p] for p in self.domains[PARTNER]}))
        return self.domains[dim]

    def tables(self, grain: str) -> list[tuple[str, ...]]:
        """The dimension sets published at a grain (each in catalogue order)."""
        return self._tables[grain]

    def levels(self) -> list[str]:
        return [*self.months, *self.quarters, TOTAL]

    def cells(self) -> Iterator[CellKey]:
        """Every published cell (structural zeros, a partner in another country, left out)."""
        for level in self.levels():
            for table in self.tables(grain_of(level)):
                for combo in itertools.product(*(self.values(d) for d in table)):
                    fixed = tuple(zip(table, combo, strict=True))
                    if self._consistent(fixed):
                        yield level, fixed

    def _consistent(self, fixed: Fixed) -> bool:
        if not self.derived_country:
            return True
        values = dict(fixed)
        return (
            PARTNER not in values
            or COUNTRY not in values
            or self.country_of[values[PARTNER]] == values[COUNTRY]
        )

    def value(self, atom: Atom, dim: str) -> str:
        position, through = self._reading[dim]
        value = atom[1][position]
        return value if through is None else through[value]

    def support(self, z: Change, levels: Iterable[str] | None = None) -> dict[CellKey, int]:
        """The published cells a change of atoms moves, and by how much."""
        wanted = None if levels is None else set(levels)
        moved: dict[CellKey, int] = {}
        tables = self._tables
        for atom, weight in z.items():
            month = atom[0]
            read = {d: self.value(atom, d) for d in self.dims}
            for level, grain in ((month, "month"), (quarter_of(month), "quarter"), (TOTAL, TOTAL)):
                if wanted is not None and level not in wanted:
                    continue
                for table in tables[grain]:
                    key = (level, tuple((d, read[d]) for d in table))
                    moved[key] = moved.get(key, 0) + weight
        return {k: v for k, v in moved.items() if v}


@dataclass
class _Search:
    """One protection run: the cells hidden so far and what each costs to hide."""

    layout: Layout
    people: Mapping[CellKey, int]
    threshold: int
    hidden: set[CellKey] = field(default_factory=set)
    room: dict[CellKey, tuple[int, int]] = field(default_factory=dict)
    """How far each hidden cell can move, up and down, as far as the published figures tell
    (the widest of the certificates that moved it)."""
    moves: dict[tuple[Any, ...], list[tuple[str, str, str]]] = field(default_factory=dict)
    levels: dict[tuple[str, int], tuple[list[CellKey], int, int, int]] = field(default_factory=dict)
    promise: dict[int, list[str]] = field(default_factory=dict)

    def n(self, cell: CellKey) -> int:
        return self.people.get(cell, 0)

    def cost(self, cells: Iterable[CellKey]) -> int:
        """Information lost by hiding these cells: one per cell plus the people in it."""
        return sum(1 + self.people.get(c, 0) for c in cells if c not in self.hidden)

    def shortfall(self, cell: CellKey, up: int, down: int) -> int:
        """How much a certificate leaves `cell` short of a wide enough interval: a reader
        must not tell it from a cell with `threshold` more people, nor from an empty one."""
        return max(0, self.threshold - up) + max(0, self.n(cell) - down)

    def room_in(self, moved: Mapping[CellKey, int], cell: CellKey) -> tuple[int, int]:
        """How far a certificate can move `cell` while no cell goes below zero: up until a
        cell moving the other way is empty, down until one moving the same way is."""
        sign = moved[cell] > 0
        up = min((self.n(c) for c, v in moved.items() if (v > 0) != sign), default=0)
        down = min((self.n(c) for c, v in moved.items() if (v > 0) == sign), default=0)
        return up, down

    def rank(self, cell: CellKey, moved: Mapping[CellKey, int]) -> tuple[int, int]:
        """Candidates compare by shortfall first, then by cost."""
        return self.shortfall(cell, *self.room_in(moved, cell)), self.cost(moved)

    def settled(self, cell: CellKey) -> bool:
        return cell in self.hidden and not self.shortfall(cell, *self.room.get(cell, (0, 0)))

    def hide(self, moved: Mapping[CellKey, int]) -> None:
        self.hidden.update(moved)
        for cell in moved:
            up, down = self.room_in(moved, cell)
            old_up, old_down = self.room.get(cell, (0, 0))
            self.room[cell] = (max(up, old_up), max(down, old_down))

    # --- atoms ------------------------------------------------------------------------

    def atom(self, month: str, assignment: Mapping[str, str]) -> Atom:
        """An atom with the given base values, the first value of every other dimension."""
        layout = self.layout
        return month, tuple(assignment.get(d, layout.domains[d][0]) for d in layout.base)

    def sides(self, dim: str, value: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
        """Base assignments inside a cell value of `dim`, and outside it."""
        layout = self.layout
        if dim == COUNTRY and layout.derived_country:
            partners = layout.domains[PARTNER]
            inside = [{PARTNER: p} for p in partners if layout.country_of[p] == value]
            outside = [{PARTNER: p} for p in partners if layout.country_of[p] != value]
            return inside, outside
        return [{dim: value}], [{dim: v} for v in layout.domains[dim] if v != value]

    # --- certificates -----------------------------------------------------------------

    def move(self, month: str, into: dict[str, str], out: dict[str, str]) -> Change:
        return _add({self.atom(month, into): 1}, {self.atom(month, out): -1})

    def moved_values(self, into: dict[str, str], out: dict[str, str]) -> list[tuple[str, str, str]]:
        """The dimensions a one-person move changes: (dimension, value before, after)."""
        key = (tuple(into.items()), tuple(out.items()))
        moved = self.moves.get(key)
        if moved is None:
            a, b = self.atom("", into), self.atom("", out)
            layout = self.layout
            moved = [
                (d, layout.value(a, d), layout.value(b, d))
                for d in layout.dims
                if layout.value(a, d) != layout.value(b, d)
            ]
            self.moves[key] = moved
        return moved

    def level_cells(
        self, level: str, moved: list[tuple[str, str, str]]
    ) -> tuple[list[CellKey], int, int, int]:
        """The cells a move changes at a month or quarter; the fewest people among those
        with its `before` values, and among those with its `after` values; and the people
        in them all (cached: none of it depends on what is hidden)."""
        key = (level, id(moved))
        if key not in self.levels:
            before: list[CellKey] = [(level, ((d, b),)) for d, b, _ in moved]
            after: list[CellKey] = [(level, ((d, a),)) for d, _, a in moved]
            people = self.people
            self.levels[key] = (
                before + after,
                min(people.get(c, 0) for c in before),
                min(people.get(c, 0) for c in after),
                sum(people.get(c, 0) for c in before + after),
            )
        return self.levels[key]

    def promising(self, moved: list[tuple[str, str, str]]) -> list[str]:
        """Months where the opposite of a move has most room (the cells it empties hold
        the most people, up to the threshold), then the fewest people to hide (cached)."""
        key = id(moved)
        if key not in self.promise:
            ranked = []
            for m in self.layout.months:
                _, fewest_before, _, people = self.level_cells(m, moved)
                ranked.append((max(0, self.threshold - fewest_before), people, m))
            self.promise[key] = [m for *_, m in sorted(ranked)]
        return self.promise[key]

    def level_cost(self, level: str, moved: list[tuple[str, str, str]]) -> int:
        """What hiding the cells a move changes at a month or quarter costs."""
        return self.cost(self.level_cells(level, moved)[0])

    def certificate(self, cell: CellKey) -> Change:
        level, fixed = cell
        # a dimension with one value fixes nothing: the cell is the coarser one without it
        fixed = tuple((d, v) for d, v in fixed if len(self.layout.values(d)) > 1)
        dims = {d for d, _ in fixed}
        if not fixed:
            return self.grand_certificate(cell)
        if len(fixed) == 2 and dims != {PARTNER, COUNTRY}:
            return self.rectangle(cell, fixed)
        # one dimension (a partner and its own country are one dimension too)
        dim, value = next((d, v) for d, v in fixed if d != COUNTRY or len(fixed) == 1)
        inside, outside = self.sides(dim, value)
        if grain_of(level) == "total":
            return self.total_move(cell, dim, inside, outside)
        return self.period_move(cell, dim, inside, outside)

    def rectangle(self, cell: CellKey, fixed: Fixed) -> Change:
        """Two opposite moves: the margins stay, only the cells of the plane change."""
        (d1, v1), (d2, v2) = fixed
        in1, out1 = self.sides(d1, v1)
        in2, out2 = self.sides(d2, v2)
        month = self.layout.months[0]  # month and quarter tables have one dimension
        best: tuple[tuple[int, int], tuple[dict[str, str], ...]] | None = None
        for a, b, x, y in itertools.product(in1, out1, in2, out2):
            # the plane's cells: a first-side pair of values with a second-side one, gaining
            # a person on the diagonal (a, x), (b, y) and losing one off it
            plus: list[CellKey] = []
            minus: list[CellKey] = []
            for (e1, a1, b1), (e2, x2, y2) in itertools.product(
                self.moved_values(a, b), self.moved_values(x, y)
            ):
                plus += [(TOTAL, self.canon([(e1, a1), (e2, x2)]))]
                plus += [(TOTAL, self.canon([(e1, b1), (e2, y2)]))]
                minus += [(TOTAL, self.canon([(e1, a1), (e2, y2)]))]
                minus += [(TOTAL, self.canon([(e1, b1), (e2, x2)]))]
            if cell not in plus:
                continue  # a value pair that does not reach the cell (a partner's country)
            key = self.side_key(cell, plus, minus)
            if best is None or key < best[0]:
                best = (key, (a, b, x, y))
        assert best is not None, "a two-dimensional cell has values on both sides"
        a, b, x, y = best[1]
        z: Change = {}
        for first, second, sign in ((a, x, 1), (a, y, -1), (b, x, -1), (b, y, 1)):
            z = _add(z, {self.atom(month, first | second): sign})
        return z

    def period_move(
        self,
        cell: CellKey,
        dim: str,
        inside: list[dict[str, str]],
        outside: list[dict[str, str]],
    ) -> Change:
        """A move inside the cell's period and the opposite move in another month, so that
        coarser levels stay: the same quarter for a month (the quarter then stays too),
        another quarter for a quarter (the total stays)."""
        level = cell[0]
        months = self.layout.months
        if grain_of(level) == "month":
            own, away = [level], [m for m in months if m != level]
        else:
            own = [m for m in months if quarter_of(m) == level]
            away = [m for m in months if quarter_of(m) != level]
        need, has = self.threshold, self.n(cell)
        best: tuple[tuple[int, int], tuple[str, str, dict[str, str], dict[str, str]]] | None
        best = None
        for into, out in itertools.product(inside, outside):
            moved = self.moved_values(into, out)
            # the months on the other side: all of the same quarter (cheapest: the quarter
            # stays), and the few most promising of the others (most room, fewest people)
            same = quarter_of(own[0])
            promising = [m for m in self.promising(moved) if quarter_of(m) != same][:6]
            candidates = [m for m in away if quarter_of(m) == same] + promising
            # per level: what hiding costs, and the fewest people among the cells that lose
            # people when the move goes one way (`before` values) or the other (`after`);
            # `here` moves a person in (its `before` cells gain), `there` moves one out; in
            # one quarter the quarter cells cancel, else both quarters' cells move too
            stats = {}
            for lv in {*own, *candidates, *map(quarter_of, [*own, *candidates])}:
                cells, fewest_before, fewest_after, _ = self.level_cells(lv, moved)
                stats[lv] = (self.cost(cells), fewest_before, fewest_after)
            for here in own:
                here_cost, here_before, here_after = stats[here]
                here_q = quarter_of(here)
                hq_cost, hq_before, hq_after = stats[here_q]
                for there in candidates:
                    there_cost, there_before, there_after = stats[there]
                    price = here_cost + there_cost
                    up, down = min(here_after, there_before), min(here_before, there_after)
                    there_q = quarter_of(there)
                    if there_q != here_q:
                        tq_cost, tq_before, tq_after = stats[there_q]
                        price += hq_cost + tq_cost
                        up = min(up, hq_after, tq_before)
                        down = min(down, hq_before, tq_after)
                    key = (max(0, need - up) + max(0, has - down), price)
                    if best is None or key < best[0]:
                        best = (key, (here, there, into, out))
            if best is not None and best[0] == (0, 0):
                break  # nothing new to hide, room enough: cannot be beaten
        if best is not None:
            here, there, into, out = best[1]
            return _add(self.move(here, into, out), _scale(self.move(there, into, out), -1))
        # one month of data, or one quarter: the move cannot be balanced below the total
        return self.total_move(cell, dim, inside, outside)

    def readings(self, dim: str, value: str) -> list[tuple[str, str]]:
        """The published (dimension, value) pairs a base value sets: itself, and for a
        partner its country."""
        pairs = [(dim, value)]
        if dim == PARTNER and self.layout.derived_country:
            pairs.append((COUNTRY, self.layout.country_of[value]))
        return pairs

    def canon(self, pairs: Iterable[tuple[str, str]]) -> Fixed:
        order = self.layout.dims.index
        return tuple(sorted(pairs, key=lambda pair: order(pair[0])))

    def side_key(
        self, cell: CellKey, plus: Sequence[CellKey], minus: Sequence[CellKey]
    ) -> tuple[int, int]:
        """(shortfall, cost) of the cells a choice adds to a certificate: `plus` gain a
        person with the cell, `minus` lose one."""
        people = self.people
        up = min((people.get(c, 0) for c in minus), default=self.threshold)
        down = min((people.get(c, 0) for c in plus), default=self.n(cell))
        short = max(0, self.threshold - up) + max(0, self.n(cell) - down)
        return short, self.cost(itertools.chain(plus, minus))

    def total_move(
        self,
        cell: CellKey,
        dim: str,
        inside: list[dict[str, str]],
        outside: list[dict[str, str]],
    ) -> Change:
        """One person moved out of a value of `dim`: their month, its quarter and the total
        change, and the two-dimensional margins along the person's other values (chosen,
        one dimension at a time: each dimension's value decides only its own cells)."""
        layout = self.layout
        best: tuple[tuple[int, int], Change] | None = None
        for into, out in itertools.product(inside, outside):
            moved = self.moved_values(into, out)
            month = min(
                layout.months,
                key=lambda m: self.level_cost(m, moved) + self.level_cost(quarter_of(m), moved),
            )
            rest: dict[str, str] = {}
            for free in (d for d in layout.base if d not in into):
                options = []
                for value in layout.domains[free]:
                    pairs = self.readings(free, value)
                    plus = [(TOTAL, self.canon([(d, b), r])) for d, b, _ in moved for r in pairs]
                    minus = [(TOTAL, self.canon([(d, a), r])) for d, _, a in moved for r in pairs]
                    options.append((self.side_key(cell, plus, minus), value))
                rest[free] = min(options)[1]
            z = self.move(month, rest | into, rest | out)
            support = layout.support(z)
            if cell not in support:
                continue  # a partner and its own country: moving within the country
            price = self.rank(cell, support)
            if best is None or price < best[0]:
                best = (price, z)
        assert best is not None, "a value of a dimension always has another beside it"
        return best[1]

    def grand_certificate(self, cell: CellKey) -> Change:
        """A period's total under the threshold: one person moved to another month (of the
        same quarter if there is one, so the quarter stays; else the total still does)."""
        layout = self.layout
        level = cell[0]
        if level == TOTAL:
            return self.one_more(cell)
        months = layout.months
        own = [m for m in months if m == level or quarter_of(m) == level]
        same = [m for m in months if m not in own and quarter_of(m) == quarter_of(own[0])]
        others = sorted(
            (max(0, self.threshold - self.n((m, ()))), self.n((m, ())), m)
            for m in months
            if quarter_of(m) != quarter_of(own[0])
        )
        best: tuple[tuple[int, int], Change] | None = None
        for here, there in itertools.product(own, same + [m for *_, m in others[:6]]):
            # at months and quarters tables have one dimension: each dimension's value
            # decides only its own cells, so each is chosen on its own
            ins, outs = [here], [there]
            if quarter_of(here) != quarter_of(there):
                ins, outs = [here, quarter_of(here)], [there, quarter_of(there)]
            assignment: dict[str, str] = {}
            for dim in layout.base:
                options = []
                for value in layout.domains[dim]:
                    pairs = self.readings(dim, value)
                    plus = [(lv, (r,)) for lv in ins for r in pairs]
                    minus = [(lv, (r,)) for lv in outs for r in pairs]
                    options.append((self.side_key(cell, plus, minus), value))
                assignment[dim] = min(options)[1]
            z = self._grand(here, there, assignment)
            price = self.rank(cell, layout.support(z))
            if best is None or price < best[0]:
                best = (price, z)
        if best is None:
            return self.one_more((TOTAL, ()))  # one month of data: its total is the total
        return best[1]

    def one_more(self, cell: CellKey) -> Change:
        """The programme total itself under the threshold: one person more, somewhere."""
        layout = self.layout
        best: tuple[tuple[int, int], Change] | None = None
        for month in layout.months:
            assignment: dict[str, str] = {}
            for dim in layout.base:
                options = []
                for value in layout.domains[dim]:
                    z = self._grand(month, None, assignment | {dim: value})
                    options.append((self.cost(layout.support(z)), value))
                assignment[dim] = min(options)[1]
            z = self._grand(month, None, assignment)
            price = self.rank(cell, layout.support(z))
            if best is None or price < best[0]:
                best = (price, z)
        assert best is not None, "an indicator with people has a month"
        return best[1]

    def _grand(self, here: str, there: str | None, assignment: dict[str, str]) -> Change:
        z = {self.atom(here, assignment): 1}
        return z if there is None else _add(z, {self.atom(there, assignment): -1})


def _add(a: Change, b: Change) -> Change:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return {k: v for k, v in out.items() if v}


def _scale(z: Change, factor: int) -> Change:
    return {k: v * factor for k, v in z.items()}


def _order(cell: CellKey) -> tuple[int, int, str, Fixed]:
    """Coarse before fine: the total's certificates hide month cells others can reuse."""
    level, fixed = cell
    return ({"total": 0, "quarter": 1, "month": 2}[grain_of(level)], len(fixed), level, fixed)


def protect(layout: Layout, people: Mapping[CellKey, int], threshold: int) -> set[CellKey]:
    """The cells to hide so that no cell with 0 < people < threshold is published or
    can be worked out from the published ones (see the module docstring)."""
    search = _Search(layout, people, threshold)
    small = sorted((c for c, n in people.items() if 0 < n < threshold), key=_order)
    for cell in small:
        if search.settled(cell):
            continue  # hidden by an earlier certificate that also leaves it room enough
        moved = layout.support(search.certificate(cell))
        assert cell in moved, f"the certificate of {cell} must move it"
        search.hide(moved)
    return search.hidden
