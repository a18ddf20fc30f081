from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Booking")


@_attrs_define
class Booking:
    """
    Attributes:
        starts_at (datetime.datetime):
        duration_minutes (int):
    """

    starts_at: datetime.datetime
    duration_minutes: int

    def to_dict(self) -> dict[str, Any]:
        starts_at = self.starts_at.isoformat()

        duration_minutes = self.duration_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "starts_at": starts_at,
                "duration_minutes": duration_minutes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        duration_minutes = d.pop("duration_minutes")

        booking = cls(
            starts_at=starts_at,
            duration_minutes=duration_minutes,
        )

        return booking
