"""The rules of a coaching session's life, apart from the database: when it may be booked
or moved, held, marked a no-show, cancelled, and rated.

scheduled -> held | cancelled | no_show; only a scheduled session moves, and only a held
one is rated. Whether the coach or the newcomer is already busy then is a question for the
database (under the row locks of `milagro_coaching.sessions`), not for these rules.
"""

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from milagro_coaching.availability import Availability, within
from milagro_contracts.coaching import Side
from milagro_kit import problems

MIN_MINUTES, MAX_MINUTES = 15, 240
"""How long a booked session may be."""
RECORDED_WITHIN = timedelta(days=90)
"""How far back a coordinator may record a session that took place (the academies' 90 days)."""


class State(StrEnum):
    scheduled = "scheduled"
    held = "held"
    cancelled = "cancelled"
    no_show = "no_show"


BUSY = (State.scheduled, State.held)
"""A session in these states takes up its coach's and its newcomer's time."""


class Refusal(problems.Refusal):
    """A step the rules forbid; `side` names whose availability or time it is about (and
    is said in the answer)."""

    def __init__(
        self, slug: str, detail: str, *, conflict: bool = True, side: Side | None = None
    ) -> None:
        extensions: dict[str, Any] = {"side": side} if side else {}
        super().__init__(slug, detail, conflict=conflict, **extensions)
        self.side = side


def plan(
    match_state: str,
    start: datetime,
    minutes: int,
    now: datetime,
    coach: Availability,
    newcomer: Availability,
    *,
    after_the_fact: bool = False,
) -> None:
    """A session of `minutes` from `start` (aware) for a match: an accepted match, a time
    still to come (or, `after_the_fact`, as a coordinator records one that took place, no
    more than `RECORDED_WITHIN` ago), and wholly within both sides' weekly availability on
    that date."""
    if match_state != "accepted":
        raise Refusal(
            "match-not-accepted",
            f"the match is {match_state}: sessions are booked for accepted matches only",
        )
    if start <= now and not after_the_fact:
        raise Refusal(
            "in-the-past",
            "a session is booked for a time still to come (a coordinator may record one "
            "that took place)",
            conflict=False,
        )
    if start < now - RECORDED_WITHIN:
        raise Refusal(
            "in-the-past",
            f"a session is recorded within {RECORDED_WITHIN.days} days of taking place",
            conflict=False,
        )
    for side, availability in ((Side.coach, coach), (Side.newcomer, newcomer)):
        if not within(availability, start, timedelta(minutes=minutes)):
            raise Refusal(
                "outside-availability",
                f"{minutes} min from {start.isoformat()} is outside the {side}'s weekly "
                f"availability (in {availability.zone}) on that date",
                conflict=False,
                side=side,
            )


def move(state: State) -> None:
    """Rescheduling or cancelling: only a session still planned."""
    if state != State.scheduled:
        raise Refusal(f"session-{state.replace('_', '-')}", f"the session is already {state}")


def close(state: State, starts_at: datetime, now: datetime) -> None:
    """Recording a session as held or as a no-show: a planned session that has begun."""
    move(state)
    if now < starts_at:
        raise Refusal("not-started", f"the session starts at {starts_at.isoformat()}")


def rate(state: State) -> None:
    """Feedback: on a held session only."""
    if state != State.held:
        raise Refusal("not-held", f"only a held session is rated; this one is {state}")
