from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AttendanceOut")


@_attrs_define
class AttendanceOut:
    """
    Attributes:
        recorded (int): Records created or corrected by this request
        unchanged (int): Records that already said the same
        present (int): People now checked in as present
        awaiting_registration (list[UUID]): People not known here yet: recorded, their group filled in when their
            registration arrives from the registry
    """

    recorded: int
    unchanged: int
    present: int
    awaiting_registration: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        recorded = self.recorded

        unchanged = self.unchanged

        present = self.present

        awaiting_registration = []
        for awaiting_registration_item_data in self.awaiting_registration:
            awaiting_registration_item = str(awaiting_registration_item_data)
            awaiting_registration.append(awaiting_registration_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "recorded": recorded,
                "unchanged": unchanged,
                "present": present,
                "awaiting_registration": awaiting_registration,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        recorded = d.pop("recorded")

        unchanged = d.pop("unchanged")

        present = d.pop("present")

        awaiting_registration = []
        _awaiting_registration = d.pop("awaiting_registration")
        for awaiting_registration_item_data in _awaiting_registration:
            awaiting_registration_item = UUID(awaiting_registration_item_data)

            awaiting_registration.append(awaiting_registration_item)

        attendance_out = cls(
            recorded=recorded,
            unchanged=unchanged,
            present=present,
            awaiting_registration=awaiting_registration,
        )

        attendance_out.additional_properties = d
        return attendance_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
