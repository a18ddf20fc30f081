from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DuplicatePair")


@_attrs_define
class DuplicatePair:
    """Two registered records the duplicate rules take for one person.

    Attributes:
        first_id (UUID):
        second_id (UUID):
        certainty (str):
        rules (list[str]):
        name_score (float):
    """

    first_id: UUID
    second_id: UUID
    certainty: str
    rules: list[str]
    name_score: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_id = str(self.first_id)

        second_id = str(self.second_id)

        certainty = self.certainty

        rules = self.rules

        name_score = self.name_score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "first_id": first_id,
                "second_id": second_id,
                "certainty": certainty,
                "rules": rules,
                "name_score": name_score,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        first_id = UUID(d.pop("first_id"))

        second_id = UUID(d.pop("second_id"))

        certainty = d.pop("certainty")

        rules = cast(list[str], d.pop("rules"))

        name_score = d.pop("name_score")

        duplicate_pair = cls(
            first_id=first_id,
            second_id=second_id,
            certainty=certainty,
            rules=rules,
            name_score=name_score,
        )

        duplicate_pair.additional_properties = d
        return duplicate_pair

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
