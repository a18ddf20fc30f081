"""Editions: dated, frozen, citable snapshots of the whole public data package.

Not the `releases` of `releases.py`: those are the disclosure control's batches, one
indicator's disaggregated tables renewed once enough records changed, each replacing the
last. An *edition* freezes, at one moment, every indicator's latest release together with
what a reader needs beside it: the Frictionless data package (`datapackage.json`, one CSV
per indicator), each indicator's `.metadata.json`, the disclosure log as it was, and a
citation. It is kept in PostgreSQL as one zip, served byte for byte, so the SHA-256
checksum published with it verifies any copy, and an article can cite "edition 7 of
2027-03-01" and point at figures that will never move. Each indicator's tables stay
queryable as of an edition, with the same filters as the live ones.

A monthly edition is cut at the first look in each month (the service's background task,
by one replica at a time: an advisory lock, and one edition a month at most in the
database); staff cut one on demand (`POST /v1/editions`). Editions are numbered 1, 2, ...
in the order they were cut; a rebuild keeps them.
"""

import asyncio
import base64
import hashlib
import io
import logging
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Path, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.auth import AUTH_RESPONSES, Principal, StaffRole, require
from milagro_kit.database import Database
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Session
from milagro_observatory import publishing as pub
from milagro_observatory.api import (
    CSV,
    JSON,
    IndicatorId,
    TableRequest,
    _cached,
    _indicator,
    series_csv,
    serving,
)
from milagro_observatory.background import every
from milagro_observatory.catalogue import Indicator, catalogue
from milagro_observatory.downloads import (
    DisclosureLog,
    IndicatorMetadata,
    LogEntry,
    ReleaseInfo,
    metadata_for,
    release_info,
)
from milagro_observatory.embeds import HTML, SVG, Chart, ChartRequest, chart, embed_page
from milagro_observatory.feeds import package_csv, package_descriptor, zipped
from milagro_observatory.releases import Release, parse
from milagro_observatory.settings import ObservatorySettings
from milagro_observatory.store import edition_tables, editions, releases

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["editions"])

EDITION_LOCK = 0x656474  # held by whoever cuts an edition
Kind = Literal["monthly", "on-demand"]


@dataclass(frozen=True)
class Edition:
    number: int
    published_at: datetime
    kind: Kind
    base: str

    @property
    def url(self) -> str:
        return f"{self.base}/v1/editions/{self.number}"

    def citation(self) -> str:
        """The catalogue's citation, naming the edition and where it stays."""
        cat = catalogue()
        day = self.published_at.date().isoformat()
        version = f"{cat.version}, edition {self.number} of {day}"
        return cat.citation.format(year=self.published_at.year, version=version, url=self.url)


