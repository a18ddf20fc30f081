"""Disclosure control for published tables: pure functions, no I/O.

A table is a mapping from cell keys (one value per dimension, `ALL` for a margin) to the
number of people in the cell. Margins are sums of their cells, so the published figures
obey linear constraints: for every dimension and every line through a margin cell, the
cells of the line add up to it. A reader who knows the unsuppressed cells can solve
those equations; a suppressed cell is safe only if the equations leave it undetermined.

Primary suppression hides every cell with 0 < people < threshold. Secondary suppression
then hides the fewest, smallest further cells until no suppressed cell is determined by
the published ones (checked exactly, by Gaussian elimination over the rationals).
"""

from collections.abc import Mapping, Sequence
from fractions import Fraction

ALL = "all"
Key = tuple[str, ...]
Constraint = dict[Key, int]


def constraints(keys: Sequence[Key]) -> list[Constraint]:
    """The additive equations linking a table's cells and its margins (sum - margin = 0)."""
    present = set(keys)
    equations: list[Constraint] = []
    for margin in keys:
        for d, coordinate in enumerate(margin):
            if coordinate != ALL:
                continue
            members = [
                k
                for k in present
                if k[d] != ALL and all(k[o] == margin[o] for o in range(len(k)) if o != d)
            ]
            if members:
                equations.append({margin: -1, **dict.fromkeys(members, 1)})
    return equations


def determined(equations: Sequence[Constraint], hidden: set[Key]) -> set[Key]:
    """The hidden cells whose value follows from the published cells and the equations."""
    if not hidden:
        return set()
    columns = sorted(hidden)
    index = {k: i for i, k in enumerate(columns)}
    rows = []
    for equation in equations:
        row = [Fraction(0)] * len(columns)
        for key, coefficient in equation.items():
            if key in index:
                row[index[key]] = Fraction(coefficient)
        if any(row):
            rows.append(row)
    pivots: dict[int, int] = {}  # column -> row in reduced echelon form
    r = 0
    for c in range(len(columns)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][c]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots[c] = r
        r += 1
    free = [c for c in range(len(columns)) if c not in pivots]
    return {columns[c] for c, row in pivots.items() if all(rows[row][f] == 0 for f in free)}


def suppress(people: Mapping[Key, int], threshold: int = 5) -> set[Key]:
    """The cells to hide so that no cell under the threshold can be published or derived."""
    keys = list(people)
    equations = constraints(keys)
    hidden = {k for k, n in people.items() if 0 < n < threshold}
    while True:
        exposed = determined(equations, hidden)
        if not exposed:
            return hidden
        target = min(exposed)
        related = {k for e in equations if target in e for k in e}
        candidates = sorted(
            (k for k in keys if k not in hidden),
            key=lambda k: (k not in related, people[k] == 0, k.count(ALL), people[k], k),
        )
        chosen = next(
            (c for c in candidates if target not in determined(equations, hidden | {c})),
            candidates[0],
        )
        hidden.add(chosen)
