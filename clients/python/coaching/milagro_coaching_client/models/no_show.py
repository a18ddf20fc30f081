from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.side import Side

T = TypeVar("T", bound="NoShow")


@_attrs_define
class NoShow:
    """
    Attributes:
        side (Side):
    """

    side: Side

    def to_dict(self) -> dict[str, Any]:
        side = self.side.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "side": side,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        side = Side(d.pop("side"))

        no_show = cls(
            side=side,
        )

        return no_show
