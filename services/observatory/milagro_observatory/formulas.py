"""The interpreter of catalogue formulas: one indicator, some dimensions, a period grain.

Each formula becomes one SQL query over the facts, grouped by period and by `CUBE` of the
chosen dimensions, so every margin (the `all` cells) is computed exactly, including
distinct counts of people that cannot be added up from the cells.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Float,
    Numeric,
    Select,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy import Date as SqlDate
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_observatory.catalogue import Condition, Indicator
from milagro_observatory.disclosure import ALL, suppress
from milagro_observatory.stats import paired_change
from milagro_observatory.store import facts, partners

Grain = Literal["month", "quarter", "total"]
UNKNOWN = "unknown"


@dataclass
class Cell:
    """One published figure: its period and dimension values, the value and people behind it."""

    period: str
    dimensions: dict[str, str]
    value: float | None
    n: int | None
    suppressed: bool = False
    ci_low: float | None = None
    ci_high: float | None = None

    def as_row(self) -> dict[str, Any]:
        return {
            "period": self.period,
            **self.dimensions,
            "value": self.value,
            "n": self.n,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "suppressed": self.suppressed,
        }


@dataclass
class Series:
    indicator: Indicator
    grain: Grain
    by: list[str]
    threshold: int
    cells: list[Cell] = field(default_factory=list)

    def headline(self) -> Cell | None:
        return next((c for c in self.cells if all(v == ALL for v in c.dimensions.values())), None)


def _columns(alias: Any) -> dict[str, ColumnElement[Any]]:
    return {
        "source": alias.c.source,
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


def _period(alias: Any, grain: Grain) -> ColumnElement[Any]:
    if grain == "month":
        period: ColumnElement[Any] = alias.c.period
        return period
    if grain == "quarter":
        quarter: ColumnElement[Any] = cast(func.date_trunc("quarter", alias.c.period), SqlDate)
        return quarter
    return literal(None, SqlDate)


def build_query(
    indicator: Indicator,
    by: list[str],
    grain: Grain,
    since: date | None = None,
    until: date | None = None,
) -> Select[Any]:
    """The aggregate query of an indicator (no personal row ever leaves it)."""
    formula = indicator.formula
    subject = facts.alias("subject")
    columns = _columns(subject)
    where: list[ColumnElement[bool]] = [or_(*(_condition(c, columns) for c in formula.match))]
    source = subject.outerjoin(partners, partners.c.code == subject.c.partner)
    if formula.kind == "paired_change":
        pre = facts.alias("pre")
        source = source.join(
            pre,
            and_(
                pre.c.source == "assessment",
                pre.c.participant_key == subject.c.participant_key,
                pre.c.item == subject.c.item,
                pre.c.tag == "pre",
            ),
        )
        where.append(subject.c.tag == "post")
        diff = _exact(subject.c.value) - _exact(pre.c.value)
        measures = [
            _float(func.avg(diff)).label("value"),
            func.count(subject.c.participant_key.distinct()).label("n"),
            _float(func.stddev_samp(diff)).label("sd"),
        ]
    else:
        n = func.count(subject.c.participant_key.distinct())
        if formula.kind == "count":
            value: ColumnElement[Any] = func.count()
        elif formula.kind == "count_distinct_participants":
            value = n
        elif formula.kind == "sum":
            value = _float(func.sum(_exact(subject.c.value))) / formula.divide_by
        elif formula.kind == "mean":
            value = _float(func.avg(_exact(subject.c.value)))
        else:
            assert formula.numerator is not None
            value = (
                100.0
                * func.count().filter(_condition(formula.numerator, columns))
                / func.nullif(func.count(), 0)
            )
        measures = [value.label("value"), n.label("n"), literal(None).label("sd")]
    period = _period(subject, grain).label("period")
    if since is not None:
        where.append(subject.c.period >= since)
    if until is not None:
        where.append(subject.c.period <= until)
    dims = [func.coalesce(columns[d], UNKNOWN).label(d) for d in by]
    flags = [func.grouping(columns[d]).label(f"all_{d}") for d in by]
    query = select(period, *dims, *flags, *measures).select_from(source).where(*where)
    grouping: list[Any] = [] if grain == "total" else [_period(subject, grain)]
    if by:
        grouping.append(func.cube(*(columns[d] for d in by)))
    return query.group_by(*grouping) if grouping else query


def _label(period: date | None, grain: Grain) -> str:
    if period is None:
        return "total"
    if grain == "quarter":
        return f"{period.year}-Q{(period.month - 1) // 3 + 1}"
    return f"{period.year}-{period.month:02d}"


def _exact(value: ColumnElement[Any]) -> ColumnElement[Any]:
    """Sums in numeric, not float: a float sum depends on the (unordered) row order, and a
    mean on a rounding boundary would then publish differently after a replay."""
    return cast(value, Numeric)


def _float(value: ColumnElement[Any]) -> ColumnElement[Any]:
    return cast(value, Float)


async def compute(
    session: AsyncSession,
    indicator: Indicator,
    by: list[str],
    grain: Grain,
    threshold: int,
    since: date | None = None,
    until: date | None = None,
) -> Series:
    """An indicator's published series: computed, then disclosure-controlled per period."""
    rows = (await session.execute(build_query(indicator, by, grain, since, until))).all()
    series = Series(indicator, grain, by, threshold)
    rounding = 0 if indicator.formula.kind in ("count", "count_distinct_participants") else 2
    for row in rows:
        dimensions = {d: ALL if getattr(row, f"all_{d}") else str(getattr(row, d)) for d in by}
        raw = row.value
        value = None if raw is None else round(float(raw), rounding)
        cell = Cell(_label(row.period, grain), dimensions, value, int(row.n))
        if indicator.formula.kind == "paired_change" and raw is not None:
            change = paired_change(
                int(row.n), float(raw), None if row.sd is None else float(row.sd)
            )
            cell.ci_low = None if change.ci_low is None else round(change.ci_low, 2)
            cell.ci_high = None if change.ci_high is None else round(change.ci_high, 2)
        series.cells.append(cell)
    if grain == "total" and not by and not series.cells:
        series.cells.append(Cell("total", {}, 0, 0))
    if indicator.people:
        _control(series)
    series.cells.sort(key=lambda c: (c.period, [(v == ALL, v) for v in c.dimensions.values()]))
    return series


def _control(series: Series) -> None:
    periods: dict[str, list[Cell]] = {}
    for cell in series.cells:
        periods.setdefault(cell.period, []).append(cell)
    for cells in periods.values():
        table = {tuple(c.dimensions[d] for d in series.by): c for c in cells}
        hidden = suppress({k: c.n or 0 for k, c in table.items()}, series.threshold)
        for key in hidden:
            cell = table[key]
            cell.suppressed = True
            cell.value = cell.n = cell.ci_low = cell.ci_high = None
