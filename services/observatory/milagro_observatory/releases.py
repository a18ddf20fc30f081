"""Releases: the disaggregated tables are published in batches, the headline lives.

Comparing two successive versions of the public tables tells what changed between them.
If one registration were a version of its own, the cells that moved would name the new
person's partner, group, gender and age band, however they were suppressed. So every
table with a dimension, or by month or quarter, comes from the indicator's latest
*release*, and a new release is cut only once at least `disclosure_threshold` records
(people in the finest cells) changed since the last one; between releases those tables
do not move. Only the programme-to-date total (the headline) is live: its changes say
that someone was counted, never who.

Releases are cut by one replica at a time (an advisory lock), never while a rebuild runs
(the rebuild holds the same lock), and are kept in the database: they are what was
published, not a projection, and the next release is measured against them.
"""

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.database import Database
from milagro_observatory.background import every
from milagro_observatory.catalogue import COUNTS, Indicator, catalogue
from milagro_observatory.disclosure import COUNTRY, PARTNER, TOTAL, CellKey, Layout, protect
from milagro_observatory.formulas import UNKNOWN, Figure, atoms, family
from milagro_observatory.settings import ObservatorySettings
from milagro_observatory.store import partners, projection_state, release_state, releases
from milagro_observatory.watching import notify

log = logging.getLogger(__name__)

RELEASE_LOCK = 0x72656C  # held by the replica cutting releases, and by a rebuild


@dataclass(frozen=True)
class Release:
    """One indicator's published tables: every cell, `None` where hidden."""

    indicator: str
    number: int
    published_at: datetime
    changed: int
    layout: Layout
    cells: Mapping[CellKey, Figure | None]
    suppressed: Mapping[str, int]
    """How many cells are hidden and why: `small` (fewer people than the threshold) and
    `protecting` (hidden so that no small one can be worked out); never which."""


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> int:
    """How many records changed between two sets of finest cells: the fewest people added,
    removed or moved that explain the counts, plus cells whose value alone changed."""
    added = removed = revalued = 0
    for key in before.keys() | after.keys():
        old_n, old_value = before.get(key, (0, 0.0))
        new_n, new_value = after.get(key, (0, 0.0))
        if new_n > old_n:
            added += new_n - old_n
        elif new_n < old_n:
            removed += old_n - new_n
        elif new_value != old_value:
            revalued += 1
    return max(added, removed) + revalued


def layout_of(
    indicator: Indicator, figures: Mapping[CellKey, Figure], country_of: Mapping[str, str]
) -> Layout:
    """The published family of an indicator: the values and months its data has."""
    values: dict[str, list[str]] = {d: [] for d in indicator.disaggregations}
    months: list[str] = []
    for level, fixed in figures:
        if level == TOTAL and len(fixed) == 1:
            values[fixed[0][0]].append(fixed[0][1])
        elif "Q" not in level and level != TOTAL and not fixed:
            months.append(level)
    dims = tuple(indicator.disaggregations)
    derived = COUNTRY in dims and PARTNER in dims
    return Layout(
        dims=dims,
        months=tuple(_every_month(min(months), max(months))) if months else (),
        domains={d: tuple(sorted(v)) for d, v in values.items() if not (derived and d == COUNTRY)},
        country_of={p: country_of.get(p, UNKNOWN) for p in values.get(PARTNER, [])},
    )


def _every_month(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year}-{month:02d}" <= last:
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def empty(indicator: Indicator) -> Figure:
    """A cell nobody is in."""
    counts = indicator.formula.kind in (*COUNTS, "sum")
    return Figure(0 if counts else None, 0)


def compose(
    indicator: Indicator,
    figures: Mapping[CellKey, Figure],
    country_of: Mapping[str, str],
    threshold: int,
) -> tuple[Layout, dict[CellKey, Figure | None]]:
    """Every cell of the family, disclosure-controlled (CPU only: run it off the loop)."""
    layout = layout_of(indicator, figures, country_of)
    hidden: set[CellKey] = set()
    if indicator.people:
        hidden = protect(layout, {k: f.n for k, f in figures.items()}, threshold)
    cells: dict[CellKey, Figure | None] = {}
    for key in layout.cells():
        cells[key] = None if key in hidden else figures.get(key, empty(indicator))
    return layout, cells


def suppression_counts(
    indicator: Indicator,
    figures: Mapping[CellKey, Figure],
    cells: Mapping[CellKey, Figure | None],
    threshold: int,
) -> dict[str, int]:
    """The public disclosure log's entry for a release: hidden cells by rule, counted."""
    hidden = [key for key, cell in cells.items() if cell is None]
    small = sum(1 for key in hidden if key in figures and 0 < figures[key].n < threshold)
    return {"small": small, "protecting": len(hidden) - small} if indicator.people else {}


