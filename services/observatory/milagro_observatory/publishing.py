"""What every public feed shares: state, caching, conditional requests, licence, citation."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from fastapi import Request, Response
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import distinct_on, insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_observatory.catalogue import Indicator, catalogue
from milagro_observatory.disclosure import ALL
from milagro_observatory.formulas import Grain, Series, compute
from milagro_observatory.settings import ObservatorySettings, observatory_settings
from milagro_observatory.store import indicator_changes, projection_state


@dataclass(frozen=True)
class State:
    version: int
    updated_at: datetime


async def current_state(session: AsyncSession) -> State:
    """The projections' version (the sum of every stream's counter) and last change."""
    row = (
        await session.execute(
            select(
                func.sum(projection_state.c.version).label("version"),
                func.max(projection_state.c.updated_at).label("updated_at"),
            )
        )
    ).one()
    return State(int(row.version), row.updated_at)


def settings_of(request: Request) -> ObservatorySettings:
    chosen = getattr(request.app.state, "observatory_settings", None)
    return chosen if isinstance(chosen, ObservatorySettings) else observatory_settings()


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
    }


class FeedCache:
    """Rendered feeds by request key, valid for one projection version."""

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


async def series_of(
    session: AsyncSession,
    request: Request,
    indicator: Indicator,
    by: list[str],
    grain: Grain,
    **window: Any,
) -> Series:
    threshold = settings_of(request).disclosure_threshold
    return await compute(session, indicator, by, grain, threshold, **window)


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
    figures = []
    for indicator in catalogue().indicators:
        series = await series_of(session, request, indicator, [], "total")
        figures.append(progress_of(series))
    return figures


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


def is_total(cell_dimensions: dict[str, str]) -> bool:
    return all(v == ALL for v in cell_dimensions.values())
