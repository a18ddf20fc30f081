"""Feeds for data users: a Frictionless Data Package, an Atom feed, a live SSE stream."""

import functools
import io
import zipfile
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy import select

from milagro_kit.database import Database
from milagro_kit.problems import Problem
from milagro_kit.service import Session
from milagro_observatory import publishing as pub
from milagro_observatory.api import JSON, IndicatorId, _cached, _indicator, series_csv, serving
from milagro_observatory.catalogue import Indicator, catalogue
from milagro_observatory.disclosure import ALL, TOTAL
from milagro_observatory.releases import Release
from milagro_observatory.store import indicator_changes

router = APIRouter(prefix="/v1", tags=["feeds"])


def package_dimensions(indicator: Indicator) -> list[str]:
    """What each data package resource is broken down by: partner, and group if it has one."""
    return [d for d in ("partner", "group") if d in indicator.disaggregations]


def _resource(indicator: Indicator) -> dict[str, Any]:
    dims = package_dimensions(indicator)
    fields: list[dict[str, Any]] = [
        {"name": "period", "type": "string", "description": "YYYY-MM, or 'total'"}
    ]
    fields += [{"name": d, "type": "string", "description": "'all' is the margin"} for d in dims]
    fields += [
        {"name": "value", "type": "number", "description": indicator.unit},
        {"name": "n", "type": "integer", "description": "people behind the value"},
        {"name": "ci_low", "type": "number"},
        {"name": "ci_high", "type": "number"},
        {"name": "suppressed", "type": "boolean", "description": "hidden for disclosure control"},
    ]
    return {
        "name": indicator.id,
        "path": f"data/{indicator.id}.csv",
        "title": indicator.title.en,
        "description": indicator.description.en,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "missingValues": [""]},
    }


def descriptor(request: Request, state: pub.State) -> dict[str, Any]:
    info = pub.about(request, state)
    return package_descriptor(
        base=pub.base_url(request),
        citation=info["citation"],
        version=f"{catalogue().version}.{state.version}",
        created=info["last_updated"],
    )


def package_descriptor(*, base: str, citation: str, version: str, created: str) -> dict[str, Any]:
    """The Frictionless descriptor of the package (live, or one edition's)."""
    cat = catalogue()
    return {
        "name": "milagro-impact-indicators",
        "title": "MILAGRO impact indicators",
        "description": "Aggregate, disclosure-controlled impact indicators of the MILAGRO "
        "programme, from each indicator's latest release: by month and partner, by month and "
        "group, and by partner and group for the programme to date. Cells about fewer people "
        "than the threshold, and the cells they could be worked out from, are suppressed; "
        "see the disclosure document linked as `disclosure`.",
        "version": version,
        "created": created,
        "homepage": base + "/dashboard/",
        "licenses": [{"name": cat.licence.id, "path": cat.licence.url, "title": cat.licence.name}],
        "citation": citation,
        "resources": [_resource(i) for i in cat.indicators],
    }


def package_csv(release: Release | None, indicator: Indicator, threshold: int) -> bytes:
    """A release's resource: monthly rows by each package dimension, and the programme to
    date by all of them."""
    dims = package_dimensions(indicator)
    rows = pub.released_series(release, indicator, dims, "total", threshold)
    seen = set()
    for by in [[d] for d in dims] or [[]]:
        monthly = pub.released_series(release, indicator, by, "month", threshold)
        for cell in monthly.cells:
            cell.dimensions = {d: cell.dimensions.get(d, ALL) for d in dims}
            key = (cell.period, tuple(cell.dimensions.values()))
            if key not in seen:
                seen.add(key)
                rows.cells.append(cell)
    rows.cells.sort(key=lambda c: (c.period == TOTAL, c.period))
    return series_csv(rows)


async def _resource_csv(session: Any, request: Request, indicator: Indicator) -> bytes:
    release = await pub.latest_release(request, session, indicator)
    return package_csv(release, indicator, pub.settings_of(request).disclosure_threshold)


def zipped(files: dict[str, bytes], when: datetime) -> bytes:
    """A zip whose bytes depend on its files and `when` only (no clock, no file system), so
    the same content always gives the same checksum."""
    buffer = io.BytesIO()
    stamp = when.astimezone(UTC).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(max(stamp[0], 1980), *stamp[1:]))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


@router.get("/datapackage.json", summary="The Frictionless Data Package descriptor")
async def datapackage(request: Request, session: Session) -> Response:
    async def render(state: pub.State) -> bytes:
        return pub.dump(descriptor(request, state))

    return await _cached(request, await pub.released_state(request, session), render, JSON)


