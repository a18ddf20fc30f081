"""What every public feed shares: live headlines, released tables, caching, licence, citation."""

import hashlib
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, Literal

from fastapi import Request, Response
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.service import settings_of as kit_settings_of
from milagro_observatory.catalogue import Indicator, catalogue
from milagro_observatory.disclosure import ALL, TOTAL, grain_of, quarter_of
from milagro_observatory.formulas import Figure
from milagro_observatory.headlines import headlines
from milagro_observatory.releases import Release, parse
from milagro_observatory.settings import ObservatorySettings
from milagro_observatory.store import indicator_changes, releases
from milagro_observatory.watching import State as State
from milagro_observatory.watching import watcher_of as watcher_of

Grain = Literal["month", "quarter", "total"]


NO_RELEASE = State(0, datetime(2024, 1, 1, tzinfo=UTC))
"""What a table shows before its indicator's first release (release numbers start at 1)."""


async def live_state(request: Request, session: AsyncSession) -> State:
    """The projections' version (the sum of every stream's counter) and last change."""
    return (await watcher_of(request).current(session)).projection


async def released_state(request: Request, session: AsyncSession) -> State:
    """The version of the released tables together: it moves with every release."""
    return (await watcher_of(request).current(session)).releases_state or NO_RELEASE


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

    @classmethod
    def of(cls, period: str, dimensions: dict[str, str], figure: Figure | None) -> "Cell":
        if figure is None:
            return cls(period, dimensions, None, None, suppressed=True)
        return cls(period, dimensions, figure.value, figure.n, False, figure.ci_low, figure.ci_high)

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
    """What one request for an indicator answers: live (the headline) or from a release."""

    indicator: Indicator
    grain: Grain
    by: list[str]
    threshold: int
    cells: list[Cell]
    release: Release | None = None

    def headline(self) -> Cell | None:
        return next((c for c in self.cells if all(v == ALL for v in c.dimensions.values())), None)


def settings_of(request: Request) -> ObservatorySettings:
    """The observatory's settings, as it started with them."""
    settings: ObservatorySettings = kit_settings_of(request)
    return settings


def base_url(request: Request) -> str:
    public = settings_of(request).public_url
    return (public or str(request.base_url)).rstrip("/")


def about(request: Request, state: State) -> dict[str, Any]:
    """Licence, suggested citation and freshness, carried by every feed."""
    cat = catalogue()
    return {
        "licence": cat.licence.model_dump(),
        "citation": cat.citation.format(
            year=state.updated_at.year, version=cat.version, url=base_url(request) + "/dashboard/"
        ),
        "last_updated": state.updated_at.astimezone(UTC).isoformat(),
        "catalogue_version": cat.version,
        "data_version": state.version,
        "disclosure": base_url(request) + "/dashboard/disclosure",
    }


# --- live: the headline -----------------------------------------------------------------


def _live(request: Request, indicator: Indicator, figure: Figure | None) -> Series:
    """The programme-to-date total; hidden while fewer people than the threshold."""
    threshold = settings_of(request).disclosure_threshold
    if indicator.people and figure is not None and 0 < figure.n < threshold:
        figure = None
    return Series(indicator, "total", [], threshold, [Cell.of(TOTAL, {}, figure)])


async def live_series(session: AsyncSession, request: Request, indicator: Indicator) -> Series:
    """The programme-to-date total, now (from the headlines' running tallies)."""
    return _live(request, indicator, (await headlines(session))[indicator.id])


# --- released: every table with a dimension or a period ----------------------------------


class ReleaseCache:
    """Parsed releases of this process, by indicator, valid while their number holds."""

    def __init__(self) -> None:
        self.releases: dict[str, Release] = {}

    async def get(
        self, session: AsyncSession, indicator: Indicator, number: int | None
    ) -> Release | None:
        """Release `number` of an indicator (the watcher knows the latest number), read
        from the database only the first time."""
        if number is None:
            return None
        cached = self.releases.get(indicator.id)
        if cached is None or cached.number != number:
            full = (
                await session.execute(select(releases).where(releases.c.indicator == indicator.id))
            ).one()
            cached = parse(
                full.indicator, full.number, full.published_at, full.changed, full.document
            )
            self.releases[indicator.id] = cached
        return cached


