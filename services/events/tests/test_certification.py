"""The completion rule of a training, as a table of cases."""

import pytest

from milagro_events.certification import Rule, judge

MEDIATORS = Rule(min_share=0.75, pass_mark=60)
ATTENDANCE_ONLY = Rule(min_share=0.75)


@pytest.mark.parametrize(
    ("rule", "attended", "held", "score", "certified", "reason"),
    [
        (MEDIATORS, 8, 8, 90, True, "met the rule"),
        (MEDIATORS, 6, 8, 60, True, "met the rule"),  # exactly the share and the mark
        (MEDIATORS, 5, 8, 90, False, "attended 5 of 8 sessions (62%); the rule asks 75%"),
        (MEDIATORS, 8, 8, 48, False, "final assessment 48, pass mark 60"),
        (MEDIATORS, 8, 8, 59.5, False, "final assessment 59.5, pass mark 60"),
        (MEDIATORS, 8, 8, None, False, "no final assessment recorded"),
        (
            MEDIATORS,
            0,
            4,
            None,
            False,
            "attended 0 of 4 sessions (0%); the rule asks 75%; no final assessment recorded",
        ),
        (ATTENDANCE_ONLY, 3, 4, None, True, "met the rule"),
        (ATTENDANCE_ONLY, 3, 4, 10, True, "met the rule"),  # a score outside the rule
        (
            ATTENDANCE_ONLY,
            299,
            400,
            None,
            False,
            "attended 299 of 400 sessions (74%); the rule asks 75%",
        ),
        (Rule(min_share=0.7), 7, 10, None, True, "met the rule"),  # 0.7 is not exact in binary
        (Rule(min_share=2 / 3), 2, 3, None, True, "met the rule"),
        (
            Rule(min_share=1),
            9,
            10,
            None,
            False,
            "attended 9 of 10 sessions (90%); the rule asks 100%",
        ),
    ],
)
def test_the_rule(
    rule: Rule, attended: int, held: int, score: float | None, certified: bool, reason: str
) -> None:
    verdict = judge(rule, attended, held, score)
    assert (verdict.certified, verdict.reason) == (certified, reason)


@pytest.mark.parametrize(("attended", "held"), [(1, 0), (5, 4), (-1, 4)])
def test_impossible_figures_are_a_bug(attended: int, held: int) -> None:
    with pytest.raises(ValueError):
        judge(ATTENDANCE_ONLY, attended, held, None)
