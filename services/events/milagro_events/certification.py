"""When a training certifies someone: the completion rule, pure, with its reason in words.

The rule is data on the training (the share of held sessions to attend, and a pass mark
when a final assessment is part of it); the completion route gathers the figures and asks
here. The test suite states it as a table of cases.
"""

import math
from dataclasses import dataclass

SLACK = 1e-9
"""A share stored as a float (0.7) must still be met by exactly 7 of 10 sessions."""


@dataclass(frozen=True)
class Rule:
    min_share: float
    """Of the held sessions, the share a trainee must have attended (0-1]."""
    pass_mark: float | None = None
    """When set, a final assessment score at least this (0-100) is needed too."""


@dataclass(frozen=True)
class Verdict:
    certified: bool
    reason: str


def judge(rule: Rule, attended: int, held: int, score: float | None) -> Verdict:
    """Whether someone who attended `attended` of `held` sessions, with a final score of
    `score` (None: none recorded), is certified, and why (or why not), in words."""
    if held < 1 or not 0 <= attended <= held:
        raise ValueError(f"cannot attend {attended} of {held} sessions")
    unmet = []
    if attended / held < rule.min_share - SLACK:
        share = math.floor(100 * attended / held)  # never shows 75% for 74.9%
        unmet.append(
            f"attended {attended} of {held} sessions ({share}%); "
            f"the rule asks {100 * rule.min_share:g}%"
        )
    if rule.pass_mark is not None:
        if score is None:
            unmet.append("no final assessment recorded")
        elif score < rule.pass_mark:
            unmet.append(f"final assessment {score:g}, pass mark {rule.pass_mark:g}")
    return Verdict(not unmet, "; ".join(unmet) or "met the rule")
