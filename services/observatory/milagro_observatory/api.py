"""The observatory's public API: anonymous, aggregate-only, cached and conditional."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlalchemy import select

from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Session
from milagro_observatory import publishing as pub
from milagro_observatory.catalogue import Indicator, catalogue
from milagro_observatory.disclosure import MAX_BY
from milagro_observatory.publishing import Grain, Series
from milagro_observatory.store import release_state, releases

router = APIRouter(prefix="/v1", tags=["indicators"])

JSON = "application/json"
CSV = "text/csv; charset=utf-8"


IndicatorId = Annotated[
    str,
    Path(
        description="An indicator of the catalogue (`/v1/indicators`); another answers 404",
        json_schema_extra={"enum": [i.id for i in catalogue().indicators]},
    ),
]


def serving(media_type: str, *problems: int) -> dict[str, Any]:
    """A route's OpenAPI for a body that is not JSON: its media type, and its problems."""
    return {
        "response_class": Response,
        "responses": {200: {"content": {media_type.split(";")[0]: {}}}}
        | problem_responses(*problems),
    }


def _indicator(indicator_id: str) -> Indicator:
    indicator = catalogue().get(indicator_id)
    if indicator is None:
        raise Problem(
            404,
            "unknown-indicator",
            "Unknown indicator",
            f"no indicator {indicator_id!r}; see /v1/indicators",
        )
    return indicator


def _dimensions(indicator: Indicator, by: str | None, grain: Grain) -> list[str]:
    chosen = [d for d in (by or "").split(",") if d]
    unknown = [d for d in chosen if d not in indicator.disaggregations]
    most = MAX_BY[grain]
    if unknown or len(chosen) > most or len(set(chosen)) != len(chosen):
        raise Problem(
            400,
            "bad-disaggregation",
            "Unsupported disaggregation",
            f"period={grain} allows up to {most} distinct of {indicator.disaggregations} "
            "(two for the programme to date, one by month or quarter)",
        )
    return chosen


def _month(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1).strftime("%Y-%m")
    except ValueError as exc:
        raise Problem(400, "bad-period", "Bad period", f"{name} must be YYYY-MM") from exc


async def _cached(request: Request, state: pub.State, render: Any, media_type: str) -> Response:
    key = pub.request_key(request)
    unchanged = pub.not_modified(request, key, state)
    if unchanged is not None:
        return unchanged
    cache = pub.cache_of(request)
    hit = cache.get(key, state.version)
    if hit is None:
        hit = (await render(state), media_type)
        cache.put(key, state.version, *hit)
    return Response(hit[0], media_type=hit[1], headers=pub.validators(request, key, state))


def _describe(request: Request, indicator: Indicator) -> dict[str, Any]:
    base = pub.base_url(request)
    return {
        **indicator.model_dump(),
        "links": {
            "self": f"{base}/v1/indicators/{indicator.id}",
            "csv": f"{base}/v1/indicators/{indicator.id}.csv",
        },
    }


@router.get("/indicators", summary="The indicator catalogue")
async def list_indicators(request: Request, session: Session) -> Response:
    async def render(state: pub.State) -> bytes:
        return pub.dump(
            {
                **pub.about(request, state),
                "attribution": catalogue().attribution.model_dump(),
                "indicators": [_describe(request, i) for i in catalogue().indicators],
            }
        )

    return await _cached(request, await pub.live_state(request, session), render, JSON)


def series_document(request: Request, series: Series, state: pub.State) -> dict[str, Any]:
    indicator = series.indicator
    release = series.release
    return {
        "indicator": indicator.id,
        "title": indicator.title.model_dump(),
        "unit": indicator.unit,
        "period": series.grain,
        "by": series.by,
        "threshold": series.threshold,
        "live": release is None and not series.by and series.grain == "total",
        "release": None
        if release is None
        else {
            "number": release.number,
            "published_at": release.published_at.isoformat(),
            "changed_records": release.changed,
        },
        "progress": pub.progress_of(series) if not series.by and series.grain == "total" else None,
        "cells": [c.as_row() for c in series.cells],
        **pub.about(request, state),
    }


