from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConsentIn")


@_attrs_define
class ConsentIn:
    """A decision about one purpose, with the version of the text the person was shown.

    Attributes:
        given (bool):
        text_version (str):
    """

    given: bool
    text_version: str

    def to_dict(self) -> dict[str, Any]:
        given = self.given

        text_version = self.text_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "given": given,
                "text_version": text_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        given = d.pop("given")

        text_version = d.pop("text_version")

        consent_in = cls(
            given=given,
            text_version=text_version,
        )

        return consent_in
