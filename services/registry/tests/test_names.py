"""Name keys and duplicate rules: pure functions, unit and property tests (no I/O)."""

import random
import unicodedata
import uuid
from datetime import UTC, date, datetime

import cyrtranslit
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milagro_kit.pages import BadCursor, Cursor
from milagro_registry.domain.duplicates import (
    NAME_VARIANT_SAME_BIRTH_YEAR,
    SAME_EMAIL,
    SAME_NAME_AND_BIRTH_DATE,
    SIMILAR_NAME_SAME_BIRTH_DATE,
    Certainty,
    Person,
    compare,
    likely_pairs,
)
from milagro_registry.domain.names import NameKeys, email_key, name_keys, search_terms


def test_the_four_belgrade_spellings_and_the_cyrillic_one_have_one_key():
    keys = {
        name_keys(g, f).exact
        for g, f in [
            ("Ana", "Đurić"),
            ("ANA", "ĐURIĆ"),
            ("ana", "đurić"),
            ("Ana", "Djuric"),
            ("Ана", "Ђурић"),
            ("Đurić", "Ana"),  # typed in the wrong fields
        ]
    }
    assert keys == {"ana djuric"}


def test_djordje_in_every_script_and_spelling():
    spellings = [("Ђорђе", "Петровић"), ("Đorđe", "Petrović"), ("Djordje", "Petrovic")]
    assert {name_keys(g, f).exact for g, f in spellings} == {"djordje petrovic"}
    # the search form is looser still: a keyboard without đ gives Dordje or Dorde
    loose = {name_keys(g, f).loose for g, f in [*spellings, ("Dordje", "Petrovic")]}
    assert loose == {"dorde petrovic"}


def test_particles_and_scripts_beyond_serbian():
    assert name_keys("Jan", "van der Berg").core == name_keys("Jan", "Berg").core == "berg jan"
    assert name_keys("Mohammed", "Al-Hassan").core == "hassan mohammed"
    # the last part of a family name is never a particle: Ben, De, La stay names
    assert name_keys("Ben", "De").core == "ben de"
    assert name_keys("Zoë", "Müller-Lüdenscheidt").exact == "ludenscheidt muller zoe"
    assert name_keys("Łukasz", "Øster").exact == "lukasz oster"
    assert name_keys("ﬁona", "STRAẞE").exact == "fiona strasse"
    assert name_keys("محمد", "حسن").exact == "hsn mhmd"  # Arabic script, via anyascii
    assert name_keys("Оксана", "Шевченко").loose == name_keys("Oksana", "Shevchenko").loose


def test_sound_keys_join_transliterations_of_one_name():
    same = [
        ("Mohammed", "Hassan"),
        ("Muhammad", "Hasan"),
        ("Mohamed", "Hassan"),
        ("Mohamad", "Hasan"),
    ]
    assert len({name_keys(g, f).sound for g, f in same}) == 1
    assert name_keys("Yusuf", "Ahmadi").sound == name_keys("Jusuf", "Ahmadi").sound
    assert name_keys("Hussein", "Karimi").sound == name_keys("Husain", "Karimi").sound
    assert name_keys("Ahmad", "Karimi").sound != name_keys("Mahmoud", "Karimi").sound


def test_search_terms_fold_like_names():
    assert search_terms("PETROVIĆ") == search_terms("petrovic") == search_terms("Петровић")
    assert [t.text for t in search_terms("Đorđe  Petrović")] == ["dorde", "petrovic"]
    assert search_terms("%_\\") == []
    assert search_terms("pe")[0].prefix_only and search_terms("pe")[0].grams == {" pe"}


def test_email_keys_fold_case_in_full():
    assert email_key("Ana.Đurić@Example.ORG") == email_key("ana.đurić@example.org")
    assert email_key(None) is None


def _person(given: str, family: str, born: date | None, email: str | None = None) -> Person:
    keys = name_keys(given, family)
    return Person(uuid.uuid4(), keys.exact, keys.loose, keys.core, keys.sound, born, email)


DAY = date(1990, 1, 1)
SAME_YEAR = date(1990, 7, 15)
OTHER_YEAR = date(1991, 1, 1)