def series_csv(series: Series) -> bytes:
    out = io.StringIO()
    fields = ["period", *series.by, "value", "n", "ci_low", "ci_high", "suppressed"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for cell in series.cells:
        row = cell.as_row()
        row["suppressed"] = "true" if cell.suppressed else "false"
        writer.writerow({k: "" if row[k] is None else row[k] for k in fields})
    return out.getvalue().encode()


By = Annotated[
    str | None,
    Query(
        description="Dimensions to break the figures down by, comma-separated, in any order: "
        "up to two for the programme to date, one by month or quarter"
    ),
]
Period = Annotated[
    Grain,
    Query(
        description="total (programme to date; without `by`, the live headline), month or "
        "quarter (from the latest release)"
    ),
]
Since = Annotated[
    str | None,
    Query(
        alias="from", pattern=r"^\d{4}-\d{2}$", description="First month listed (month, quarter)"
    ),
]
Until = Annotated[
    str | None,
    Query(alias="to", pattern=r"^\d{4}-\d{2}$", description="Last month (month, quarter)"),
]


Only = Annotated[
    str | None,
    Query(
        max_length=40,
        description="Only the rows with this value (the dimension must be in `by`)",
    ),
]


@dataclass(frozen=True)
class Selection:
    """What a request for a table asks for: its breakdown, period, months and filters."""

    indicator: Indicator
    dims: list[str]
    period: Grain
    window: dict[str, str | None]
    only: dict[str, str]

    def keep(self, series: Series) -> Series:
        """The series with only the rows the filters keep."""
        series.cells = [
            c for c in series.cells if all(c.dimensions.get(d) == v for d, v in self.only.items())
        ]
        return series


def selection(
    indicator_id: str,
    by: str | None,
    period: Grain,
    since: str | None,
    until: str | None,
    only: dict[str, str | None],
) -> Selection:
    """A table request checked: 404 for an unknown indicator, 400 for what it cannot ask."""
    indicator = _indicator(indicator_id)
    dims = _dimensions(indicator, by, period)
    chosen = {d: v for d, v in only.items() if v is not None}
    if any(d not in dims for d in chosen):
        raise Problem(
            400,
            "filter-needs-breakdown",
            "Filter without its breakdown",
            f"to keep only some {', '.join(chosen)} rows, break the figures down by "
            f"{', '.join(d for d in chosen if d not in dims)} too (by=...)",
        )
    window = {"since": _month(since, "from"), "until": _month(until, "to")}
    if period == "total" and (since or until):
        raise Problem(
            400,
            "bad-period",
            "Bad period",
            "from/to choose the months or quarters listed; the total is always the "
            "programme to date",
        )
    return Selection(indicator, dims, period, window, chosen)


async def table_request(
    indicator_id: IndicatorId,
    by: By = None,
    period: Period = "total",
    since: Since = None,
    until: Until = None,
    partner: Only = None,
    country: Only = None,
    group: Only = None,
) -> Selection:
    only = {"partner": partner, "country": country, "group": group}
    return selection(indicator_id, by, period, since, until, only)


TableRequest = Annotated[Selection, Depends(table_request)]
"""A table's query parameters, checked (live tables and editions' take the same)."""


async def _series(request: Request, session: Any, chosen: Selection, as_csv: bool) -> Response:
    source = await pub.table(request, session, chosen.indicator, chosen.dims, chosen.period)

    async def render(state: pub.State) -> bytes:
        series = chosen.keep(await source.series(request, session, **chosen.window))
        if as_csv:
            return series_csv(series)
        return pub.dump(series_document(request, series, state))

    return await _cached(request, source.state, render, CSV if as_csv else JSON)


@router.get(
    "/indicators/{indicator_id}.csv",
    summary="One indicator's series as CSV",
    **serving(CSV, 400, 404),
)
async def indicator_csv(request: Request, session: Session, chosen: TableRequest) -> Response:
    return await _series(request, session, chosen, True)


@router.get(
    "/indicators/{indicator_id}",
    summary="One indicator's series",
    responses=problem_responses(400, 404),
)
async def indicator_series(request: Request, session: Session, chosen: TableRequest) -> Response:
    return await _series(request, session, chosen, False)


@router.get("/progress", summary="Every indicator against its target")
async def progress(request: Request, session: Session) -> Response:
    async def render(state: pub.State) -> bytes:
        figures = await pub.progress(session, request)
        await pub.record_changes(session, figures, state)
        return pub.dump({**pub.about(request, state), "indicators": figures})

    return await _cached(request, await pub.live_state(request, session), render, JSON)


@router.get("/releases", summary="The latest release of every indicator's tables")
async def list_releases(request: Request, session: Session) -> Response:
    """Tables with a dimension, or by month or quarter, are published in releases: a new one
    only once enough records changed, so no table difference singles anyone out."""
    # the versions this process serves, so a reader can tell when it has caught up
    published = await pub.watcher_of(request).current(session)
    checked = (await session.execute(select(release_state))).one_or_none()
    rows = (
        await session.execute(
            select(
                releases.c.indicator, releases.c.number, releases.c.published_at, releases.c.changed
            )
        )
    ).all()
    document = {
        "checked_version": published.checked_version,
        "checked_at": None if checked is None else checked.checked_at.isoformat(),
        "batch": pub.settings_of(request).disclosure_threshold,
        "releases": [
            {
                "indicator": r.indicator,
                "number": r.number,
                "published_at": r.published_at.isoformat(),
                "changed_records": r.changed,
            }
            for r in sorted(rows)
        ],
        **pub.about(request, published.projection),
    }
    # not cached: it changes when the releases are looked at, not only when data moves
    return Response(pub.dump(document), media_type=JSON, headers={"Cache-Control": "no-cache"})
