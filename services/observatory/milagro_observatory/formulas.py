"""The interpreter of catalogue formulas: an indicator's figures, computed from the facts.

`family` computes every cell the indicator publishes (each month, quarter and the total,
by every allowed set of dimensions) in one `GROUPING SETS` query, so margins are exact,
including distinct counts of people that cannot be added up from the cells. `headline`
computes the programme-to-date total alone, and `atoms` the finest cells, by which the
observatory tells how much has changed since the last release.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from itertools import combinations
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    FromClause,
    Numeric,
    Select,
    Text,
    and_,
    cast,
    func,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy import Date as SqlDate
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_observatory.catalogue import COUNTS, Condition, Indicator
from milagro_observatory.disclosure import MAX_BY, TOTAL, CellKey, Fixed
from milagro_observatory.stats import paired_change
from milagro_observatory.store import facts, partners

UNKNOWN = "unknown"


@dataclass
class Figure:
    """One computed cell: its value, the people behind it, its 95% CI where it has one."""

    value: float | None
    n: int
    ci_low: float | None = None
    ci_high: float | None = None


def _columns(alias: Any) -> dict[str, ColumnElement[Any]]:
    return {
        "fact": alias.c.fact,
        "tag": alias.c.tag,
        "item": alias.c.item,
        "activity_kind": alias.c.activity_kind,
        "partner": alias.c.partner,
        "country": func.coalesce(partners.c.country, UNKNOWN),
        "group": alias.c.group,
        "migrant_status": alias.c.migrant_status,
        "gender": alias.c.gender,
        "age_band": alias.c.age_band,
        "side": alias.c.tag,
    }


def _condition(condition: Condition, columns: dict[str, ColumnElement[Any]]) -> ColumnElement[bool]:
    parts = []
    for name, wanted in condition.items():
        values = [wanted] if isinstance(wanted, str) else wanted
        parts.append(columns[name].in_(values))
    return and_(true(), *parts)


def counted(indicator: Indicator, source: FromClause = facts, *, window: bool = True) -> FromClause:
    """The facts an indicator counts, one row each, with its dimensions and measure inputs.

    Dimensions are never null here (`unknown`), so a null in a grouped result always
    means "all" and the grouping is on plain columns (a grouped expression would have to
    be repeated verbatim in the select list). `source` is the facts or some of them (with
    the same columns); `window=False` leaves the rolling window to the caller.
    """
    formula = indicator.formula
    subject = source.alias()  # anonymous: a union of indicators aliases one source often
    columns = _columns(subject)
    where: list[ColumnElement[bool]] = [or_(*(_condition(c, columns) for c in formula.match))]
    if indicator.consent == "research":
        where.append(subject.c.research_consent.is_(True))
    if formula.within_days is not None and window:
        where.append(subject.c.happened > func.now() - timedelta(days=formula.within_days))
    joined = subject.outerjoin(partners, partners.c.code == subject.c.partner)
    measure: ColumnElement[Any] = _exact(subject.c.value)
    if formula.kind == "paired_change":
        pre = source.alias()
        joined = joined.join(
            pre,
            and_(
                pre.c.fact == "assessment",
                pre.c.participant_key == subject.c.participant_key,
                pre.c.item == subject.c.item,
                pre.c.tag == "pre",
            ),
        )
        where.append(subject.c.tag == "post")
        measure = _exact(subject.c.value) - _exact(pre.c.value)
    numerator: ColumnElement[Any] = literal_column("false")
    if formula.numerator is not None:
        numerator = _condition(formula.numerator, columns)
    dims = [func.coalesce(columns[d], UNKNOWN).label(d) for d in indicator.disaggregations]
    return (
        select(
            subject.c.period.label("month"),
            cast(func.date_trunc("quarter", subject.c.period), SqlDate).label("quarter"),
            *dims,
            subject.c.participant_key.label("person"),
            subject.c.item.label("thing"),
            measure.label("measure"),
            numerator.label("numerator"),
            subject.c.happened.label("happened"),
            # what a headline's running tallies are kept by: the person, or the fact itself
            func.coalesce(
                cast(subject.c.participant_key, Text), subject.c.fact + "/" + subject.c.key
            ).label("part"),
        )
        .select_from(joined)
        .where(*where)
        .subquery("counted")
    )


def _measures(indicator: Indicator, rows: FromClause) -> list[ColumnElement[Any]]:
    kind = indicator.formula.kind
    n = func.count(rows.c.person.distinct())
    if kind == "paired_change":
        return [
            _float(func.avg(rows.c.measure)).label("value"),
            n.label("n"),
            _float(func.stddev_samp(rows.c.measure)).label("sd"),
        ]
    if kind == "count":
        value: ColumnElement[Any] = func.count()
    elif kind == "count_distinct_participants":
        value = n
    elif kind == "count_distinct_items":
        value = func.count(rows.c.thing.distinct())
    elif kind == "sum":
        value = _float(func.sum(rows.c.measure)) / indicator.formula.divide_by
    elif kind == "mean":
        value = _float(func.avg(rows.c.measure))
    else:
        value = 100.0 * func.count().filter(rows.c.numerator) / func.nullif(func.count(), 0)
    return [value.label("value"), n.label("n"), literal_column("NULL").label("sd")]


def grouping_sets(dims: Sequence[str]) -> list[tuple[str, ...]]:
    """Every table the family publishes, as the columns it groups by."""
    sets: list[tuple[str, ...]] = []
    for period, grain in (("month", "month"), ("quarter", "quarter"), (None, "total")):
        for size in range(MAX_BY[grain] + 1):
            for combo in combinations(dims, size):
                sets.append(((period,) if period else ()) + combo)
    return sets


def family_query(indicator: Indicator) -> Select[Any]:
    rows = counted(indicator)
    dims = indicator.disaggregations
    keys = ["month", "quarter", *dims]
    sets = ", ".join(
        "(" + ", ".join(f'counted."{c}"' for c in s) + ")" for s in grouping_sets(dims)
    )
    return select(
        *(rows.c[k] for k in keys),
        *(func.grouping(rows.c[k]).label(f"all_{k}") for k in keys),
        *_measures(indicator, rows),
    ).group_by(literal_column(f"GROUPING SETS ({sets})"))


def _level(row: Any) -> str:
    if not row.all_month:
        return f"{row.month.year}-{row.month.month:02d}"
    if not row.all_quarter:
        return f"{row.quarter.year}-Q{(row.quarter.month - 1) // 3 + 1}"
    return TOTAL


def figure_of(indicator: Indicator, row: Any) -> Figure:
    """A cell from its query row: `value`, `n` and (for a paired change) `sd`."""
    raw = row.value
    whole = indicator.formula.kind in COUNTS
    value = None if raw is None else int(raw) if whole else round(float(raw), 2)
    figure = Figure(value, int(row.n))
    if indicator.formula.kind == "paired_change" and raw is not None:
        change = paired_change(figure.n, float(raw), None if row.sd is None else float(row.sd))
        figure.ci_low = None if change.ci_low is None else round(change.ci_low, 2)
        figure.ci_high = None if change.ci_high is None else round(change.ci_high, 2)
    return figure


async def family(session: AsyncSession, indicator: Indicator) -> dict[CellKey, Figure]:
    """Every non-empty cell the indicator publishes, computed exactly."""
    dims = indicator.disaggregations
    figures: dict[CellKey, Figure] = {}
    for row in (await session.execute(family_query(indicator))).all():
        fixed: Fixed = tuple(
            (d, str(getattr(row, d))) for d in dims if not getattr(row, f"all_{d}")
        )
        figures[(_level(row), fixed)] = figure_of(indicator, row)
    return figures


async def headline(session: AsyncSession, indicator: Indicator) -> Figure:
    """The programme-to-date total, computed now from every fact (what the live headline's
    running tallies in `headlines` must equal)."""
    rows = counted(indicator)
    row = (await session.execute(select(*_measures(indicator, rows)))).one()
    return figure_of(indicator, row)


async def atoms(session: AsyncSession, indicator: Indicator) -> dict[str, tuple[int, float]]:
    """The finest cells (a month, a value of every dimension): people and value in each."""
    rows = counted(indicator)
    keys = [rows.c.month, *(rows.c[d] for d in indicator.disaggregations)]
    value, n, _ = _measures(indicator, rows)
    query = select(*keys, n, value).group_by(*keys)
    return {
        "|".join(str(v) for v in row[: len(keys)]): (int(row.n), float(row.value or 0))
        for row in (await session.execute(query)).all()
    }


def _exact(value: ColumnElement[Any]) -> ColumnElement[Any]:
    """Sums in numeric, not float: a float sum depends on the (unordered) row order, and a
    mean on a rounding boundary would then publish differently after a replay."""
    return cast(value, Numeric)


def _float(value: ColumnElement[Any]) -> ColumnElement[Any]:
    return cast(value, Float)
