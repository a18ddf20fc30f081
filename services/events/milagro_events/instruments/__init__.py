"""Assessment instruments: questionnaires kept as versioned data files beside this module.

A file `<id>.v<version>.json` holds an instrument's texts in every programme language, its
answer scale, its items and its scoring rules. A new instrument or a new version is a new
file, never an edit of a published one: submitted scores must stay comparable with the
version that produced them. Every file is checked when this module is imported, so a
broken one stops the service at start-up, not at a participant's submission.
"""

from importlib.resources import files
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

LANGUAGES = ("en", "it", "sr", "nl")
"""The programme's languages; Serbian in Latin script."""

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,59}$")]


class Texts(BaseModel):
    """One text in every programme language: none may be missing."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_min_length=1)

    en: str
    it: str
    sr: str
    nl: str

    def in_(self, language: str) -> str:
        """The text in `language`, or in English when the instrument lacks that language."""
        return str(getattr(self, language)) if language in LANGUAGES else self.en


class Scale(BaseModel):
    """Answers are the integers from `min` to `max`, each with its label."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min: int
    max: int
    labels: dict[int, Texts]

    @model_validator(mode="after")
    def _every_point_labelled(self) -> Self:
        if self.min >= self.max:
            raise ValueError("a scale needs min < max")
        if sorted(self.labels) != list(range(self.min, self.max + 1)):
            raise ValueError(f"labels must be exactly the points {self.min}..{self.max}")
        return self


class Dimension(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    title: Texts


class Item(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    dimension: Id
    reversed: bool = False
    """Worded against the construct: scored `min + max - answer`."""
    text: Texts


class ScoreRule(BaseModel):
    """A score: the mean of the (reversal-corrected) answers to the items of `dimensions`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Id
    dimensions: list[str] = Field(min_length=1)


class Instrument(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Id
    version: int = Field(ge=1)
    title: Texts
    instructions: Texts
    scale: Scale
    dimensions: list[Dimension] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
    scores: list[ScoreRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        dimensions = [d.id for d in self.dimensions]
        _unique("dimension", dimensions)
        _unique("item", [i.id for i in self.items])
        _unique("score", [s.name for s in self.scores])
        for item in self.items:
            if item.dimension not in dimensions:
                raise ValueError(f"item {item.id}: no dimension {item.dimension}")
        for dimension in dimensions:
            if not any(i.dimension == dimension for i in self.items):
                raise ValueError(f"dimension {dimension} has no items")  # a mean of nothing
        for rule in self.scores:
            unknown = set(rule.dimensions) - set(dimensions)
            if unknown:
                raise ValueError(f"score {rule.name}: no dimension {sorted(unknown)[0]}")
        return self


def _unique(what: str, ids: list[str]) -> None:
    repeated = {i for i in ids if ids.count(i) > 1}
    if repeated:
        raise ValueError(f"{what} {sorted(repeated)[0]} appears twice")


def _load() -> dict[tuple[str, int], Instrument]:
    found = {}
    for file in files(__name__).iterdir():
        if not file.name.endswith(".json"):
            continue
        instrument = Instrument.model_validate_json(file.read_text(encoding="utf-8"))
        if file.name != f"{instrument.id}.v{instrument.version}.json":
            raise ValueError(f"{file.name} holds {instrument.id} version {instrument.version}")
        found[instrument.id, instrument.version] = instrument
    return found


INSTRUMENTS = _load()


def instrument(id: str, version: int) -> Instrument | None:
    return INSTRUMENTS.get((id, version))


def latest(id: str) -> Instrument | None:
    versions = [i for (name, _), i in INSTRUMENTS.items() if name == id]
    return max(versions, key=lambda i: i.version, default=None)


def catalogue() -> list[Instrument]:
    """The newest version of every instrument, by id."""
    ids = sorted({name for name, _ in INSTRUMENTS})
    return [i for i in map(latest, ids) if i is not None]