async def latest_release(
    request: Request, session: AsyncSession, indicator: Indicator
) -> Release | None:
    """The indicator's latest release, as this process knows it (read once per number)."""
    known = (await watcher_of(request).current(session)).releases.get(indicator.id)
    number = None if known is None else known.version
    return await release_cache_of(request).get(session, indicator, number)


def state_of(release: Release | None) -> State:
    """The version a table from this release carries (0 before a first release)."""
    return NO_RELEASE if release is None else State(release.number, release.published_at)


def release_cache_of(request: Request) -> ReleaseCache:
    cache = getattr(request.app.state, "observatory_releases", None)
    if not isinstance(cache, ReleaseCache):
        cache = ReleaseCache()
        request.app.state.observatory_releases = cache
    return cache


def released_series(
    release: Release | None,
    indicator: Indicator,
    by: Sequence[str],
    grain: Grain,
    threshold: int,
    since: str | None = None,
    until: str | None = None,
) -> Series:
    """One table of a release: every period of the grain in the window, every margin."""
    series = Series(indicator, grain, list(by), threshold, [], release)
    if release is None:
        return series
    layout = release.layout
    if grain == "month":
        levels = [m for m in layout.months if (since or m) <= m <= (until or m)]
    elif grain == "quarter":
        first, last = quarter_of(since) if since else "", quarter_of(until) if until else "~"
        levels = [q for q in layout.quarters if first <= q <= last]
    else:
        levels = [TOTAL]
    canonical = [d for d in layout.dims if d in by]
    for level in levels:
        assert grain_of(level) == grain
        for mask in itertools.product((False, True), repeat=len(canonical)):
            chosen = [d for d, fixed in zip(canonical, mask, strict=True) if fixed]
            for combo in itertools.product(*(layout.values(d) for d in chosen)):
                fixed = tuple(zip(chosen, combo, strict=True))
                if (level, fixed) not in release.cells:
                    continue  # a partner in another country: not a cell
                values = dict(fixed)
                dimensions = {d: values.get(d, ALL) for d in by}
                series.cells.append(Cell.of(level, dimensions, release.cells[(level, fixed)]))
    series.cells.sort(key=lambda c: (c.period, [(v == ALL, v) for v in c.dimensions.values()]))
    return series


# --- either -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """What one request for an indicator's figures reads: the live headline (no breakdown,
    the programme to date) or a table of the latest release."""

    indicator: Indicator
    by: Sequence[str]
    grain: Grain
    release: Release | None
    state: State

    @property
    def live(self) -> bool:
        return not self.by and self.grain == "total"

    async def series(self, request: Request, session: AsyncSession, **window: str | None) -> Series:
        if self.live:
            return await live_series(session, request, self.indicator)
        threshold = settings_of(request).disclosure_threshold
        return released_series(
            self.release, self.indicator, self.by, self.grain, threshold, **window
        )


async def table(
    request: Request, session: AsyncSession, indicator: Indicator, by: Sequence[str], grain: Grain
) -> Table:
    """Where a request's figures come from, and the version they carry (for ETags)."""
    if not by and grain == "total":
        return Table(indicator, by, grain, None, await live_state(request, session))
    release = await latest_release(request, session, indicator)
    return Table(indicator, by, grain, release, state_of(release))


# --- responses ---------------------------------------------------------------------------


