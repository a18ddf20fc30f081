"""Scoring an instrument's answers: a pure function of the instrument and the answers."""

from collections.abc import Mapping
from statistics import fmean

from milagro_events.instruments import Instrument


class InvalidAnswers(ValueError):
    """The answers cannot be scored; `item` names the first offending item."""

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"item {item}: {reason}")
        self.item = item


def score(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, float]:
    """Every score of the instrument's rules, from answers to all of its items.

    A partial questionnaire is refused rather than scored on what was answered: pre and
    post scores are compared, and a mean over other items would not be the same measure.
    """
    known = {item.id for item in instrument.items}
    for item_id in answers:
        if item_id not in known:
            raise InvalidAnswers(item_id, f"not an item of {instrument.id} v{instrument.version}")
    scale = instrument.scale
    scored: dict[str, list[int]] = {}
    for item in instrument.items:
        if item.id not in answers:
            raise InvalidAnswers(item.id, "not answered")
        answer = answers[item.id]
        # bool is an int to Python, never an answer on a scale
        if not isinstance(answer, int) or isinstance(answer, bool):
            raise InvalidAnswers(item.id, f"{answer!r} is not a whole number")
        if not scale.min <= answer <= scale.max:
            raise InvalidAnswers(item.id, f"{answer} is outside the scale {scale.min}-{scale.max}")
        value = scale.min + scale.max - answer if item.reversed else answer
        scored.setdefault(item.dimension, []).append(value)
    return {
        rule.name: fmean([v for d in rule.dimensions for v in scored[d]])
        for rule in instrument.scores
    }
