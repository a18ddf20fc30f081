"""Weekly availability in a person's own time zone, and what it means in UTC on real dates.

A person gives slots in local wall-clock time ("Monday 18:00-20:30", Europe/Rome). What
that is in UTC depends on the date: Rome is UTC+1 in winter and UTC+2 in summer, New York
changes three weeks earlier in March and one week later in the autumn, São Paulo and
Kabul never change. So every conversion here takes a *week*: the Monday (a `date`) that
starts the UTC window [Monday 00:00 UTC, next Monday 00:00 UTC).

The unit is the quarter-hour. Slot times must be on a quarter-hour (18:00, 18:15, ...)
and every UTC offset in use today is a whole number of quarter-hours (Kabul +4:30,
Kathmandu +5:45), so a week is 672 UTC quarters, each available or not, and every figure
below (intervals, overlap, `within`) is exact and derived from the same quarters: the
matcher's overlap and the session scheduler's check never disagree.

Wall-clock times that do not exist (the hour skipped in spring) are not available; those
that happen twice (the hour repeated in autumn) are available both times: a slot
01:00-04:00 on the night of a change is 2 h long in March and 4 h in October.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

QUARTER = timedelta(minutes=15)
QUARTERS_PER_DAY = 96
QUARTERS_PER_WEEK = 7 * QUARTERS_PER_DAY
Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Slot:
    """Available every week on `weekday` (0 = Monday) from `start` to `end`, local time.

    `end` of 00:00 means midnight at the end of the day; otherwise `end` > `start`.
    """

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday {self.weekday} is not 0 (Monday) to 6 (Sunday)")
        for t in (self.start, self.end):
            if t.minute % 15 or t.second or t.microsecond:
                raise ValueError(f"{t:%H:%M} is not on a quarter-hour")
        if self.end != time(0) and self.end <= self.start:
            raise ValueError(f"slot ends ({self.end:%H:%M}) before it starts")

    @classmethod
    def parse(cls, weekday: int, start: str, end: str) -> Slot:
        """`Slot.parse(0, "18:00", "20:30")`; "24:00" is accepted for midnight."""
        until = time(0) if end == "24:00" else time.fromisoformat(end)
        return cls(weekday, time.fromisoformat(start), until)

    @property
    def first(self) -> int:
        """The slot's first quarter in the local week (0 = Monday 00:00-00:15)."""
        return self.weekday * QUARTERS_PER_DAY + _quarter(self.start)

    @property
    def last(self) -> int:
        """The quarter of the local week just after the slot."""
        end = QUARTERS_PER_DAY if self.end == time(0) else _quarter(self.end)
        return self.weekday * QUARTERS_PER_DAY + end


@dataclass(frozen=True)
class Availability:
    """Weekly slots in an IANA time zone (e.g. "Europe/Rome")."""

    zone: str
    slots: tuple[Slot, ...]

    def __post_init__(self) -> None:
        ZoneInfo(self.zone)  # an unknown zone fails here, not in the middle of a match run

    @classmethod
    def from_json(cls, stored: Mapping[str, Any]) -> Availability:
        """From its stored form: `{"zone": ..., "slots": [{"weekday", "start", "end"}]}`."""
        slots = (Slot.parse(s["weekday"], s["start"], s["end"]) for s in stored["slots"])
        return cls(stored["zone"], tuple(slots))

    def to_json(self) -> dict[str, Any]:
        """Its stored form (midnight at the end of a day as "24:00")."""
        return {
            "zone": self.zone,
            "slots": [
                {
                    "weekday": s.weekday,
                    "start": f"{s.start:%H:%M}",
                    "end": "24:00" if s.end == time(0) else f"{s.end:%H:%M}",
                }
                for s in self.slots
            ],
        }

    def local_mask(self) -> Mask:
        """The 672 quarters of the local week, True where available."""
        mask: Mask = local_masks([self])[0]
        return mask


def local_masks(availabilities: Sequence[Availability]) -> Mask:
    """Local weekly masks of many availabilities, one row each (shape (n, 672))."""
    masks = np.zeros((len(availabilities), QUARTERS_PER_WEEK), dtype=np.bool_)
    for row, availability in zip(masks, availabilities, strict=True):
        for slot in availability.slots:
            row[slot.first : slot.last] = True
    return masks


