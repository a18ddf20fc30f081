from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Result")


@_attrs_define
class Result:
    """
    Attributes:
        participant_id (UUID):
        sessions_attended (int):
        sessions_held (int):
        final_score (float | None):
        certified (bool):
        reason (str):
    """

    participant_id: UUID
    sessions_attended: int
    sessions_held: int
    final_score: float | None
    certified: bool
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        participant_id = str(self.participant_id)

        sessions_attended = self.sessions_attended

        sessions_held = self.sessions_held

        final_score: float | None
        final_score = self.final_score

        certified = self.certified

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "participant_id": participant_id,
                "sessions_attended": sessions_attended,
                "sessions_held": sessions_held,
                "final_score": final_score,
                "certified": certified,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        participant_id = UUID(d.pop("participant_id"))

        sessions_attended = d.pop("sessions_attended")

        sessions_held = d.pop("sessions_held")

        def _parse_final_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        final_score = _parse_final_score(d.pop("final_score"))

        certified = d.pop("certified")

        reason = d.pop("reason")

        result = cls(
            participant_id=participant_id,
            sessions_attended=sessions_attended,
            sessions_held=sessions_held,
            final_score=final_score,
            certified=certified,
            reason=reason,
        )

        result.additional_properties = d
        return result

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
