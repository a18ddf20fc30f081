from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """How the notifier may reach a person, while communications consent is given.

    Attributes:
        participant_id (UUID):
        email (None | str):
        preferred_language (None | str):
        communications_consent (bool):
        time_zone (str): Of the country of residence (UTC if not known)
    """

    participant_id: UUID
    email: None | str
    preferred_language: None | str
    communications_consent: bool
    time_zone: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        participant_id = str(self.participant_id)

        email: None | str
        email = self.email

        preferred_language: None | str
        preferred_language = self.preferred_language

        communications_consent = self.communications_consent

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "participant_id": participant_id,
                "email": email,
                "preferred_language": preferred_language,
                "communications_consent": communications_consent,
                "time_zone": time_zone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        participant_id = UUID(d.pop("participant_id"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_preferred_language(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        preferred_language = _parse_preferred_language(d.pop("preferred_language"))

        communications_consent = d.pop("communications_consent")

        time_zone = d.pop("time_zone")

        contact = cls(
            participant_id=participant_id,
            email=email,
            preferred_language=preferred_language,
            communications_consent=communications_consent,
            time_zone=time_zone,
        )

        contact.additional_properties = d
        return contact

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
