"""A participant's statistical attributes over time, from assertions in any order.

The registry asserts attributes twice over: a registration states them all, an update
only those it changes. Events reach the observatory in whatever order the streams and
their redeliveries make, so the assertions are kept, not applied in place, and folded in
the order of their own times: the attributes at a moment are those of the last version
that began at or before it. Pure functions, so the rule is tested without a database.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

DIMENSIONS = ("group", "migrant_status", "gender", "age_band")

Attributes = Mapping[str, str | None]


@dataclass(frozen=True)
class Assertion:
    """One registration or update: when it took effect and what it says."""

    valid_from: datetime
    asserted_at: datetime
    registration: bool
    values: Attributes
    """Only the dimensions asserted (a registration asserts all, `None` included)."""


@dataclass(frozen=True)
class Version:
    valid_from: datetime
    attributes: Attributes


def versions(assertions: Iterable[Assertion]) -> list[Version]:
    """The successive complete versions, oldest first.

    At one instant a registration comes before an update; between two assertions of one
    instant and kind, the later envelope wins, as it would have applied in place.
    """
    ordered = sorted(assertions, key=lambda a: (a.valid_from, not a.registration, a.asserted_at))
    current: dict[str, str | None] = dict.fromkeys(DIMENSIONS)
    out: list[Version] = []
    for assertion in ordered:
        current = current | dict(assertion.values)
        out.append(Version(assertion.valid_from, current))
    return out


def at(history: Sequence[Version], moment: datetime) -> Attributes | None:
    """The attributes in force at `moment`, or `None` if nothing is known.

    A fact dated before the first version (a pre-assessment entered with the registration,
    an attendance recorded before the paperwork) takes the first version: the earliest
    known description of the person, whatever order things were recorded in.
    """
    if not history:
        return None
    chosen = history[0].attributes
    for version in history:
        if version.valid_from > moment:
            break
        chosen = version.attributes
    return chosen