def batch_size(indicator: Indicator, settings: ObservatorySettings) -> int:
    """Records that must change before a new release: any change where no person is
    counted, the disclosure threshold where people are."""
    return settings.disclosure_threshold if indicator.people else 1


async def cut(
    session: AsyncSession,
    indicator: Indicator,
    finest: dict[str, Any],
    changed: int,
    settings: ObservatorySettings,
) -> None:
    figures = await family(session, indicator)
    country_of = dict((await session.execute(select(partners.c.code, partners.c.country))).all())
    layout, cells = await asyncio.to_thread(
        compose, indicator, figures, country_of, settings.disclosure_threshold
    )
    document = {
        "layout": {
            "dims": list(layout.dims),
            "months": list(layout.months),
            "domains": {d: list(v) for d, v in layout.domains.items()},
            "country_of": dict(layout.country_of),
        },
        "cells": [
            [level, [list(f) for f in fixed]]
            + ([] if c is None else [c.value, c.n, c.ci_low, c.ci_high])
            for (level, fixed), c in cells.items()
        ],
        "suppressed": suppression_counts(indicator, figures, cells, settings.disclosure_threshold),
    }
    statement = insert(releases).values(
        indicator=indicator.id,
        number=1,
        published_at=func.clock_timestamp(),
        changed=changed,
        atoms=finest,
        document=document,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["indicator"],
            set_={
                "number": releases.c.number + 1,
                "published_at": statement.excluded.published_at,
                "changed": statement.excluded.changed,
                "atoms": statement.excluded.atoms,
                "document": statement.excluded.document,
            },
        )
    )


async def release_due(session: AsyncSession, settings: ObservatorySettings) -> list[str]:
    """Cut a release of every indicator whose batch is full; the ids released.

    One snapshot for the whole look (repeatable read): the finest cells a release is
    measured by and the cells it publishes must be the same facts, or a fact committed
    between the two would be counted again in the next batch.
    """
    await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    locked = await session.scalar(select(func.pg_try_advisory_xact_lock(RELEASE_LOCK)))
    if not locked:
        return []  # another replica is at it, or a rebuild runs
    version = int(
        await session.scalar(select(func.coalesce(func.sum(projection_state.c.version), 0))) or 0
    )
    checked = await session.scalar(select(release_state.c.checked_version))
    if checked == version:
        return []
    last = {
        row.indicator: row.atoms
        for row in (await session.execute(select(releases.c.indicator, releases.c.atoms))).all()
    }
    released = []
    for indicator in catalogue().indicators:
        finest = {k: list(v) for k, v in (await atoms(session, indicator)).items()}
        before = last.get(indicator.id)
        changed = changes(before or {}, {k: tuple(v) for k, v in finest.items()})
        if before is None or changed >= batch_size(indicator, settings):
            await cut(session, indicator, finest, changed, settings)
            released.append(indicator.id)
    await notify(session)  # the releases were looked at: readers may wait for that
    statement = insert(release_state).values(
        id=1, checked_version=version, checked_at=func.clock_timestamp()
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["id"],
            set_={"checked_version": version, "checked_at": statement.excluded.checked_at},
        )
    )
    return released


async def keep_releasing(app: FastAPI) -> None:
    """The service's background task: look for due releases whenever the projections moved."""
    database: Database = app.state.database
    settings: ObservatorySettings = app.state.settings

    async def look() -> None:
        async with database.transaction() as session:
            released = await release_due(session, settings)
        if released:
            log.info("released %s", ", ".join(released))

    await every(settings.release_interval_s, look, "releases")


async def latest(session: AsyncSession, indicator: Indicator) -> Release | None:
    """An indicator's latest release, read from the database."""
    row = (
        await session.execute(select(releases).where(releases.c.indicator == indicator.id))
    ).one_or_none()
    if row is None:
        return None
    return parse(row.indicator, row.number, row.published_at, row.changed, row.document)


def parse(
    indicator: str, number: int, published_at: datetime, changed: int, document: Any
) -> Release:
    spec = document["layout"]
    layout = Layout(
        dims=tuple(spec["dims"]),
        months=tuple(spec["months"]),
        domains={d: tuple(v) for d, v in spec["domains"].items()},
        country_of=spec["country_of"],
    )
    cells: dict[CellKey, Figure | None] = {}
    for entry in document["cells"]:
        key = (entry[0], tuple((d, v) for d, v in entry[1]))
        cells[key] = Figure(entry[2], entry[3], entry[4], entry[5]) if len(entry) > 2 else None
    return Release(
        indicator,
        number,
        published_at.astimezone(UTC),
        changed,
        layout,
        cells,
        document.get("suppressed", {}),
    )