# (registered, registering, birth date of the second, expected: rule id or None).
# Real variants in the partners' languages and their participants'.
VARIANTS = [
    # Serbian: script, diacritics, đ/dj, đ/d, order of the parts
    (("Ana", "Đurić"), ("Ana", "Djuric"), DAY, SAME_NAME_AND_BIRTH_DATE.id),
    (("Ana", "Đurić"), ("Ana", "Duric"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Đorđe", "Petrović"), ("Ђорђе", "Петровић"), DAY, SAME_NAME_AND_BIRTH_DATE.id),
    (("Đorđe", "Petrović"), ("Petrović", "Đorđe"), DAY, SAME_NAME_AND_BIRTH_DATE.id),
    (("Jelena", "Nikolić"), ("Jelena", "Nikolic-Ilic"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Milica", "Jovanović"), ("Milica", "Jovanovic"), OTHER_YEAR, None),
    # Italian: doubled letters, a missing apostrophe
    (("Giulia", "Rossi"), ("Giulia", "Rosi"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Francesca", "D'Angelo"), ("Francesca", "Dangelo"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Marco", "Conti"), ("Marco", "Costa"), DAY, None),
    # Dutch: particles written or left out, run together
    (("Jan", "van der Berg"), ("Jan", "Berg"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Jan", "van der Berg"), ("Jan", "Vandenberg"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Daan", "de Vries"), ("Daan", "Devries"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Sanne", "Jansen"), ("Sanne", "Janssen"), SAME_YEAR, NAME_VARIANT_SAME_BIRTH_YEAR.id),
    # Arabic, Persian, Pashto names in Latin letters
    (("Mohammed", "Hassan"), ("Muhammad", "Hasan"), SAME_YEAR, NAME_VARIANT_SAME_BIRTH_YEAR.id),
    (("Mohammed", "Al-Hassan"), ("Mohamed", "Alhassan"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (
        ("Hossein", "Mohammadi"),
        ("Hussein", "Muhammadi"),
        SAME_YEAR,
        NAME_VARIANT_SAME_BIRTH_YEAR.id,
    ),
    (("Fatima", "Rahimi"), ("Fatemeh", "Rahimi"), SAME_YEAR, NAME_VARIANT_SAME_BIRTH_YEAR.id),
    (("Yusuf", "Karimi"), ("Jusuf", "Karimi"), SAME_YEAR, NAME_VARIANT_SAME_BIRTH_YEAR.id),
    (("Ahmad Shah", "Noori"), ("Ahmadshah", "Noori"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Mohammad Reza", "Ahmadi"), ("Reza", "Ahmadi"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Ahmad", "Karimi"), ("Mahmoud", "Karimi"), DAY, None),
    (("Mohammed", "Hassan"), ("Muhammad", "Hasan"), OTHER_YEAR, None),
    # Tigrinya: a final vowel dropped, in Ethiopic script
    (("Tesfaye", "Gebremedhin"), ("Tesfay", "Gebremedhen"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Selam", "Tesfay"), ("Salam", "Tesfai"), SAME_YEAR, NAME_VARIANT_SAME_BIRTH_YEAR.id),
    # Ukrainian in Cyrillic and in Latin letters
    (("Oksana", "Shevchenko"), ("Оксана", "Шевченко"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    (("Oksana", "Kovalenko"), ("Oksana", "Kowalenko"), DAY, SIMILAR_NAME_SAME_BIRTH_DATE.id),
    # different people
    (("Nikola", "Nikolić"), ("Nikolina", "Nikolić"), OTHER_YEAR, None),
    (("Amina", "Haddad"), ("Samir", "Haddad"), DAY, None),
]


@pytest.mark.parametrize(("first", "second", "born", "rule"), VARIANTS)
def test_real_variants(first, second, born, rule):
    match = compare(_person(*second, born), _person(*first, DAY))
    if rule is None:
        assert match is None, match
    else:
        assert match is not None and rule in match.rules, (match, rule)
        certain = rule == SAME_NAME_AND_BIRTH_DATE.id
        assert match.certainty is (Certainty.certain if certain else Certainty.likely)


def test_the_same_email_is_certain_whatever_the_name():
    a = _person("Samir", "K", None, email_key("Samir.K@Example.org"))
    b = _person("S", "Kassem", None, email_key("samir.k@example.ORG"))
    match = compare(a, b)
    assert match is not None and match.certainty is Certainty.certain
    assert match.rules == (SAME_EMAIL.id,)
    assert compare(_person("Ana", "Đurić", None), _person("Ana", "Đurić", None)) is None


def test_likely_pairs_finds_each_pair_once_certain_first():
    people = [
        _person("Ana", "Đurić", DAY),
        _person("ANA", "DJURIC", DAY),
        _person("Ana", "Duric", DAY),
        _person("Marco", "Conti", DAY),
        _person("Muhammad", "Hasan", SAME_YEAR),
        _person("Mohammed", "Hassan", date(1990, 3, 3)),
    ]
    pairs = likely_pairs(people)
    assert len(pairs) == 4  # the three Anas pairwise, and the two Mohammeds
    assert pairs[0].match.certainty is Certainty.certain
    assert len({(p.first, p.second) for p in pairs}) == 4
    ids = {people[3].id}
    assert not any({p.first, p.second} & ids for p in pairs)


# --- property tests: every spelling of a person finds and blocks them -------------------

PEOPLE = [
    ("Đorđe", "Petrović"),
    ("Ana", "Đurić"),
    ("Ljiljana", "Čolić Šapić"),
    ("Jan", "van der Berg"),
    ("Mohammed", "Al Hassan"),
    ("Zoë", "Nguyễn"),
]


def _strip_diacritics(text: str) -> str:
    text = text.replace("đ", "dj").replace("Đ", "Dj")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _case(text: str, how: int, rng: random.Random) -> str:
    if how == 0:
        return text.upper()
    if how == 1:
        return text.lower()
    if how == 2:
        return text.title()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


@st.composite
def spellings(draw: st.DrawFn) -> tuple[tuple[str, str], tuple[str, str]]:
    """A person, and the same name as someone else might type it."""
    given, family = draw(st.sampled_from(PEOPLE))
    rng = random.Random(draw(st.integers(0, 2**32)))
    g, f = given, family
    if draw(st.booleans()):
        g, f = _strip_diacritics(g), _strip_diacritics(f)
    elif draw(st.booleans()) and all(ord(c) < 0x250 for c in g + f) and "van" not in f:
        g, f = cyrtranslit.to_cyrillic(g, "sr"), cyrtranslit.to_cyrillic(f, "sr")
    how = draw(st.integers(0, 3))
    g, f = _case(g, how, rng), _case(f, how, rng)
    if draw(st.booleans()):
        g, f = f, g  # typed in the wrong fields
    spaces = draw(st.sampled_from([" ", "  ", "-", " - "]))
    g, f = g.replace(" ", spaces), f.replace(" ", spaces)
    return (given, family), (f" {g} " if draw(st.booleans()) else g, f)


@settings(max_examples=300)
@given(spellings())
def test_every_spelling_has_the_same_exact_key(pair):
    (given, family), (g, f) = pair
    assert name_keys(g, f).exact == name_keys(given, family).exact


def _found(keys: NameKeys, query: str) -> bool:
    """What the database does with the stored keys: grams (GIN) then LIKE."""
    terms = search_terms(query)
    return bool(terms) and all(
        t.grams <= set(keys.grams)
        and (f" {t.text}" in keys.search_text if t.prefix_only else t.text in keys.search_text)
        for t in terms
    )


@settings(max_examples=300)
@given(spellings(), st.data())
def test_every_spelling_and_every_part_finds_the_person(pair, data):
    (given, family), (g, f) = pair
    stored = name_keys(given, family)
    assert _found(stored, f"{g} {f}")
    part = data.draw(st.sampled_from(f"{g} {f}".replace("-", " ").split()))
    assert _found(stored, part)
    start = data.draw(st.integers(1, max(1, len(part) - 1)))
    assert _found(stored, part[:start]) or not search_terms(part[:start])


def test_a_family_name_is_found_without_its_particles():
    assert _found(name_keys("Jan", "van der Berg"), "Berg")
    assert _found(name_keys("Jan", "van der Berg"), "der berg")
    assert not _found(name_keys("Jan", "van der Berg"), "Bergen")


def test_cursors_carry_the_rank_of_a_name_search():
    cursor = Cursor(datetime.now(UTC), uuid.uuid4(), 1)
    assert Cursor.decode(cursor.encode(), ranked=True) == cursor
    with pytest.raises(BadCursor):
        Cursor.decode(cursor.encode())  # a name search's cursor in a list without one
    plain = Cursor(datetime.now(UTC), uuid.uuid4())
    with pytest.raises(BadCursor):
        Cursor.decode(plain.encode(), ranked=True)
