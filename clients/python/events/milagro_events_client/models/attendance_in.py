from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.check_in import CheckIn


T = TypeVar("T", bound="AttendanceIn")


@_attrs_define
class AttendanceIn:
    """One person, or a whole room at once. Recording what is already recorded changes
    nothing; a different `present` corrects it (until the activity is closed).

        Attributes:
            attendance (list[CheckIn]):
    """

    attendance: list[CheckIn]

    def to_dict(self) -> dict[str, Any]:
        attendance = []
        for attendance_item_data in self.attendance:
            attendance_item = attendance_item_data.to_dict()
            attendance.append(attendance_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "attendance": attendance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.check_in import CheckIn  # noqa: PLC0415

        d = dict(src_dict)
        attendance = []
        _attendance = d.pop("attendance")
        for attendance_item_data in _attendance:
            attendance_item = CheckIn.from_dict(attendance_item_data)

            attendance.append(attendance_item)

        attendance_in = cls(
            attendance=attendance,
        )

        return attendance_in
