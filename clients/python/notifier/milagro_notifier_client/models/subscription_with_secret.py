from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubscriptionWithSecret")


@_attrs_define
class SubscriptionWithSecret:
    """
    Attributes:
        id (UUID):
        partner (str):
        url (str):
        event_types (list[str]):
        enabled (bool):
        disabled_at (datetime.datetime | None):
        disabled_reason (None | str):
        previous_until (datetime.datetime | None): Until when the secret replaced by the last rotation still signs
            deliveries
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        secret (str): `whsec_...`: shown now only; verify deliveries with it
    """

    id: UUID
    partner: str
    url: str
    event_types: list[str]
    enabled: bool
    disabled_at: datetime.datetime | None
    disabled_reason: None | str
    previous_until: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        partner = self.partner

        url = self.url

        event_types = self.event_types

        enabled = self.enabled

        disabled_at: None | str
        if isinstance(self.disabled_at, datetime.datetime):
            disabled_at = self.disabled_at.isoformat()
        else:
            disabled_at = self.disabled_at

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        previous_until: None | str
        if isinstance(self.previous_until, datetime.datetime):
            previous_until = self.previous_until.isoformat()
        else:
            previous_until = self.previous_until

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        secret = self.secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "partner": partner,
                "url": url,
                "event_types": event_types,
                "enabled": enabled,
                "disabled_at": disabled_at,
                "disabled_reason": disabled_reason,
                "previous_until": previous_until,
                "created_at": created_at,
                "updated_at": updated_at,
                "secret": secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        partner = d.pop("partner")

        url = d.pop("url")

        event_types = cast(list[str], d.pop("event_types"))

        enabled = d.pop("enabled")

        def _parse_disabled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disabled_at_type_0 = datetime.datetime.fromisoformat(data)

                return disabled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        disabled_at = _parse_disabled_at(d.pop("disabled_at"))

        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        def _parse_previous_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_until_type_0 = datetime.datetime.fromisoformat(data)

                return previous_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous_until = _parse_previous_until(d.pop("previous_until"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        secret = d.pop("secret")

        subscription_with_secret = cls(
            id=id,
            partner=partner,
            url=url,
            event_types=event_types,
            enabled=enabled,
            disabled_at=disabled_at,
            disabled_reason=disabled_reason,
            previous_until=previous_until,
            created_at=created_at,
            updated_at=updated_at,
            secret=secret,
        )

        subscription_with_secret.additional_properties = d
        return subscription_with_secret

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
