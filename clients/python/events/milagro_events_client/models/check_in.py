from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckIn")


@_attrs_define
class CheckIn:
    """
    Attributes:
        participant_id (UUID):
        present (bool | Unset):  Default: True.
    """

    participant_id: UUID
    present: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        participant_id = str(self.participant_id)

        present = self.present

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "participant_id": participant_id,
            }
        )
        if present is not UNSET:
            field_dict["present"] = present

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        participant_id = UUID(d.pop("participant_id"))

        present = d.pop("present", UNSET)

        check_in = cls(
            participant_id=participant_id,
            present=present,
        )

        return check_in
