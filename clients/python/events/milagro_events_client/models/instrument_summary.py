from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InstrumentSummary")


@_attrs_define
class InstrumentSummary:
    """
    Attributes:
        id (str):
        version (int):
        title (str):
        language (str):
        languages (list[str]):
    """

    id: str
    version: int
    title: str
    language: str
    languages: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        version = self.version

        title = self.title

        language = self.language

        languages = self.languages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "version": version,
                "title": title,
                "language": language,
                "languages": languages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        version = d.pop("version")

        title = d.pop("title")

        language = d.pop("language")

        languages = cast(list[str], d.pop("languages"))

        instrument_summary = cls(
            id=id,
            version=version,
            title=title,
            language=language,
            languages=languages,
        )

        instrument_summary.additional_properties = d
        return instrument_summary

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
