"""The indicator catalogue: indicators defined as data in `indicators.yaml`."""

from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

LANGUAGES = ("en", "it", "sr", "nl")

FormulaKind = Literal[
    "count",
    "count_distinct_participants",
    "count_distinct_items",
    "sum",
    "mean",
    "share",
    "paired_change",
]
COUNTS: frozenset[str] = frozenset({"count", "count_distinct_participants", "count_distinct_items"})
"""Formula kinds whose figures are whole numbers."""
WINDOWED: frozenset[str] = frozenset({"count_distinct_participants", "count_distinct_items"})
"""Formula kinds that may count over a rolling window (`within_days`)."""
Dimension = Literal[
    "partner", "country", "group", "migrant_status", "gender", "age_band", "activity_kind", "side"
]
FILTER_FIELDS = frozenset(
    {
        "fact",
        "tag",
        "item",
        "activity_kind",
        "partner",
        "country",
        "group",
        "migrant_status",
        "gender",
        "age_band",
    }
)
FACT_KINDS = frozenset(
    {
        "registration",
        "attendance",
        "training",
        "facilitation",
        "activity_held",
        "camp",
        "assessment",
        "academy",
        "coach_enrolment",
        "newcomer_enrolment",
        "session",
        "feedback",
    }
)

Condition = dict[str, str | list[str]]


class Text(BaseModel):
    """A text in every language of the dashboard."""

    model_config = ConfigDict(frozen=True)

    en: str
    it: str
    sr: str
    nl: str


class Formula(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: FormulaKind
    match: list[Condition] = Field(min_length=1)
    numerator: Condition | None = None
    divide_by: float = 1.0
    within_days: int | None = Field(
        None,
        gt=0,
        description="count only facts that happened in the last so many days (a rolling "
        "window ending now, so the figure moves with the calendar)",
    )

    @model_validator(mode="after")
    def _known_fields(self) -> "Formula":
        for condition in [*self.match, *([self.numerator] if self.numerator else [])]:
            unknown = set(condition) - FILTER_FIELDS
            if unknown:
                raise ValueError(f"unknown filter fields {sorted(unknown)}")
            kinds = condition.get("fact", [])
            for kind in [kinds] if isinstance(kinds, str) else kinds:
                if kind not in FACT_KINDS:
                    raise ValueError(f"unknown kind of fact {kind!r}")
        if (self.kind == "share") != (self.numerator is not None):
            raise ValueError("a share, and only a share, has a numerator")
        if self.within_days is not None and self.kind not in WINDOWED:
            # the live headline keeps, per person and item, when their last fact happened:
            # enough to count who or what is in the window, not to add up its facts
            raise ValueError(f"within_days applies to {' and '.join(sorted(WINDOWED))} only")
        return self


class Target(BaseModel):
    model_config = ConfigDict(frozen=True)

    value: float
    upper: float | None = None


class Indicator(BaseModel):
    """One impact indicator: what it means, how it is computed, what it aims at."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: Text
    description: Text
    unit: str
    sources: list[str]
    formula: Formula
    people: bool
    disaggregations: list[Dimension]
    target: Target | None = None
    direction: Literal["up", "down"]
    consent: Literal["programme", "research"] = Field(
        "programme",
        description="programme: counts everyone taking part (what the funder is reported); "
        "research: counts only people who gave research_statistics consent",
    )

    @model_validator(mode="after")
    def _country_with_partner(self) -> "Indicator":
        # a country is published as the sum of its partners, so it needs them
        if "country" in self.disaggregations and "partner" not in self.disaggregations:
            raise ValueError("an indicator broken down by country is broken down by partner")
        return self


class Licence(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    name: str
    url: str


class Catalogue(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int
    attribution: Text
    """How facts are attributed to people's attributes, said once for every indicator."""
    licence: Licence
    citation: str
    indicators: list[Indicator]

    @model_validator(mode="after")
    def _unique(self) -> "Catalogue":
        ids = [i.id for i in self.indicators]
        if len(ids) != len(set(ids)):
            raise ValueError("indicator ids must be unique")
        return self

    def get(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


def parse(text: str) -> Catalogue:
    """A catalogue from its YAML text (validated)."""
    return Catalogue.model_validate(yaml.safe_load(text))


@lru_cache
def catalogue() -> Catalogue:
    """The catalogue shipped with the service."""
    return parse(resources.files(__package__).joinpath("indicators.yaml").read_text("utf-8"))
