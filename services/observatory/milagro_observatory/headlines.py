"""Live headlines from running tallies: a read costs the same whatever the history's size.

Every fact belongs to one *part*: its participant, or itself when it is about nobody (yet).
Each indicator's tallies are kept per part in `headline_parts` (facts, numerator, exact sum
and sum of squares of the measure, whether the part is a counted person, when its last
fact happened; and, for distinct items, one row per item) and summed per indicator in
`headline_totals`. A projection transaction names the parts it touched (`changed`);
before it commits, `settle` recounts those parts from their facts with the catalogue's
own formulas (`formulas.counted`) and adds the difference to the totals. Whatever changed
a part (a new fact, new attributes, consent, a merge, an erasure, a late match), its
tallies are counted afresh, never patched, so they cannot drift from the facts.

A headline then reads one row per indicator (one per item for distinct items); a rolling
window (`within_days`) reads its totals by day (each part counted on the day of its last
fact) and the parts of the window's first day. The tallies are counted from scratch when
the catalogue changes (`ensure`) and after a rebuild (`recount`).
"""

import contextvars
import functools
import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Date,
    DateTime,
    FromClause,
    Numeric,
    Select,
    and_,
    any_,
    bindparam,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlalchemy import Float as SqlFloat
from sqlalchemy.dialects.postgresql import ARRAY, UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import Text

from milagro_observatory.catalogue import COUNTS, Indicator, catalogue
from milagro_observatory.formulas import Figure, counted, figure_of
from milagro_observatory.store import facts, headline_parts, headline_state, headline_totals

_LOCK = 0x686561  # "hea": one transaction settles its parts at a time
_CHANGED = "observatory_changed_parts"
_KINDS = "observatory_changed_kinds"
_EVERYTHING = "observatory_recount"
_TALLIES = ("facts", "numerator", "total", "squares", "people")

settling: contextvars.ContextVar[bool] = contextvars.ContextVar("settling", default=True)
"""False while a rebuild replays: its transactions leave the tallies to one recount at the end."""


def part_of(person: uuid.UUID | None, kind: str, key: str) -> str:
    """The part a fact belongs to (as `formulas.counted` names it)."""
    return str(person) if person is not None else f"{kind}/{key}"


def changed(
    session: AsyncSession, parts: Iterable[str], kinds: Iterable[str] | None = None
) -> None:
    """Note parts whose facts this transaction changed, only facts of these `kinds` (None:
    of any kind, as a merge or an erasure does): `settle` recounts them, for the
    indicators those kinds of fact can move."""
    session.info.setdefault(_CHANGED, set()).update(parts)
    known = session.info.get(_KINDS, set())
    session.info[_KINDS] = None if kinds is None or known is None else known | set(kinds)


def _moved_by(indicator: Indicator, kinds: set[str] | None) -> bool:
    """Whether facts of these kinds can count for the indicator (an alternative that does
    not name kinds of fact matches them all)."""
    if kinds is None:
        return True
    for condition in indicator.formula.match:
        named = condition.get("fact")
        if named is None or kinds & ({named} if isinstance(named, str) else set(named)):
            return True
    return False


def changed_everything(session: AsyncSession) -> None:
    """Something every part may depend on changed: `settle` recounts them all."""
    session.info[_EVERYTHING] = True


def counts_countries() -> bool:
    """Whether a formula filters on a partner's country (then a partner's change touches
    every part of its facts)."""
    return any(
        "country" in condition
        for indicator in catalogue().indicators
        for condition in [*indicator.formula.match, indicator.formula.numerator or {}]
    )


def _windowed(indicator: Indicator) -> bool:
    return indicator.formula.within_days is not None


