"""What researchers and journalists cite beside the figures: each indicator's metadata,
and the public disclosure log (how many cells each release hides, by which rule)."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from milagro_kit.problems import problem_responses
from milagro_kit.service import Session
from milagro_observatory import publishing as pub
from milagro_observatory.api import JSON, IndicatorId, _cached, _indicator
from milagro_observatory.catalogue import Indicator, Target, Text, catalogue
from milagro_observatory.disclosure import MAX_BY
from milagro_observatory.releases import Release

router = APIRouter(prefix="/v1", tags=["downloads"])

Counts = Annotated[int, Field(ge=0)]


class Disclosure(BaseModel):
    threshold: int = Field(description="Cells about fewer people than this are hidden")
    method: str
    document: str = Field(description="The threat model and the method")
    live: str
    released: str


class ReleaseInfo(BaseModel):
    number: int
    published_at: datetime
    changed_records: int
    cells: Counts
    suppressed_small: Counts | None = Field(description="Cells hidden: too few people")
    suppressed_protecting: Counts | None = Field(
        description="Cells hidden so that no small one can be worked out"
    )


class CsvField(BaseModel):
    name: str
    type: str
    description: str


class IndicatorMetadata(BaseModel):
    """Everything needed to use and cite one indicator, beside its figures."""

    id: str
    title: Text
    description: Text
    unit: str
    sources: list[str] = Field(description="The events the indicator counts")
    formula: dict[str, Any]
    counts_people: bool
    attribution: Text = Field(description="Which of a person's attributes a fact counts under")
    consent: str
    disaggregations: list[str]
    breakdowns: dict[str, int] = Field(description="Dimensions a table may have, by period")
    target: Target | None
    direction: str
    disclosure: Disclosure
    release: ReleaseInfo | None
    last_updated: datetime
    licence: dict[str, str]
    citation: str
    links: dict[str, str]
    csv_fields: list[CsvField]


def release_info(release: Release | None) -> ReleaseInfo | None:
    if release is None:
        return None
    return ReleaseInfo(
        number=release.number,
        published_at=release.published_at,
        changed_records=release.changed,
        cells=len(release.cells),
        suppressed_small=release.suppressed.get("small"),
        suppressed_protecting=release.suppressed.get("protecting"),
    )


def metadata_of(
    request: Request, indicator: Indicator, release: Release | None, state: pub.State
) -> IndicatorMetadata:
    base = pub.base_url(request)
    return metadata_for(
        indicator,
        release,
        base=base,
        threshold=pub.settings_of(request).disclosure_threshold,
        last_updated=state.updated_at,
        citation=pub.about(request, state)["citation"],
        links={
            "json": f"{base}/v1/indicators/{indicator.id}",
            "csv": f"{base}/v1/indicators/{indicator.id}.csv",
            "releases": f"{base}/v1/releases",
            "disclosure_log": f"{base}/v1/disclosure-log",
        },
    )


def metadata_for(
    indicator: Indicator,
    release: Release | None,
    *,
    base: str,
    threshold: int,
    last_updated: datetime,
    citation: str,
    links: dict[str, str],
) -> IndicatorMetadata:
    """An indicator's metadata with its tables from `release` (the latest one, or the one
    an edition froze)."""
    return IndicatorMetadata(
        id=indicator.id,
        title=indicator.title,
        description=indicator.description,
        unit=indicator.unit,
        sources=indicator.sources,
        formula=indicator.formula.model_dump(),
        counts_people=indicator.people,
        attribution=catalogue().attribution,
        consent=indicator.consent,
        disaggregations=list(indicator.disaggregations),
        breakdowns=dict(MAX_BY),
        target=indicator.target,
        direction=indicator.direction,
        disclosure=Disclosure(
            threshold=threshold,
            method="linked-table suppression across every table, period and the partner → "
            "country hierarchy; tables in batched releases"
            if indicator.people
            else "none needed: the indicator counts no people",
            document=f"{base}/dashboard/disclosure",
            live="the programme-to-date total without a breakdown",
            released=f"every table with a breakdown or by month or quarter, renewed once "
            f"{threshold} records changed",
        ),
        release=release_info(release),
        last_updated=last_updated,
        licence=catalogue().licence.model_dump(),
        citation=citation,
        links=links,
        csv_fields=[
            CsvField(name="period", type="string", description="YYYY-MM, YYYY-Qn or total"),
            *(
                CsvField(name=d, type="string", description="a value, or 'all' (the margin)")
                for d in indicator.disaggregations
            ),
            CsvField(name="value", type="number", description=indicator.unit),
            CsvField(name="n", type="integer", description="people behind the value"),
            CsvField(name="ci_low", type="number", description="95% interval, paired changes"),
            CsvField(name="ci_high", type="number", description="95% interval, paired changes"),
            CsvField(name="suppressed", type="boolean", description="hidden (see disclosure)"),
        ],
    )


@router.get(
    "/indicators/{indicator_id}.metadata.json",
    summary="One indicator's metadata: definition, disclosure, licence, citation",
    response_model=IndicatorMetadata,
    responses=problem_responses(404),
)
async def indicator_metadata(
    request: Request, session: Session, indicator_id: IndicatorId
) -> Response:
    indicator = _indicator(indicator_id)
    release = await pub.latest_release(request, session, indicator)
    state = pub.state_of(release) if release else await pub.live_state(request, session)

    async def render(state: pub.State) -> bytes:
        return metadata_of(request, indicator, release, state).model_dump_json().encode()

    return await _cached(request, state, render, JSON)


class LogEntry(BaseModel):
    indicator: str
    release: ReleaseInfo | None


class DisclosureLog(BaseModel):
    """For each indicator's current release: how many cells are hidden, by which rule."""

    threshold: int
    document: str
    entries: list[LogEntry]


@router.get(
    "/disclosure-log",
    summary="How many cells each indicator's release hides, and why (never which)",
    response_model=DisclosureLog,
)
async def disclosure_log(request: Request, session: Session) -> Response:
    state = await pub.released_state(request, session)

    async def render(state: pub.State) -> bytes:
        entries = [
            LogEntry(
                indicator=indicator.id,
                release=release_info(await pub.latest_release(request, session, indicator)),
            )
            for indicator in catalogue().indicators
        ]
        log = DisclosureLog(
            threshold=pub.settings_of(request).disclosure_threshold,
            document=pub.base_url(request) + "/dashboard/disclosure",
            entries=entries,
        )
        return log.model_dump_json().encode()

    return await _cached(request, state, render, JSON)
