from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubscriptionIn")


@_attrs_define
class SubscriptionIn:
    """
    Attributes:
        url (str): https (http only for 127.0.0.1 and localhost); not on the deployment's own networks unless it allows
            them
        event_types (list[str]): CloudEvents types from the catalogue, or `*` for all
        partner (str): Partner code, e.g. IT-SIENA
    """

    url: str
    event_types: list[str]
    partner: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        event_types = self.event_types

        partner = self.partner

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "event_types": event_types,
                "partner": partner,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        event_types = cast(list[str], d.pop("event_types"))

        partner = d.pop("partner")

        subscription_in = cls(
            url=url,
            event_types=event_types,
            partner=partner,
        )

        subscription_in.additional_properties = d
        return subscription_in

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