def _tallies(indicator: Indicator, source: FromClause) -> list[Select[Any]]:
    """Each part's tallies for one indicator, from some facts (every fact of the parts)."""
    rows = counted(indicator, source, window=False)
    sums = (
        func.count().label("facts"),
        func.count().filter(rows.c.numerator).label("numerator"),
        func.coalesce(func.sum(rows.c.measure), 0).label("total"),
        func.coalesce(func.sum(rows.c.measure * rows.c.measure), 0).label("squares"),
    )
    whole = select(
        rows.c.part,
        literal(indicator.id).label("indicator"),
        literal("").label("member"),
        *sums,
        case((func.count(rows.c.person) > 0, 1), else_=0).label("people"),
        func.max(rows.c.happened).label("latest"),
    ).group_by(rows.c.part)
    if indicator.formula.kind != "count_distinct_items":
        return [whole]
    items = (
        select(
            rows.c.part,
            literal(indicator.id).label("indicator"),
            rows.c.thing.label("member"),
            *sums,
            literal(0).label("people"),
            func.max(rows.c.happened).label("latest"),
        )
        .where(rows.c.thing.is_not(None))
        .group_by(rows.c.part, rows.c.thing)
    )
    return [whole, items]


def _all_tallies(source: FromClause, indicators: Sequence[str] | None = None) -> Any:
    chosen = [i for i in catalogue().indicators if indicators is None or i.id in indicators]
    return union_all(*(s for i in chosen for s in _tallies(i, source)))


_PART_COLUMNS = [c.name for c in headline_parts.columns]


def _add_to_totals(rows: FromClause) -> Any:
    """Add some parts' tallies (negative: taken away) to their indicators' totals."""
    # a rolling window's totals are by the day of each part's last fact ("YYYY-MM-DD/member")
    windowed = [i.id for i in catalogue().indicators if _windowed(i)]
    day = func.to_char(func.timezone("UTC", rows.c.latest), "YYYY-MM-DD")
    member = case((rows.c.indicator.in_(windowed), day + "/" + rows.c.member), else_=rows.c.member)
    sums = select(
        rows.c.indicator,
        member.label("member"),
        *(func.sum(rows.c[c]).label(c) for c in _TALLIES),
    ).group_by(rows.c.indicator, member)
    statement = insert(headline_totals).from_select(["indicator", "member", *_TALLIES], sums)
    return statement.on_conflict_do_update(
        index_elements=["indicator", "member"],
        set_={c: headline_totals.c[c] + statement.excluded[c] for c in _TALLIES},
    )


@functools.lru_cache
def _settling(indicators: tuple[str, ...]) -> Any:
    """One statement: count the parts again for these indicators, compare with what they
    had, write the rows that differ (most of a person's indicators do not move with one
    fact) and move the totals by the difference. One per set of indicators, built once."""
    loose = select(
        func.unnest(bindparam("loose_kinds", type_=ARRAY(Text))),
        func.unnest(bindparam("loose_keys", type_=ARRAY(Text))),
    )
    # two index lookups (an OR of both would scan the facts)
    some = union_all(
        select(facts).where(
            facts.c.participant_key == any_(bindparam("people", type_=ARRAY(UUID())))
        ),
        select(facts).where(
            facts.c.participant_key.is_(None), tuple_(facts.c.fact, facts.c.key).in_(loose)
        ),
    ).cte("some")
    new = _all_tallies(some, indicators).cte("new")
    p = headline_parts
    old = (
        select(p)
        .where(
            p.c.part == any_(bindparam("parts", type_=ARRAY(Text))), p.c.indicator.in_(indicators)
        )
        .cte("old")
    )
    keys = ("part", "indicator", "member")
    diff = (
        select(
            *(new.c[c].label(f"new_{c}") for c in _PART_COLUMNS),
            *(old.c[c].label(f"old_{c}") for c in _PART_COLUMNS),
        )
        .select_from(new.join(old, and_(*(new.c[k] == old.c[k] for k in keys)), full=True))
        .where(or_(*(new.c[c].is_distinct_from(old.c[c]) for c in _PART_COLUMNS)))
        .cte("diff")
    )
    gone = (
        p.delete()
        .where(
            tuple_(*(p.c[k] for k in keys)).in_(
                select(*(diff.c[f"old_{k}"] for k in keys)).where(diff.c.new_part.is_(None))
            )
        )
        .returning(p.c.part)
        .cte("gone")
    )
    upsert = insert(p).from_select(
        _PART_COLUMNS,
        select(*(diff.c[f"new_{c}"] for c in _PART_COLUMNS)).where(diff.c.new_part.is_not(None)),
    )
    kept = (
        upsert.on_conflict_do_update(
            index_elements=list(keys),
            set_={c: upsert.excluded[c] for c in _PART_COLUMNS if c not in keys},
        )
        .returning(p.c.part)
        .cte("kept")
    )
    moves = union_all(
        *(
            select(
                diff.c[f"{side}_indicator"].label("indicator"),
                diff.c[f"{side}_member"].label("member"),
                diff.c[f"{side}_latest"].label("latest"),
                *((sign * diff.c[f"{side}_{c}"]).label(c) for c in _TALLIES),
            ).where(diff.c[f"{side}_part"].is_not(None))
            for side, sign in (("new", 1), ("old", -1))
        )
    ).subquery("moves")
    return _add_to_totals(moves).add_cte(gone, kept)


