"""Suppression properties on random tables, checked by an independent attacker model."""

import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from milagro_observatory.disclosure import ALL, constraints, suppress


def table(inner: dict[tuple[str, ...], int], dims: int) -> dict[tuple[str, ...], int]:
    """Inner cells plus every margin, as the CUBE query publishes them."""
    out: dict[tuple[str, ...], int] = {}
    for key, n in inner.items():
        for mask in itertools.product([False, True], repeat=dims):
            margin = tuple(ALL if m else k for k, m in zip(key, mask, strict=True))
            out[margin] = out.get(margin, 0) + n
    return out


def rank(rows: list[list[Fraction]]) -> int:
    rows = [r[:] for r in rows]
    r = 0
    for c in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        for i in range(r + 1, len(rows)):
            f = rows[i][c] / rows[r][c]
            rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        r += 1
    return r


def recoverable(cells: dict, hidden: set) -> set:
    """Hidden cells an attacker can solve for: their column is independent of the others."""
    columns = sorted(hidden)
    matrix = [[Fraction(e.get(k, 0)) for k in columns] for e in constraints(list(cells))]
    matrix = [row for row in matrix if any(row)]
    if not matrix:
        return set()
    full = rank(matrix)
    return {
        k
        for i, k in enumerate(columns)
        if rank([row[:i] + row[i + 1 :] for row in matrix] or [[Fraction(0)]]) < full
    }


tables = st.integers(1, 2).flatmap(
    lambda dims: st.tuples(
        st.just(dims),
        st.dictionaries(
            st.tuples(*[st.sampled_from("abcd")] * dims),
            st.integers(1, 12),
            min_size=1,
            max_size=12,
        ),
    )
)


@settings(max_examples=150, deadline=None)
@given(tables, st.integers(2, 6))
def test_no_small_cell_is_published_or_recoverable(spec, threshold):
    dims, inner = spec
    cells = table(inner, dims)
    hidden = suppress(cells, threshold)
    assert {k for k, n in cells.items() if 0 < n < threshold} <= hidden
    assert not recoverable(cells, hidden)


def test_a_single_small_cell_takes_a_partner_with_it():
    cells = table({("a",): 3, ("b",): 20, ("c",): 9}, 1)
    assert suppress(cells, 5) == {("a",), ("c",)}


def test_nothing_is_hidden_when_every_cell_is_large():
    cells = table({("a", "x"): 7, ("b", "y"): 9}, 2)
    assert suppress(cells, 5) == set()
