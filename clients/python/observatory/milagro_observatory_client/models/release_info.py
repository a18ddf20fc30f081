from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReleaseInfo")


@_attrs_define
class ReleaseInfo:
    """
    Attributes:
        number (int):
        published_at (datetime.datetime):
        changed_records (int):
        cells (int):
        suppressed_small (int | None): Cells hidden: too few people
        suppressed_protecting (int | None): Cells hidden so that no small one can be worked out
    """

    number: int
    published_at: datetime.datetime
    changed_records: int
    cells: int
    suppressed_small: int | None
    suppressed_protecting: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        published_at = self.published_at.isoformat()

        changed_records = self.changed_records

        cells = self.cells

        suppressed_small: int | None
        suppressed_small = self.suppressed_small

        suppressed_protecting: int | None
        suppressed_protecting = self.suppressed_protecting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "published_at": published_at,
                "changed_records": changed_records,
                "cells": cells,
                "suppressed_small": suppressed_small,
                "suppressed_protecting": suppressed_protecting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        changed_records = d.pop("changed_records")

        cells = d.pop("cells")

        def _parse_suppressed_small(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        suppressed_small = _parse_suppressed_small(d.pop("suppressed_small"))

        def _parse_suppressed_protecting(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        suppressed_protecting = _parse_suppressed_protecting(d.pop("suppressed_protecting"))

        release_info = cls(
            number=number,
            published_at=published_at,
            changed_records=changed_records,
            cells=cells,
            suppressed_small=suppressed_small,
            suppressed_protecting=suppressed_protecting,
        )

        release_info.additional_properties = d
        return release_info

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