async def settle(session: AsyncSession) -> None:
    """Recount the parts this transaction changed, and move the totals by the difference.

    One transaction settles at a time, after taking the lock: its statements then see
    every part as the transactions before it committed them, so two consumers touching
    one person cannot each add a difference counted from a stale base.
    """
    if session.info.pop(_EVERYTHING, False):
        session.info.pop(_CHANGED, None)
        session.info.pop(_KINDS, None)
        await recount(session)
        return
    parts = session.info.pop(_CHANGED, None)
    kinds = session.info.pop(_KINDS, None)
    if not parts or not settling.get():
        return
    indicators = tuple(i.id for i in catalogue().indicators if _moved_by(i, kinds))
    if not indicators:
        return
    await session.execute(select(func.pg_advisory_xact_lock(_LOCK)))
    people: list[uuid.UUID] = []
    loose_kinds: list[str] = []
    loose_keys: list[str] = []
    for part in parts:
        kind, slash, key = part.partition("/")
        if slash:
            loose_kinds.append(kind)
            loose_keys.append(key)
        else:
            people.append(uuid.UUID(part))
    await session.execute(
        _settling(indicators),
        {
            "parts": list(parts),
            "people": people,
            "loose_kinds": loose_kinds,
            "loose_keys": loose_keys,
        },
    )


def digest() -> str:
    """What the tallies were counted for: the formulas of the catalogue."""
    formulas = [(i.id, i.consent, i.formula.model_dump_json()) for i in catalogue().indicators]
    return hashlib.sha256(repr(formulas).encode()).hexdigest()


async def recount(session: AsyncSession) -> None:
    """Count every part from scratch (after a rebuild, for a new catalogue), once."""
    await session.execute(select(func.pg_advisory_xact_lock(_LOCK)))
    await session.execute(text("TRUNCATE headline_parts, headline_totals"))
    fresh = _all_tallies(facts).subquery("fresh")
    await session.execute(
        insert(headline_parts).from_select(
            _PART_COLUMNS, select(*(fresh.c[c] for c in _PART_COLUMNS))
        )
    )
    await session.execute(_add_to_totals(headline_parts))
    # planner statistics now, not at autovacuum's leisure: a read must find the indexes
    await session.execute(text("ANALYZE headline_parts, headline_totals"))
    statement = insert(headline_state).values(id=1, catalogue=digest())
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["id"], set_={"catalogue": statement.excluded.catalogue}
        )
    )


async def ensure(session: AsyncSession) -> bool:
    """Count the tallies again if they were counted for other formulas (or never);
    returns whether it did."""
    if await session.scalar(select(headline_state.c.catalogue)) == digest():
        return False
    await session.execute(select(func.pg_advisory_xact_lock(_LOCK)))
    if await session.scalar(select(headline_state.c.catalogue)) == digest():
        return False  # another replica counted them meanwhile
    await recount(session)
    return True


# --- reading --------------------------------------------------------------------------


@dataclass
class _Row:
    value: Any
    n: int
    sd: float | None


