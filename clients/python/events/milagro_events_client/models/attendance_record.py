from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.group import Group

T = TypeVar("T", bound="AttendanceRecord")


@_attrs_define
class AttendanceRecord:
    """
    Attributes:
        participant_id (UUID):
        present (bool):
        group (Group | None): Absent until the registry's event arrives here
        recorded_at (datetime.datetime):
    """

    participant_id: UUID
    present: bool
    group: Group | None
    recorded_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        participant_id = str(self.participant_id)

        present = self.present

        group: None | str
        if isinstance(self.group, Group):
            group = self.group.value
        else:
            group = self.group

        recorded_at = self.recorded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "participant_id": participant_id,
                "present": present,
                "group": group,
                "recorded_at": recorded_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        participant_id = UUID(d.pop("participant_id"))

        present = d.pop("present")

        def _parse_group(data: object) -> Group | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                group_type_0 = Group(data)

                return group_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Group | None, data)

        group = _parse_group(d.pop("group"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        attendance_record = cls(
            participant_id=participant_id,
            present=present,
            group=group,
            recorded_at=recorded_at,
        )

        attendance_record.additional_properties = d
        return attendance_record

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
