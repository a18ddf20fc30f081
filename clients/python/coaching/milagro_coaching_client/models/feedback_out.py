from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.side import Side
from ..types import UNSET, Unset

T = TypeVar("T", bound="FeedbackOut")


@_attrs_define
class FeedbackOut:
    """
    Attributes:
        rating (int):
        session_id (UUID):
        side (Side):
        submitted_at (datetime.datetime):
        comment (None | str | Unset): Kept here only: never published on the bus
    """

    rating: int
    session_id: UUID
    side: Side
    submitted_at: datetime.datetime
    comment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        rating = self.rating

        session_id = str(self.session_id)

        side = self.side.value

        submitted_at = self.submitted_at.isoformat()

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rating": rating,
                "session_id": session_id,
                "side": side,
                "submitted_at": submitted_at,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rating = d.pop("rating")

        session_id = UUID(d.pop("session_id"))

        side = Side(d.pop("side"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        feedback_out = cls(
            rating=rating,
            session_id=session_id,
            side=side,
            submitted_at=submitted_at,
            comment=comment,
        )

        return feedback_out