def _in_window(indicator: str, days: timedelta) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """Distinct items and people whose last fact happened in the window: the totals of the
    whole days in it (each part counts on the day of its last fact), and the parts active
    on the day the window starts in, after its start. A read of at most `days` rows per
    item and one day's parts, whatever the history."""
    t, p = headline_totals, headline_parts
    start = func.now() - days
    first = cast(func.timezone("UTC", start), Date)
    after = func.to_char(first + 1, "YYYY-MM-DD") + "/"
    on_first = and_(
        p.c.indicator == indicator,
        p.c.latest > start,
        p.c.latest < func.timezone("UTC", cast(first + 1, DateTime)),
    )
    later = and_(t.c.indicator == indicator, t.c.member >= after)
    people = cast(
        select(func.coalesce(func.sum(t.c.people), 0))
        .where(later, t.c.member.like("%/"))
        .scalar_subquery()
        + select(func.count()).where(on_first, p.c.member == "", p.c.people > 0).scalar_subquery(),
        BigInteger,
    )
    items = union_all(
        select(func.substr(t.c.member, 12).label("item")).where(
            later, t.c.member.not_like("%/"), t.c.facts > 0
        ),
        select(p.c.member.label("item")).where(on_first, p.c.member != ""),
    ).subquery()
    return select(func.count(items.c.item.distinct())).scalar_subquery(), people


def _headline(indicator: Indicator) -> Select[Any]:
    """One indicator's headline from its totals (or, windowed, from its active parts):
    the value in the column of its type, so nothing is converted on the way."""
    formula = indicator.formula
    kind = formula.kind
    # typed nulls: a union of other types would convert the exact values to float
    whole: ColumnElement[Any] = cast(null(), BigInteger)
    real: ColumnElement[Any] = cast(null(), SqlFloat)
    exact: ColumnElement[Any] = cast(null(), Numeric)
    sd: ColumnElement[Any] = cast(null(), SqlFloat)
    if _windowed(indicator):
        assert formula.within_days is not None
        whole, people = _in_window(indicator.id, timedelta(days=formula.within_days))
        if kind == "count_distinct_participants":
            whole = people
        return select(
            literal(indicator.id).label("indicator"),
            whole.label("whole"),
            real.label("real"),
            exact.label("exact"),
            people.label("n"),
            sd.label("sd"),
        )
    t = headline_totals
    some_facts = t.c.facts > 0
    if kind == "count":
        whole = t.c.facts
    elif kind == "count_distinct_participants":
        whole = t.c.people
    elif kind == "count_distinct_items":
        i = headline_totals.alias("item")
        whole = (
            select(func.count())
            .where(i.c.indicator == indicator.id, i.c.member != "", i.c.facts > 0)
            .scalar_subquery()
        )
    elif kind == "sum":
        real = case((some_facts, cast(t.c.total, SqlFloat) / formula.divide_by))
    elif kind == "share":
        exact = 100.0 * t.c.numerator / func.nullif(t.c.facts, 0)
    else:  # mean, paired_change: avg(numeric) is the sum over the count, in numeric
        exact = case((some_facts, t.c.total / t.c.facts))
        if kind == "paired_change":
            spread = (t.c.facts * t.c.squares - t.c.total * t.c.total) / (
                t.c.facts * (t.c.facts - 1)
            )
            sd = case((t.c.facts > 1, cast(func.sqrt(spread), SqlFloat)))
    return select(
        literal(indicator.id).label("indicator"),
        whole.label("whole"),
        real.label("real"),
        exact.label("exact"),
        t.c.people.label("n"),
        sd.label("sd"),
    ).where(t.c.indicator == indicator.id, t.c.member == "")


_READ = union_all(*(_headline(i) for i in catalogue().indicators))


async def headlines(session: AsyncSession) -> dict[str, Figure]:
    """Every indicator's programme-to-date total, from its tallies (one statement)."""
    found = {}
    for read in (await session.execute(_READ)).all():
        value = next((v for v in (read.whole, read.real, read.exact) if v is not None), None)
        found[read.indicator] = _Row(value, int(read.n), read.sd)
    figures = {}
    for indicator in catalogue().indicators:
        row = found.get(indicator.id, _Row(None, 0, None))  # no fact yet
        if row.value is None and indicator.formula.kind in COUNTS:
            row.value = 0
        figures[indicator.id] = figure_of(indicator, row)
    return figures
