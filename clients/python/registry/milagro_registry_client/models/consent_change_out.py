from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.consent_purpose import ConsentPurpose

T = TypeVar("T", bound="ConsentChangeOut")


@_attrs_define
class ConsentChangeOut:
    """
    Attributes:
        purpose (ConsentPurpose):
        given (bool):
        text_version (str):
        changed_at (datetime.datetime):
        recorded_by (str):
    """

    purpose: ConsentPurpose
    given: bool
    text_version: str
    changed_at: datetime.datetime
    recorded_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        purpose = self.purpose.value

        given = self.given

        text_version = self.text_version

        changed_at = self.changed_at.isoformat()

        recorded_by = self.recorded_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "purpose": purpose,
                "given": given,
                "text_version": text_version,
                "changed_at": changed_at,
                "recorded_by": recorded_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        purpose = ConsentPurpose(d.pop("purpose"))

        given = d.pop("given")

        text_version = d.pop("text_version")

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        recorded_by = d.pop("recorded_by")

        consent_change_out = cls(
            purpose=purpose,
            given=given,
            text_version=text_version,
            changed_at=changed_at,
            recorded_by=recorded_by,
        )

        consent_change_out.additional_properties = d
        return consent_change_out

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
