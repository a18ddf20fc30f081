from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SlotIn")


@_attrs_define
class SlotIn:
    """Every week on `weekday` (0 = Monday) from `start` to `end`, local time, on
    quarter-hours; `end` "24:00" is midnight.

        Attributes:
            weekday (int):
            start (str):
            end (str):
    """

    weekday: int
    start: str
    end: str

    def to_dict(self) -> dict[str, Any]:
        weekday = self.weekday

        start = self.start

        end = self.end

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "weekday": weekday,
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        weekday = d.pop("weekday")

        start = d.pop("start")

        end = d.pop("end")

        slot_in = cls(
            weekday=weekday,
            start=start,
            end=end,
        )

        return slot_in