def week_of(moment: datetime) -> date:
    """The Monday of the UTC week holding `moment` (which must be time-zone aware)."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place in UTC")
    day = moment.astimezone(UTC).date()
    return day - timedelta(days=day.weekday())


def weeks_from(moment: datetime, count: int) -> list[date]:
    """The Mondays of the `count` UTC weeks starting with the one holding `moment`."""
    first = week_of(moment)
    return [first + timedelta(weeks=i) for i in range(count)]


def utc_masks(local: Mask, zone: str, week: date) -> Mask:
    """Local weekly masks (shape (..., 672)) in `zone` as UTC quarters of `week`."""
    return local[..., local_to_utc(zone, week)]


def utc_mask(availability: Availability, week: date) -> Mask:
    """The 672 UTC quarters of `week` (from Monday 00:00 UTC) when `availability` holds."""
    return utc_masks(availability.local_mask(), availability.zone, week)


def intervals(mask: Mask, week: date) -> list[tuple[datetime, datetime]]:
    """Runs of available quarters of `week` as [start, end) UTC datetimes."""
    edges = np.flatnonzero(np.diff(np.concatenate(([False], mask, [False])).astype(np.int8)))
    origin = datetime.combine(week, time(0), UTC)
    return [
        (origin + int(a) * QUARTER, origin + int(b) * QUARTER)
        for a, b in zip(edges[::2], edges[1::2], strict=True)
    ]


def utc_intervals(availability: Availability, week: date) -> list[tuple[datetime, datetime]]:
    """`availability` during `week` as UTC [start, end) intervals."""
    return intervals(utc_mask(availability, week), week)


def overlapping(a: Availability, b: Availability, week: date) -> list[tuple[datetime, datetime]]:
    """The UTC intervals of `week` when both `a` and `b` are available."""
    return intervals(utc_mask(a, week) & utc_mask(b, week), week)


def overlap(a: Availability, b: Availability, week: date) -> timedelta:
    """How long `a` and `b` are both available during `week`."""
    return int(np.count_nonzero(utc_mask(a, week) & utc_mask(b, week))) * QUARTER


def worst_overlap(a: Availability, b: Availability, weeks: list[date]) -> timedelta:
    """The smallest weekly overlap over `weeks` (what the matcher relies on)."""
    return min(overlap(a, b, week) for week in weeks)


def within(availability: Availability, start: datetime, duration: timedelta) -> bool:
    """Whether [start, start + duration) lies wholly inside `availability` (start aware)."""
    week = week_of(start)
    start = start.astimezone(UTC)
    end = start + duration
    while True:  # a session may run over the end of a UTC week
        mask = utc_mask(availability, week)
        origin = datetime.combine(week, time(0), UTC)
        first = (start - origin) // QUARTER
        last = -((origin - end) // QUARTER)  # ceiling: a partly covered quarter counts
        if not mask[max(first, 0) : min(last, QUARTERS_PER_WEEK)].all():
            return False
        if last <= QUARTERS_PER_WEEK:
            return True
        week += timedelta(weeks=1)


def _quarter(t: time) -> int:
    return t.hour * 4 + t.minute // 15


@lru_cache(maxsize=4096)
def local_to_utc(zone: str, week: date) -> npt.NDArray[np.intp]:
    """For each UTC quarter of `week`, the quarter of the local week it falls in.

    Going from UTC to wall-clock time is never ambiguous: a wall-clock time skipped in
    spring is no UTC quarter's, and one repeated in autumn is two UTC quarters'.
    """
    tz = ZoneInfo(zone)
    origin = datetime.combine(week, time(0), UTC)
    local = np.empty(QUARTERS_PER_WEEK, dtype=np.intp)
    for u in range(QUARTERS_PER_WEEK):
        wall = (origin + u * QUARTER).astimezone(tz)
        if wall.minute % 15 or wall.second:
            raise ValueError(f"{zone} is not on a quarter-hour offset on {wall:%Y-%m-%d}")
        local[u] = wall.weekday() * QUARTERS_PER_DAY + wall.hour * 4 + wall.minute // 15
    local.flags.writeable = False  # shared by every caller through the cache
    return local
