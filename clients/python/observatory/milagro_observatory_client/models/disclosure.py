from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Disclosure")


@_attrs_define
class Disclosure:
    """
    Attributes:
        threshold (int): Cells about fewer people than this are hidden
        method (str):
        document (str): The threat model and the method
        live (str):
        released (str):
    """

    threshold: int
    method: str
    document: str
    live: str
    released: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        threshold = self.threshold

        method = self.method

        document = self.document

        live = self.live

        released = self.released

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "threshold": threshold,
                "method": method,
                "document": document,
                "live": live,
                "released": released,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        threshold = d.pop("threshold")

        method = d.pop("method")

        document = d.pop("document")

        live = d.pop("live")

        released = d.pop("released")

        disclosure = cls(
            threshold=threshold,
            method=method,
            document=document,
            live=live,
            released=released,
        )

        disclosure.additional_properties = d
        return disclosure

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
