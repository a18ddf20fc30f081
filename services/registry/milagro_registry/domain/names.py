"""Name keys: how a person's name is compared, whatever the script, case or spelling.

Computed here, in Python, and stored beside the name, because the database must not be
trusted with it: the embedded PostgreSQL runs in the C locale, where `lower()` and
`ILIKE` fold ASCII only, and it has neither `unaccent` nor `pg_trgm`.

Folding a name (`fold_tokens`), in this order:

1. Serbian Cyrillic to Serbian Latin (`cyrtranslit`): Ђорђе Петровић → Đorđe Petrović.
   A generic transliterator would write ш as "sh" and ч as "ch", where Serbian Latin,
   which the same people also type, has š and č.
2. Unicode case folding (`str.casefold`: ß → ss).
3. đ → dj: Serbian typists write Đorđe as Djordje when a keyboard has no đ; a
   transliterator would make it d.
4. Compatibility decomposition (NFKD) without the combining marks (ć → c, ﬁ → fi), then
   `anyascii` for every other script (Arabic, Ethiopic, Greek, Ł, Ø...).
5. Anything but letters and digits separates name parts.

Keys built from the folded parts:

- `exact`: the parts sorted, so their order (and which field they were typed in) does
  not matter. Equal exact keys with the same birth date are certainly one person.
- `loose`: the parts in the order typed, where the spellings Latin transliterations
  mix up are made alike (dj/d, sh/s, ch/c, zh/z, kh/h): Djordje = Dordje = Đorđe,
  Shevchenko = Ševčenko = Шевченко. Search runs over it, so it is forgiving.
- `core`: the loose parts, sorted, without the particles of a family name (Dutch van,
  der, de...; Italian di, della...; Arabic al, el...): "van der Berg" is compared as Berg.
- `sound`: a phonetic code of each core part (Metaphone, from `jellyfish`), sorted, so
  that transliterations of one name (Mohammed, Muhammad, Mohamed; Yusuf, Jusuf;
  Hussein, Husain) share a code.
- `grams`: the three-letter pieces of every loose part, padded at its start and end,
  which the database indexes (GIN over an array) in place of `pg_trgm`.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

import cyrtranslit
import jellyfish
from anyascii import anyascii

FAMILY_PARTICLES: Final = frozenset(
    {
        # Dutch (tussenvoegsels)
        "van", "der", "den", "de", "het", "ter", "ten", "te", "t", "in", "op", "s", "v", "d",
        # Italian
        "di", "del", "della", "dello", "dei", "degli", "delle", "da", "dal", "dalla", "lo", "la",
        # Arabic, and Persian and Pashto names in Arabic style
        "al", "el", "ul", "bin", "ibn", "bint",
    }
)  # fmt: skip
"""Family-name parts left out of the `core` key: "van der Berg" is found and compared as
Berg, "Al-Hassan" as Hassan. Only a family name loses them, and never its last part."""

LOOSE_SPELLINGS: Final[tuple[tuple[str, str], ...]] = (
    ("dj", "d"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "z"),
    ("kh", "h"),
)
"""Letter pairs that Latin transliterations of one name write either way (Serbian and
Ukrainian names in English or Slavic style, Arabic kh): alike in `loose` keys."""

SOUND_SPELLINGS: Final[tuple[tuple[str, str], ...]] = ((r"^y(?=[aeiou])", "j"),)
"""Rules Metaphone lacks, applied to a loose part before it is coded: a leading y before
a vowel is the j of Serbian, Bosnian and Dutch spelling (Yusuf = Jusuf, Yasmin = Jasmin)."""

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    latin = cyrtranslit.to_latin(text, "sr").casefold().replace("đ", "dj")
    decomposed = unicodedata.normalize("NFKD", latin)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return anyascii(bare).lower()


def fold_tokens(text: str) -> list[str]:
    """The parts of a name, folded to lower-case ASCII (see the module docstring)."""
    return [part for part in _SEPARATORS.split(_ascii(text)) if part]


def loosen(token: str) -> str:
    """A folded part with the spellings transliterations confuse made alike."""
    for pair, single in LOOSE_SPELLINGS:
        token = token.replace(pair, single)
    return token


def sound_of(token: str) -> str:
    """The phonetic code of a loose part; a leading vowel stands for any vowel."""
    for pattern, replacement in SOUND_SPELLINGS:
        token = re.sub(pattern, replacement, token)
    code = jellyfish.metaphone(token).upper()
    return "A" + code[1:] if code[:1] in ("A", "E", "I", "O", "U") else code


def grams_of(token: str) -> set[str]:
    """Three-letter pieces of a part, with two spaces before it and one after."""
    padded = f"  {token} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _without_particles(family: list[str]) -> list[str]:
    kept = [part for part in family[:-1] if part not in FAMILY_PARTICLES]
    return kept + family[-1:]


@dataclass(frozen=True)
class NameKeys:
    """Every key of one person's name, as stored beside it."""

    exact: str
    loose: str
    core: str
    sound: str
    grams: list[str]

    @property
    def search_text(self) -> str:
        """`loose` with a space at each end, so LIKE '% part%' finds a part's start."""
        return f" {self.loose} "


def name_keys(given_name: str, family_name: str) -> NameKeys:
    """The keys of a name given in two fields (the split matters only for particles)."""
    given, family = fold_tokens(given_name), fold_tokens(family_name)
    loose = [loosen(t) for t in given + family]
    core = sorted(loosen(t) for t in given + _without_particles(family))
    return NameKeys(
        exact=" ".join(sorted(given + family)),
        loose=" ".join(loose),
        core=" ".join(core),
        sound=" ".join(sorted(sound_of(t) for t in core)),
        grams=sorted(set().union(*(grams_of(t) for t in loose))),
    )


def email_key(email: str | None) -> str | None:
    """An e-mail address as compared for duplicates: case-folded in full."""
    return email.strip().casefold() if email else None


@dataclass(frozen=True)
class Term:
    """One part of a search: a name part must contain it (or start with it, if short)."""

    text: str

    @property
    def prefix_only(self) -> bool:
        """One or two letters match the start of a part: inside one they would match
        nearly everybody, and no three-letter piece could narrow the search."""
        return len(self.text) < 3

    @property
    def grams(self) -> set[str]:
        if self.prefix_only:
            return {f"  {self.text}"[-3:]}
        return {self.text[i : i + 3] for i in range(len(self.text) - 2)}


def search_terms(query: str) -> list[Term]:
    """The terms of a name search, folded like stored names; every one must match."""
    return [Term(loosen(t)) for t in dict.fromkeys(fold_tokens(query))]
