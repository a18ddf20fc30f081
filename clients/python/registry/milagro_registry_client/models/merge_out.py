from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.participant_out import ParticipantOut


T = TypeVar("T", bound="MergeOut")


@_attrs_define
class MergeOut:
    """The record kept, after the other was merged into it.

    Attributes:
        kept_id (UUID):
        merged_id (UUID):
        merged_at (datetime.datetime):
        participant (ParticipantOut):
    """

    kept_id: UUID
    merged_id: UUID
    merged_at: datetime.datetime
    participant: ParticipantOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kept_id = str(self.kept_id)

        merged_id = str(self.merged_id)

        merged_at = self.merged_at.isoformat()

        participant = self.participant.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kept_id": kept_id,
                "merged_id": merged_id,
                "merged_at": merged_at,
                "participant": participant,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.participant_out import ParticipantOut  # noqa: PLC0415

        d = dict(src_dict)
        kept_id = UUID(d.pop("kept_id"))

        merged_id = UUID(d.pop("merged_id"))

        merged_at = datetime.datetime.fromisoformat(d.pop("merged_at"))

        participant = ParticipantOut.from_dict(d.pop("participant"))

        merge_out = cls(
            kept_id=kept_id,
            merged_id=merged_id,
            merged_at=merged_at,
            participant=participant,
        )

        merge_out.additional_properties = d
        return merge_out

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
