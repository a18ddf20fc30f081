from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.release_info import ReleaseInfo


T = TypeVar("T", bound="LogRow")


@_attrs_define
class LogRow:
    """
    Attributes:
        edition (int):
        published_at (datetime.datetime):
        indicator (str):
        release (None | ReleaseInfo): The indicator's release the edition froze
    """

    edition: int
    published_at: datetime.datetime
    indicator: str
    release: None | ReleaseInfo
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.release_info import ReleaseInfo  # noqa: PLC0415

        edition = self.edition

        published_at = self.published_at.isoformat()

        indicator = self.indicator

        release: dict[str, Any] | None
        if isinstance(self.release, ReleaseInfo):
            release = self.release.to_dict()
        else:
            release = self.release

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "edition": edition,
                "published_at": published_at,
                "indicator": indicator,
                "release": release,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.release_info import ReleaseInfo  # noqa: PLC0415

        d = dict(src_dict)
        edition = d.pop("edition")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        indicator = d.pop("indicator")

        def _parse_release(data: object) -> None | ReleaseInfo:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                release_type_0 = ReleaseInfo.from_dict(data)

                return release_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReleaseInfo, data)

        release = _parse_release(d.pop("release"))

        log_row = cls(
            edition=edition,
            published_at=published_at,
            indicator=indicator,
            release=release,
        )

        log_row.additional_properties = d
        return log_row

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