def public_base(settings: ObservatorySettings) -> str:
    """The URL an edition's links and citation carry: frozen with it, whoever cut it."""
    return (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")


def package_files(
    edition: Edition, frozen: dict[str, Release | None], threshold: int
) -> dict[str, bytes]:
    """Every file of an edition's zip (CPU only: run it off the loop)."""
    citation = edition.citation()
    descriptor = package_descriptor(
        base=edition.base,
        citation=citation,
        version=f"{catalogue().version}.edition-{edition.number}",
        created=edition.published_at.isoformat(),
    )
    descriptor["edition"] = {
        "number": edition.number,
        "published_at": edition.published_at.isoformat(),
        "kind": edition.kind,
        "url": edition.url,
        "metadata": "metadata/<indicator>.metadata.json",
        "disclosure_log": "disclosure-log.json",
    }
    files = {
        "datapackage.json": pub.dump(descriptor),
        "CITATION.txt": f"{citation}\n\nLicence: {catalogue().licence.url}\n".encode(),
        "disclosure-log.json": disclosure_log(edition, frozen, threshold)
        .model_dump_json()
        .encode(),
    }
    for indicator in catalogue().indicators:
        release = frozen.get(indicator.id)
        files[f"data/{indicator.id}.csv"] = package_csv(release, indicator, threshold)
        metadata = metadata_for(
            indicator,
            release,
            base=edition.base,
            threshold=threshold,
            last_updated=edition.published_at,
            citation=citation,
            links=edition_links(edition.base, edition.number, indicator),
        )
        files[f"metadata/{indicator.id}.metadata.json"] = metadata.model_dump_json().encode()
    return files


def edition_links(base: str, number: int, indicator: Indicator) -> dict[str, str]:
    at = f"{base}/v1/editions/{number}"
    return {
        "edition": at,
        "zip": f"{at}.zip",
        "csv": f"{at}/indicators/{indicator.id}.csv",
        "metadata": f"{at}/indicators/{indicator.id}.metadata.json",
        "svg": f"{at}/indicators/{indicator.id}.svg",
        "disclosure_log": f"{at}/disclosure-log",
    }


def disclosure_log(
    edition: Edition, frozen: dict[str, Release | None], threshold: int
) -> DisclosureLog:
    return DisclosureLog(
        threshold=threshold,
        document=f"{edition.base}/dashboard/disclosure",
        entries=[
            LogEntry(indicator=i.id, release=release_info(frozen.get(i.id)))
            for i in catalogue().indicators
        ],
    )


async def cut_monthly(
    session: AsyncSession, settings: ObservatorySettings, month: str
) -> int | None:
    """This month's edition, if it is due: by one replica only, and only once something
    was published; its number, or None."""
    locked = await session.scalar(select(func.pg_try_advisory_xact_lock(EDITION_LOCK)))
    if not locked or await session.scalar(
        select(editions.c.number).where(editions.c.month == month)
    ):
        return None
    rows = (await session.execute(select(releases))).all()
    return await _freeze(session, settings, rows, "monthly", month) if rows else None


async def cut_on_demand(session: AsyncSession, settings: ObservatorySettings) -> int:
    """An edition now (after any other being cut); 409 before anything was published."""
    await session.execute(select(func.pg_advisory_xact_lock(EDITION_LOCK)))
    rows = (await session.execute(select(releases))).all()
    if not rows:
        raise Problem(
            409,
            "nothing-to-freeze",
            "Nothing published yet",
            "no indicator has had a release: an edition would be empty",
        )
    return await _freeze(session, settings, rows, "on-demand", None)


async def _freeze(
    session: AsyncSession,
    settings: ObservatorySettings,
    rows: Sequence[Any],
    kind: Kind,
    month: str | None,
) -> int:
    """Every indicator's latest release (`rows`) frozen into a new edition; its number."""
    number = int(await session.scalar(select(func.max(editions.c.number))) or 0) + 1
    now: datetime = (await session.execute(select(func.now()))).scalar_one()
    published_at = now.astimezone(UTC)
    edition = Edition(number, published_at, kind, public_base(settings))
    frozen: dict[str, Release | None] = {
        r.indicator: parse(r.indicator, r.number, r.published_at, r.changed, r.document)
        for r in rows
    }
    threshold = settings.disclosure_threshold
    files = await asyncio.to_thread(package_files, edition, frozen, threshold)
    archive = zipped(files, published_at)
    await session.execute(
        insert(editions).values(
            number=number,
            published_at=published_at,
            kind=kind,
            month=month,
            base_url=edition.base,
            citation=edition.citation(),
            sha256=hashlib.sha256(archive).hexdigest(),
            archive=archive,
        )
    )
    documents = {r.indicator: r for r in rows}
    tables = []
    for indicator in catalogue().indicators:
        release, row = frozen.get(indicator.id), documents.get(indicator.id)
        tables.append(
            {
                "edition": number,
                "indicator": indicator.id,
                "release": None if release is None else release.number,
                "release_published_at": None if release is None else release.published_at,
                "changed": None if release is None else release.changed,
                "document": None if row is None else row.document,
                "cells": 0 if release is None else len(release.cells),
                "suppressed_small": None if release is None else release.suppressed.get("small"),
                "suppressed_protecting": None
                if release is None
                else release.suppressed.get("protecting"),
            }
        )
    await session.execute(insert(edition_tables), tables)
    return number


async def keep_editions(app: FastAPI) -> None:
    """The service's background task: cut this month's edition once it is due."""
    database: Database = app.state.database
    settings: ObservatorySettings = app.state.settings

    async def look() -> None:
        month = datetime.now(UTC).strftime("%Y-%m")
        try:
            async with database.transaction() as session:
                number = await cut_monthly(session, settings, month)
        except IntegrityError:
            return  # another replica cut this month's edition first
        if number is not None:
            log.info("monthly edition %s of %s cut", number, month)

    await every(settings.edition_interval_s, look, "editions")


# --- the public API ----------------------------------------------------------------------


class EditionInfo(BaseModel):
    """One dated edition, and how to get and cite it."""

    number: int
    date: str = Field(description="YYYY-MM-DD (UTC) of publication")
    published_at: datetime
    kind: Kind
    month: str | None = Field(description="The month of a monthly edition")
    citation: str
    licence: dict[str, str]
    sha256: str = Field(description="Checksum of the zip, hexadecimal")
    bytes: int
    download: str
    links: dict[str, str]


class EditionList(BaseModel):
    editions: list[EditionInfo]


class EditionDetail(EditionInfo):
    disclosure_log: DisclosureLog


Number = Annotated[int, Path(ge=1, le=2**31 - 1, description="The edition's number")]


def info_of(request: Request, row: Any) -> EditionInfo:
    at = f"{pub.base_url(request)}/v1/editions/{row.number}"
    return EditionInfo(
        number=row.number,
        date=row.published_at.astimezone(UTC).date().isoformat(),
        published_at=row.published_at,
        kind=row.kind,
        month=row.month,
        citation=row.citation,
        licence=catalogue().licence.model_dump(),
        sha256=row.sha256,
        bytes=row.bytes,
        download=f"{at}.zip",
        links={"self": at, "zip": f"{at}.zip", "disclosure_log": f"{at}/disclosure-log"},
    )


_LISTED = (
    editions.c.number,
    editions.c.published_at,
    editions.c.kind,
    editions.c.month,
    editions.c.citation,
    editions.c.sha256,
    func.length(editions.c.archive).label("bytes"),
)


async def _edition(session: AsyncSession, number: int) -> Any:
    row = (await session.execute(select(*_LISTED).where(editions.c.number == number))).first()
    if row is None:
        raise _unknown(number)
    return row


def _unknown(number: int) -> Problem:
    return Problem(
        404, "unknown-edition", "Unknown edition", f"no edition {number}; see /v1/editions"
    )


def _state(row: Any) -> pub.State:
    """An edition never changes: its number is its version (for caches and ETags)."""
    return pub.State(row.number, row.published_at)


@router.get("/editions", summary="Every dated edition of the data package")
async def list_editions(request: Request, session: Session) -> EditionList:
    rows = (await session.execute(select(*_LISTED).order_by(editions.c.number.desc()))).all()
    return EditionList(editions=[info_of(request, r) for r in rows])


@router.post(
    "/editions",
    summary="Cut an edition now (staff)",
    status_code=201,
    responses=AUTH_RESPONSES | problem_responses(409),
)
async def cut_edition(
    request: Request,
    response: Response,
    session: Session,
    caller: Annotated[Principal, require(StaffRole.staff)],
) -> EditionInfo:
    number = await cut_on_demand(session, pub.settings_of(request))
    log.info("edition %s cut on demand by %s", number, caller.audit_name)
    row = await _edition(session, number)
    response.headers["Location"] = f"/v1/editions/{number}"
    return info_of(request, row)


class LogRow(BaseModel):
    edition: int
    published_at: datetime
    indicator: str
    release: ReleaseInfo | None = Field(description="The indicator's release the edition froze")


class EditionsLog(BaseModel):
    """For each edition and each indicator: how many cells were hidden, by which rule."""

    document: str
    rows: list[LogRow]


@router.get(
    "/editions/disclosure-log",
    summary="Every edition's disclosure log: cells hidden per indicator and rule (never which)",
)
async def editions_disclosure_log(request: Request, session: Session) -> EditionsLog:
    rows = (
        await session.execute(
            select(edition_tables, editions.c.published_at)
            .join(editions, editions.c.number == edition_tables.c.edition)
            .order_by(edition_tables.c.edition.desc(), edition_tables.c.indicator)
        )
    ).all()
    return EditionsLog(
        document=pub.base_url(request) + "/dashboard/disclosure",
        rows=[
            LogRow(
                edition=r.edition,
                published_at=r.published_at,
                indicator=r.indicator,
                release=None
                if r.release is None
                else ReleaseInfo(
                    number=r.release,
                    published_at=r.release_published_at,
                    changed_records=r.changed,
                    cells=r.cells,
                    suppressed_small=r.suppressed_small,
                    suppressed_protecting=r.suppressed_protecting,
                ),
            )
            for r in rows
        ],
    )


@router.get(
    "/editions/{number}.zip",
    summary="An edition's zip, byte for byte as when it was cut",
    **serving("application/zip", 404),
)
async def edition_zip(request: Request, session: Session, number: Number) -> Response:
    row = (
        await session.execute(
            select(editions.c.published_at, editions.c.sha256, editions.c.archive).where(
                editions.c.number == number
            )
        )
    ).first()
    if row is None:
        raise _unknown(number)
    digest = base64.b64encode(bytes.fromhex(row.sha256)).decode()
    name = f"milagro-indicators-edition-{number}-{row.published_at.date().isoformat()}.zip"
    headers = {
        "ETag": f'"{row.sha256}"',
        "Content-Digest": f"sha-256=:{digest}:",
        "Cache-Control": "public, max-age=31536000, immutable",
        "Content-Disposition": f'attachment; filename="{name}"',
        "Access-Control-Allow-Origin": "*",
    }
    if f'"{row.sha256}"' in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(row.archive, media_type="application/zip", headers=headers)


@router.get(
    "/editions/{number}",
    summary="One edition, with its disclosure log",
    responses=problem_responses(404),
)
async def edition_detail(request: Request, session: Session, number: Number) -> EditionDetail:
    row = await _edition(session, number)
    return EditionDetail(
        **info_of(request, row).model_dump(),
        disclosure_log=DisclosureLog.model_validate_json(
            await _member(session, row.number, "disclosure-log.json")
        ),
    )


@router.get(
    "/editions/{number}/disclosure-log",
    summary="How many cells each indicator's table hid in this edition, and why",
    response_model=DisclosureLog,
    responses=problem_responses(404),
)
async def edition_disclosure_log(request: Request, session: Session, number: Number) -> Response:
    row = await _edition(session, number)

    async def render(state: pub.State) -> bytes:
        return await _member(session, row.number, "disclosure-log.json")

    return await _cached(request, _state(row), render, JSON)


async def _member(session: AsyncSession, number: int, name: str) -> bytes:
    """One file of an edition's zip, as frozen."""
    query = select(editions.c.archive).where(editions.c.number == number)
    archive: bytes = (await session.execute(query)).scalar_one()
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return opened.read(name)


async def _frozen_release(
    session: AsyncSession, number: int, indicator: Indicator
) -> Release | None:
    row = (
        await session.execute(
            select(edition_tables).where(
                edition_tables.c.edition == number, edition_tables.c.indicator == indicator.id
            )
        )
    ).first()
    if row is None or row.document is None:
        return None
    return parse(indicator.id, row.release, row.release_published_at, row.changed, row.document)


@router.get(
    "/editions/{number}/indicators/{indicator_id}.csv",
    summary="One indicator's table as of an edition, as CSV (the live CSV's filters)",
    **serving(CSV, 400, 404),
)
async def edition_csv(
    request: Request, session: Session, number: Number, chosen: TableRequest
) -> Response:
    row = await _edition(session, number)

    async def render(state: pub.State) -> bytes:
        release = await _frozen_release(session, number, chosen.indicator)
        threshold = pub.settings_of(request).disclosure_threshold
        series = pub.released_series(
            release, chosen.indicator, chosen.dims, chosen.period, threshold, **chosen.window
        )
        return series_csv(chosen.keep(series))

    return await _cached(request, _state(row), render, CSV)


@router.get(
    "/editions/{number}/indicators/{indicator_id}.metadata.json",
    summary="One indicator's metadata as of an edition",
    response_model=IndicatorMetadata,
    responses=problem_responses(404),
)
async def edition_metadata(
    request: Request, session: Session, number: Number, indicator_id: IndicatorId
) -> Response:
    indicator = _indicator(indicator_id)
    row = await _edition(session, number)

    async def render(state: pub.State) -> bytes:
        return await _member(session, number, f"metadata/{indicator.id}.metadata.json")

    return await _cached(request, _state(row), render, JSON)


async def _frozen_chart(
    request: Request, session: AsyncSession, number: int, chosen: ChartRequest, page: bool
) -> Response:
    row = await _edition(session, number)

    async def render(state: pub.State) -> bytes:
        release = await _frozen_release(session, number, chosen.indicator)
        threshold = pub.settings_of(request).disclosure_threshold
        series = pub.released_series(release, chosen.indicator, chosen.dims, "total", threshold)
        name = f"{row.number} ({row.published_at.date().isoformat()})"
        svg = chart(series, chosen.lang, catalogue().licence.id, edition=name)
        if not page:
            return svg.encode()
        at = f"{pub.base_url(request)}/v1/editions/{number}"
        return embed_page(svg, chosen.lang, chosen.title(), {"more": at, "csv": chosen.csv(at)})

    return await _cached(request, _state(row), render, HTML if page else SVG)


@router.get(
    "/editions/{number}/indicators/{indicator_id}.svg",
    summary="One indicator as a chart to embed, as of an edition (SVG, four languages)",
    **serving(SVG, 400, 404),
)
async def edition_chart(
    request: Request, session: Session, number: Number, chosen: Chart
) -> Response:
    return await _frozen_chart(request, session, number, chosen, page=False)


@router.get(
    "/editions/{number}/indicators/{indicator_id}.html",
    summary="One indicator's chart as of an edition, as a page for an <iframe>",
    **serving(HTML, 400, 404),
)
async def edition_embed(
    request: Request, session: Session, number: Number, chosen: Chart
) -> Response:
    return await _frozen_chart(request, session, number, chosen, page=True)