@router.get(
    "/data/{indicator_id}.csv",
    summary="One data package resource",
    **serving("text/csv", 404),
)
async def package_resource(
    request: Request, session: Session, indicator_id: IndicatorId
) -> Response:
    indicator = _indicator(indicator_id)

    async def render(state: pub.State) -> bytes:
        return await _resource_csv(session, request, indicator)

    return await _cached(
        request, await pub.released_state(request, session), render, "text/csv; charset=utf-8"
    )


@router.get(
    "/datapackage.zip", summary="The whole data package in one file", **serving("application/zip")
)
async def datapackage_zip(request: Request, session: Session) -> Response:
    async def render(state: pub.State) -> bytes:
        files = {"datapackage.json": pub.dump(descriptor(request, state))}
        for indicator in catalogue().indicators:
            files[f"data/{indicator.id}.csv"] = await _resource_csv(session, request, indicator)
        return zipped(files, state.updated_at)

    response = await _cached(
        request, await pub.released_state(request, session), render, "application/zip"
    )
    response.headers["Content-Disposition"] = 'attachment; filename="milagro-indicators.zip"'
    return response


@router.get(
    "/feed.atom", summary="Atom feed of indicator changes", **serving("application/atom+xml")
)
async def atom(request: Request, session: Session) -> Response:
    async def render(state: pub.State) -> bytes:
        await pub.record_changes(session, await pub.progress(session, request), state)
        rows = (
            await session.execute(
                select(indicator_changes).order_by(indicator_changes.c.id.desc()).limit(100)
            )
        ).all()
        base = pub.base_url(request)
        info = pub.about(request, state)
        entries = "".join(
            "<entry>"
            f"<id>tag:milagroproject.eu,2026:indicator-change:{r.id}</id>"
            f"<title>{escape(r.summary)}</title>"
            f"<updated>{r.at.isoformat()}</updated>"
            f'<link rel="alternate" href="{escape(base)}/v1/indicators/{r.indicator}"/>'
            f'<category term="{escape(r.indicator)}"/>'
            f'<content type="text">{escape(r.summary)}</content>'
            "</entry>"
            for r in rows
        )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            "<id>tag:milagroproject.eu,2026:observatory</id>"
            "<title>MILAGRO observatory: indicator changes</title>"
            f"<updated>{info['last_updated']}</updated>"
            "<author><name>MILAGRO consortium</name></author>"
            f'<link rel="self" href="{escape(base)}/v1/feed.atom"/>'
            f'<link rel="alternate" href="{escape(base)}/dashboard/"/>'
            f'<link rel="license" href="{escape(catalogue().licence.url)}"/>'
            f"<rights>{escape(catalogue().licence.name)}. {escape(info['citation'])}</rights>"
            f"{entries}</feed>"
        )
        return feed.encode()

    return await _cached(
        request, await pub.live_state(request, session), render, "application/atom+xml"
    )


@router.get(
    "/stream",
    summary="Live updates of every indicator (Server-Sent Events)",
    **serving("text/event-stream", 503),
)
async def stream(request: Request) -> StreamingResponse:
    """Each new version of the headlines, as it happens. One render per version is shared
    by every client; past `MILAGRO_LIVE_MAX_CLIENTS` clients a process answers 503."""
    watcher = pub.watcher_of(request)
    settings = pub.settings_of(request)
    if watcher.clients >= settings.live_max_clients:
        raise Problem(
            503,
            "too-many-listeners",
            "Too many live listeners",
            f"this server streams to {settings.live_max_clients} clients at most; poll "
            "/v1/progress (cached, with ETags) or try again later",
            headers={"Retry-After": "30"},
        )
    database: Database = request.app.state.database
    watcher.clients += 1

    async def render(state: pub.State) -> bytes:
        async with database.transaction() as session:
            figures = await pub.progress(session, request)
        return pub.dump({**pub.about(request, state), "indicators": figures})

    async def events() -> Any:
        try:
            sent: int | None = None
            while not await request.is_disconnected():
                now = watcher.now
                if now is not None and now.projection.version != sent:
                    state = now.projection
                    key = (state.version, pub.base_url(request))
                    body = await watcher.rendered(key, functools.partial(render, state))
                    sent = state.version
                    head = f"retry: 2000\nid: {state.version}\nevent: progress\n"
                    yield f"{head}data: {body.decode()}\n\n"
                    continue
                before = sent
                await watcher.next_version(sent, timeout=15)
                if watcher.now is None or watcher.now.projection.version == before:
                    yield ": keep-alive\n\n"
        finally:
            watcher.clients -= 1

    headers = {
        "Cache-Control": "no-cache",
        "X-Accel-Buffering": "no",
        "Access-Control-Allow-Origin": "*",
    }
    return StreamingResponse(events(), media_type="text/event-stream", headers=headers)
