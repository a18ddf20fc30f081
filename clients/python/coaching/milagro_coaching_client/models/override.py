from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="Override")


@_attrs_define
class Override:
    """A pairing the coordinator makes themself, with the reason.

    Attributes:
        coach_id (UUID):
        newcomer_id (UUID):
        reason (str):
    """

    coach_id: UUID
    newcomer_id: UUID
    reason: str

    def to_dict(self) -> dict[str, Any]:
        coach_id = str(self.coach_id)

        newcomer_id = str(self.newcomer_id)

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "coach_id": coach_id,
                "newcomer_id": newcomer_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        coach_id = UUID(d.pop("coach_id"))

        newcomer_id = UUID(d.pop("newcomer_id"))

        reason = d.pop("reason")

        override = cls(
            coach_id=coach_id,
            newcomer_id=newcomer_id,
            reason=reason,
        )

        return override
