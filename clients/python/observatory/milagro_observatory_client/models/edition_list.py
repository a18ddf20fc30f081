from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.edition_info import EditionInfo


T = TypeVar("T", bound="EditionList")


@_attrs_define
class EditionList:
    """
    Attributes:
        editions (list[EditionInfo]):
    """

    editions: list[EditionInfo]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        editions = []
        for editions_item_data in self.editions:
            editions_item = editions_item_data.to_dict()
            editions.append(editions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "editions": editions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.edition_info import EditionInfo  # noqa: PLC0415

        d = dict(src_dict)
        editions = []
        _editions = d.pop("editions")
        for editions_item_data in _editions:
            editions_item = EditionInfo.from_dict(editions_item_data)

            editions.append(editions_item)

        edition_list = cls(
            editions=editions,
        )

        edition_list.additional_properties = d
        return edition_list

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
