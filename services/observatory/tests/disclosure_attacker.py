"""An attacker who holds every published cell and knows how cells add up.

Written apart from the observatory's disclosure code: it sees only published cells
(period level, fixed dimension values, value or hidden) and the public partner → country
hierarchy, and solves the linear system exactly (modulo a large prime, which can only
make it find more than an attacker over the rationals would).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

PRIME = (1 << 61) - 1

Cell = tuple[str, tuple[tuple[str, str], ...]]


def quarter(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


@dataclass
class Published:
    """What a reader can download: every cell with its value, None where hidden."""

    cells: dict[Cell, int | None]
    country_of: Mapping[str, str]


def _atoms(published: Published) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """Every (month, full assignment) consistent with the values the tables show."""
    months = sorted({lv for lv, _ in published.cells if lv != "total" and "Q" not in lv})
    values: dict[str, set[str]] = {}
    for _, fixed in published.cells:
        for d, v in fixed:
            values.setdefault(d, set()).add(v)
    dims = sorted(values)
    derived = "country" in values and "partner" in values
    base = [d for d in dims if not (d == "country" and derived)]
    out = []
    import itertools

    for month in months:
        for combo in itertools.product(*(sorted(values[d]) for d in base)):
            assignment = dict(zip(base, combo, strict=True))
            if derived:
                assignment["country"] = published.country_of[assignment["partner"]]
            out.append((month, tuple(sorted(assignment.items()))))
    return out


def _row(cell: Cell, atoms: Sequence[tuple[str, tuple[tuple[str, str], ...]]]) -> dict[int, int]:
    level, fixed = cell
    row = {}
    for i, (month, assignment) in enumerate(atoms):
        if level not in (month, quarter(month), "total"):
            continue
        values = dict(assignment)
        if all(values.get(d) == v for d, v in fixed):
            row[i] = 1
    return row


class Span:
    """Rows in reduced form, modulo PRIME; `contains` tells whether a row is a combination."""

    def __init__(self) -> None:
        self.pivots: dict[int, dict[int, int]] = {}

    def reduce(self, row: Mapping[int, int]) -> dict[int, int]:
        r = {k: v % PRIME for k, v in row.items() if v % PRIME}
        while r:
            lead = min(r)
            basis = self.pivots.get(lead)
            if basis is None:
                return r
            factor = r[lead]
            for k, v in basis.items():
                r[k] = (r.get(k, 0) - factor * v) % PRIME
                if not r[k]:
                    del r[k]
        return r

    def add(self, row: Mapping[int, int]) -> None:
        r = self.reduce(row)
        if not r:
            return
        lead = min(r)
        inverse = pow(r[lead], PRIME - 2, PRIME)
        r = {k: v * inverse % PRIME for k, v in r.items()}
        for p, basis in self.pivots.items():  # keep the basis reduced: fewer steps later
            if lead in basis:
                f = basis[lead]
                for k, v in r.items():
                    basis[k] = (basis.get(k, 0) - f * v) % PRIME
                self.pivots[p] = {k: v for k, v in basis.items() if v}
        self.pivots[lead] = r

    def contains(self, row: Mapping[int, int]) -> bool:
        return not self.reduce(row)


def recovered(
    published: Published, sensitive: Iterable[Cell], extra: Iterable[Cell] = ()
) -> set[Cell]:
    """The sensitive cells whose value follows from the published ones (plus `extra`
    cells the attacker knows from elsewhere, such as the live headline)."""
    atoms = _atoms(published)
    span = Span()
    for cell, value in published.cells.items():
        if value is not None:
            span.add(_row(cell, atoms))
    for cell in extra:
        span.add(_row(cell, atoms))
    return {cell for cell in sensitive if span.contains(_row(cell, atoms))}


def intervals(
    published: Published, sensitive: Iterable[Cell], extra: Mapping[Cell, int] | None = None
) -> dict[Cell, tuple[float, float]]:
    """The smallest and largest value each sensitive cell can take in any population (of
    non-negative atom counts) that gives every published figure: what an attacker who also
    uses "no cell is negative" can narrow a hidden cell down to."""
    import numpy as np
    from scipy.optimize import linprog

    atoms = _atoms(published)
    known = {c: v for c, v in published.cells.items() if v is not None} | dict(extra or {})
    rows = [_row(c, atoms) for c in known]
    equalities = np.zeros((len(rows), len(atoms)))
    for i, row in enumerate(rows):
        for j in row:
            equalities[i, j] = 1
    values = np.array(list(known.values()), dtype=float)
    out = {}
    for cell in sensitive:
        objective = np.zeros(len(atoms))
        for j in _row(cell, atoms):
            objective[j] = 1
        lowest = linprog(objective, A_eq=equalities, b_eq=values, bounds=(0, None))
        highest = linprog(-objective, A_eq=equalities, b_eq=values, bounds=(0, None))
        assert lowest.status == 0, lowest.message
        out[cell] = (
            lowest.fun,
            float("inf") if highest.status == 3 else -highest.fun,  # 3: unbounded
        )
    return out
