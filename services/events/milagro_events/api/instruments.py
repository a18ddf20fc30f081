"""Assessment instruments, for the forms that show them: any authenticated caller."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from milagro_events.instruments import LANGUAGES, Instrument, catalogue, instrument, latest
from milagro_kit.auth import AUTH_RESPONSES, Caller
from milagro_kit.problems import not_found, problem_responses

router = APIRouter(prefix="/v1/instruments", tags=["assessments"])

Language = Annotated[
    str,
    Query(
        pattern=r"^[a-z]{2,3}$",
        description=f"One of {', '.join(LANGUAGES)}; any other gives English",
    ),
]


class InstrumentSummary(BaseModel):
    id: str
    version: int
    title: str
    language: str
    """The language of the texts: the one asked for, or English."""
    languages: list[str]


class Point(BaseModel):
    value: int
    label: str


class DimensionOut(BaseModel):
    id: str
    title: str


class ItemOut(BaseModel):
    id: str
    dimension: str
    text: str
    reversed: bool = Field(
        description="Scored max + min - answer: the scoring key is public, as a "
        "published instrument's is"
    )


class InstrumentOut(InstrumentSummary):
    instructions: str
    scale: list[Point]
    dimensions: list[DimensionOut]
    items: list[ItemOut]
    scores: list[str]


def _language(asked: str) -> str:
    return asked if asked in LANGUAGES else "en"


def _summary(found: Instrument, language: str) -> InstrumentSummary:
    return InstrumentSummary(
        id=found.id,
        version=found.version,
        title=found.title.in_(language),
        language=language,
        languages=list(LANGUAGES),
    )


@router.get(
    "",
    response_model=list[InstrumentSummary],
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="The instruments, newest versions",
)
async def list_instruments(caller: Caller, lang: Language = "en") -> list[InstrumentSummary]:
    return [_summary(i, _language(lang)) for i in catalogue()]


@router.get(
    "/{instrument_id}",
    response_model=InstrumentOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One instrument, to show its questions",
    description="The newest version unless `version` is given. Items in instrument order; "
    "answers are the scale's values.",
)
async def read_instrument(
    instrument_id: str,
    caller: Caller,
    lang: Language = "en",
    version: Annotated[int | None, Query(ge=1)] = None,
) -> InstrumentOut:
    found = latest(instrument_id) if version is None else instrument(instrument_id, version)
    if found is None:
        raise not_found("instrument")
    language = _language(lang)
    points = sorted(found.scale.labels.items())
    return InstrumentOut(
        **_summary(found, language).model_dump(),
        instructions=found.instructions.in_(language),
        scale=[Point(value=v, label=t.in_(language)) for v, t in points],
        dimensions=[DimensionOut(id=d.id, title=d.title.in_(language)) for d in found.dimensions],
        items=[
            ItemOut(id=i.id, dimension=i.dimension, text=i.text.in_(language), reversed=i.reversed)
            for i in found.items
        ],
        scores=[s.name for s in found.scores],
    )
