"""Instruments load with every text in every language, and score as their rules say."""

import json
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from milagro_events.instruments import INSTRUMENTS, LANGUAGES, Instrument, Texts, latest
from milagro_events.scoring import InvalidAnswers, score

ALL = sorted(INSTRUMENTS.values(), key=lambda i: (i.id, i.version))


def texts_of(instrument: Instrument) -> list[Texts]:
    return [
        instrument.title,
        instrument.instructions,
        *instrument.scale.labels.values(),
        *(d.title for d in instrument.dimensions),
        *(i.text for i in instrument.items),
    ]


@st.composite
def answered(draw: st.DrawFn) -> tuple[Instrument, dict[str, int]]:
    instrument = draw(st.sampled_from(ALL))
    point = st.integers(instrument.scale.min, instrument.scale.max)
    return instrument, {item.id: draw(point) for item in instrument.items}


def test_every_file_is_an_instrument_with_every_language():
    folder = files("milagro_events.instruments")
    names = sorted(f.name for f in folder.iterdir() if f.name.endswith(".json"))
    assert names == sorted(f"{i.id}.v{i.version}.json" for i in ALL)
    for instrument in ALL:
        for texts in texts_of(instrument):
            assert set(texts.model_dump()) == set(LANGUAGES)
            assert all(t.strip() for t in texts.model_dump().values())


def test_the_observatory_finds_the_scores_it_reads():
    for instrument_id, name in (("rfcdc", "total"), ("social-distance", "distance")):
        instrument = latest(instrument_id)
        assert instrument is not None
        assert name in [s.name for s in instrument.scores]


def test_a_text_missing_a_language_is_refused():
    raw = json.loads((files("milagro_events.instruments") / "rfcdc.v1.json").read_text())
    del raw["items"][0]["text"]["sr"]
    with pytest.raises(ValueError, match="sr"):
        Instrument.model_validate(raw)


@given(answered())
def test_every_score_is_within_the_scale(case):
    instrument, answers = case
    scores = score(instrument, answers)
    assert set(scores) == {s.name for s in instrument.scores}
    for value in scores.values():
        assert instrument.scale.min <= value <= instrument.scale.max


@given(answered(), st.data())
def test_answering_max_on_a_reversed_item_scores_as_min(case, data):
    instrument, answers = case
    reversed_items = [i for i in instrument.items if i.reversed]
    if not reversed_items:
        return
    item = data.draw(st.sampled_from(reversed_items))
    scale = instrument.scale
    as_max = score(instrument, answers | {item.id: scale.max})
    # the same item, worded the other way round and answered min, would score the same
    flipped = instrument.model_copy(
        update={
            "items": [
                i.model_copy(update={"reversed": False}) if i.id == item.id else i
                for i in instrument.items
            ]
        }
    )
    assert as_max == score(flipped, answers | {item.id: scale.min})


@given(answered(), st.data())
def test_answers_outside_the_scale_or_not_whole_are_refused(case, data):
    instrument, answers = case
    item = data.draw(st.sampled_from(instrument.items))
    scale = instrument.scale
    wrong = data.draw(
        st.one_of(
            st.integers(max_value=scale.min - 1),
            st.integers(min_value=scale.max + 1),
            st.floats(scale.min, scale.max),
            st.booleans(),
            st.text(max_size=3),
            st.none(),
        )
    )
    with pytest.raises(InvalidAnswers) as refused:
        score(instrument, answers | {item.id: wrong})
    assert refused.value.item == item.id


@given(answered(), st.data())
def test_missing_or_unknown_items_are_refused(case, data):
    instrument, answers = case
    item = data.draw(st.sampled_from(instrument.items))
    with pytest.raises(InvalidAnswers, match=f"item {item.id}: not answered"):
        score(instrument, {k: v for k, v in answers.items() if k != item.id})
    with pytest.raises(InvalidAnswers, match="not an item"):
        score(instrument, answers | {"no-such-item": instrument.scale.min})


def test_rfcdc_scores_reversed_items_and_means_by_area():
    rfcdc = latest("rfcdc")
    assert rfcdc is not None
    agree = {i.id: 5 for i in rfcdc.items}
    scores = score(rfcdc, agree)
    # each area has one reversed item among four: (5 + 5 + 5 + 1) / 4
    assert scores == dict.fromkeys(("values", "attitudes", "skills", "knowledge", "total"), 4.0)
