from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.consent_purpose import ConsentPurpose

T = TypeVar("T", bound="InitialConsent")


@_attrs_define
class InitialConsent:
    """
    Attributes:
        given (bool):
        text_version (str):
        purpose (ConsentPurpose):
    """

    given: bool
    text_version: str
    purpose: ConsentPurpose

    def to_dict(self) -> dict[str, Any]:
        given = self.given

        text_version = self.text_version

        purpose = self.purpose.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "given": given,
                "text_version": text_version,
                "purpose": purpose,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given = d.pop("given")

        text_version = d.pop("text_version")

        purpose = ConsentPurpose(d.pop("purpose"))

        initial_consent = cls(
            given=given,
            text_version=text_version,
            purpose=purpose,
        )

        return initial_consent
