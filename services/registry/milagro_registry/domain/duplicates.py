"""When two registrations are one person: certain duplicates, likely ones, and why.

The rules are data (`RULES`, thresholds in `THRESHOLDS`); the API documents them from
here. A *certain* duplicate is refused outright (409 with the existing id). A *likely*
one is registered only when the coordinator confirms it is a different person
(`confirm_new_person`); otherwise the answer is 409 with the candidates and, for each,
the rules it met. Rules compare name keys (see `names`), never raw strings, so case,
diacritics, script, đ/dj, the order of the name parts and family-name particles never
hide a duplicate.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import combinations
from typing import Final
from uuid import UUID

from rapidfuzz import fuzz


class Certainty(StrEnum):
    certain = "certain"
    likely = "likely"


@dataclass(frozen=True)
class Rule:
    id: str
    certainty: Certainty
    description: str


@dataclass(frozen=True)
class Thresholds:
    similar_name_score: float = 88.0
    """Least name score (`name_score`, 0-100) for the similar-name rule: Ana Djuric / Ana
    Duric (100), Giulia Rossi / Giulia Rosi (96), Jan van der Berg / Jan Vandenberg (92)
    pass; Giulia Rossi / Giulia Russo (83) and Marco Conti / Marco Costa (82) do not."""


THRESHOLDS: Final = Thresholds()

SAME_EMAIL = Rule(
    "same-email", Certainty.certain, "the same e-mail address, whatever its letter case"
)
SAME_NAME_AND_BIRTH_DATE = Rule(
    "same-name-and-birth-date",
    Certainty.certain,
    "the same name once case, diacritics, script (Serbian Cyrillic or Latin), đ/dj and "
    "the order of the name parts are set aside, and the same birth date",
)
SIMILAR_NAME_SAME_BIRTH_DATE = Rule(
    "similar-name-same-birth-date",
    Certainty.likely,
    f"names at least {THRESHOLDS.similar_name_score:g}% alike (rapidfuzz ratios over the "
    "folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without "
    "family-name particles, or run together, or one name inside the other) and the same "
    "birth date",
)
NAME_VARIANT_SAME_BIRTH_YEAR = Rule(
    "name-variant-same-birth-year",
    Certainty.likely,
    "every part of the names sounds alike (Metaphone: Mohammed / Muhammad / Mohamed, "
    "Yusuf / Jusuf, Hussein / Husain) and the same birth year",
)
RULES: Final = (
    SAME_EMAIL,
    SAME_NAME_AND_BIRTH_DATE,
    SIMILAR_NAME_SAME_BIRTH_DATE,
    NAME_VARIANT_SAME_BIRTH_YEAR,
)


@dataclass(frozen=True)
class Person:
    """What the rules read of a participant: keys, never the name itself."""

    id: UUID | None
    exact: str
    loose: str
    core: str
    sound: str
    birth_date: date | None
    email: str | None


@dataclass(frozen=True)
class Match:
    """Another record the rules find to be the same person, and why."""

    id: UUID
    certainty: Certainty
    rules: tuple[str, ...]
    name_score: float


def name_score(a: Person, b: Person) -> float:
    """How alike two names are, 0-100: the best of the core keys in any order (Petrović
    Đorđe = Đorđe Petrović), the loose names run together (Vandenberg = van der Berg),
    and, when both have two parts or more, one name inside the other (a middle name
    left out: Mohammad Reza Ahmadi = Reza Ahmadi)."""
    scores = [
        fuzz.token_sort_ratio(a.core, b.core),
        fuzz.ratio(a.loose.replace(" ", ""), b.loose.replace(" ", "")),
    ]
    if min(a.core.count(" "), b.core.count(" ")) >= 1:
        scores.append(fuzz.token_set_ratio(a.core, b.core))
    return round(max(scores), 1)


def compare(new: Person, other: Person, thresholds: Thresholds = THRESHOLDS) -> Match | None:
    """Whether `other` is `new` by some rule: certain if any certain rule holds."""
    assert other.id is not None
    score = name_score(new, other)
    met: list[Rule] = []
    if new.email is not None and new.email == other.email:
        met.append(SAME_EMAIL)
    same_day = new.birth_date is not None and new.birth_date == other.birth_date
    if same_day and new.exact == other.exact:
        met.append(SAME_NAME_AND_BIRTH_DATE)
    elif same_day and score >= thresholds.similar_name_score:
        met.append(SIMILAR_NAME_SAME_BIRTH_DATE)
    if (
        new.birth_date is not None
        and other.birth_date is not None
        and new.birth_date.year == other.birth_date.year
        and new.sound == other.sound
        and SAME_NAME_AND_BIRTH_DATE not in met
    ):
        met.append(NAME_VARIANT_SAME_BIRTH_YEAR)
    if not met:
        return None
    certain = any(rule.certainty is Certainty.certain for rule in met)
    return Match(
        other.id,
        Certainty.certain if certain else Certainty.likely,
        tuple(rule.id for rule in met),
        score,
    )


def matches(new: Person, others: Iterable[Person]) -> list[Match]:
    """Every record among `others` that is `new` by some rule: certain first, then by
    how alike the names are."""
    found = [m for other in others if other.id != new.id and (m := compare(new, other))]
    return sorted(found, key=lambda m: (m.certainty is not Certainty.certain, -m.name_score))


@dataclass(frozen=True)
class Pair:
    """Two registered records the rules take for one person."""

    first: UUID
    second: UUID
    match: Match = field(compare=False)


def _blocks(people: list[Person]) -> Iterator[list[Person]]:
    """Groups outside which no rule can hold: the same e-mail, birth date, or birth year
    and sound. Comparing within them keeps a partner of 100,000 people to seconds."""
    keys: dict[tuple[object, ...], list[Person]] = defaultdict(list)
    for person in people:
        if person.email is not None:
            keys[("email", person.email)].append(person)
        if person.birth_date is not None:
            keys[("day", person.birth_date)].append(person)
            keys[("sound", person.birth_date.year, person.sound)].append(person)
    return (group for group in keys.values() if len(group) > 1)


def likely_pairs(people: Iterable[Person]) -> list[Pair]:
    """Every pair of records the rules take for one person, most alike first."""
    found: dict[tuple[UUID, UUID], Pair] = {}
    for group in _blocks(list(people)):
        for a, b in combinations(group, 2):
            assert a.id is not None and b.id is not None
            first, second = sorted((a.id, b.id))
            if (first, second) not in found and (match := compare(a, b)):
                found[first, second] = Pair(first, second, match)
    return sorted(
        found.values(),
        key=lambda p: (
            p.match.certainty is not Certainty.certain,
            -p.match.name_score,
            p.first,
            p.second,
        ),
    )