class FeedCache:
    """Rendered feeds by request key, valid for one version of what they show."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.entries: dict[str, tuple[int, bytes, str]] = {}

    def get(self, key: str, version: int) -> tuple[bytes, str] | None:
        entry = self.entries.get(key)
        if entry is None or entry[0] != version:
            return None
        return entry[1], entry[2]

    def put(self, key: str, version: int, body: bytes, media_type: str) -> None:
        if len(self.entries) >= self.size:
            self.entries.pop(next(iter(self.entries)))
        self.entries[key] = (version, body, media_type)


def cache_of(request: Request) -> FeedCache:
    cache = getattr(request.app.state, "observatory_cache", None)
    if not isinstance(cache, FeedCache):
        cache = FeedCache()
        request.app.state.observatory_cache = cache
    return cache


def _etag(key: str, state: State) -> str:
    digest = hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
    return f'"{catalogue().version}.{state.version}.{digest}"'


def not_modified(request: Request, key: str, state: State) -> Response | None:
    """A 304 if the client already holds this version of the resource."""
    etag = _etag(key, state)
    headers = validators(request, key, state)
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return Response(status_code=304, headers=headers) if etag in tags or "*" in tags else None
    since = request.headers.get("if-modified-since")
    if since:
        try:
            moment = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is not None and state.updated_at.replace(microsecond=0) <= moment:
            return Response(status_code=304, headers=headers)
    return None


def validators(request: Request, key: str, state: State) -> dict[str, str]:
    max_age = settings_of(request).feed_max_age_s
    return {
        "ETag": _etag(key, state),
        "Last-Modified": format_datetime(state.updated_at.astimezone(UTC), usegmt=True),
        "Cache-Control": f"public, max-age={max_age}",
        "Link": f'<{catalogue().licence.url}>; rel="license"',
        "Access-Control-Allow-Origin": "*",
    }


def request_key(request: Request) -> str:
    return (
        request.url.path
        + "?"
        + "&".join(sorted(f"{k}={v}" for k, v in request.query_params.items()))
    )


def dump(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def progress_of(series: Series) -> dict[str, Any]:
    """An indicator's headline against its target."""
    indicator = series.indicator
    cell = series.headline()
    value = None if cell is None else cell.value
    target = indicator.target
    progress = None
    if target is not None and value is not None and target.value > 0:
        progress = round(100.0 * value / target.value, 1)
    on_track = None
    if target is not None and value is not None and (cell is None or cell.n):
        on_track = value >= target.value if indicator.direction == "up" else value <= target.value
    return {
        "id": indicator.id,
        "title": indicator.title.model_dump(),
        "unit": indicator.unit,
        "direction": indicator.direction,
        "target": None if target is None else target.model_dump(),
        "value": value,
        "n": None if cell is None else cell.n,
        "suppressed": bool(cell and cell.suppressed),
        "ci_low": None if cell is None else cell.ci_low,
        "ci_high": None if cell is None else cell.ci_high,
        "progress_percent": progress,
        "on_track": on_track,
    }


async def progress(session: AsyncSession, request: Request) -> list[dict[str, Any]]:
    """Every indicator's live headline against its target."""
    figures = await headlines(session)
    return [progress_of(_live(request, i, figures[i.id])) for i in catalogue().indicators]


async def record_changes(
    session: AsyncSession, figures: list[dict[str, Any]], state: State
) -> None:
    """Log each indicator whose published headline differs from its last logged one."""
    latest = {
        row.indicator: row.value
        for row in (
            await session.execute(
                select(indicator_changes.c.indicator, indicator_changes.c.value)
                .ext(distinct_on(indicator_changes.c.indicator))
                .order_by(indicator_changes.c.indicator, indicator_changes.c.id.desc())
            )
        ).all()
    }
    rows = []
    for figure in figures:
        published = {k: figure[k] for k in ("value", "n", "suppressed", "ci_low", "ci_high")}
        if latest.get(figure["id"]) == published:
            continue
        shown = "suppressed" if figure["suppressed"] else figure["value"]
        rows.append(
            {
                "indicator": figure["id"],
                "version": state.version,
                "value": published,
                "summary": f"{figure['title']['en']}: {shown} {figure['unit']}",
                "at": state.updated_at,
            }
        )
    if rows:
        await session.execute(insert(indicator_changes).values(rows).on_conflict_do_nothing())
