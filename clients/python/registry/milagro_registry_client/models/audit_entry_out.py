from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AuditEntryOut")


@_attrs_define
class AuditEntryOut:
    """
    Attributes:
        at (datetime.datetime):
        actor (str):
        actor_partner (None | str):
        action (str):
        fields (list[str]):
    """

    at: datetime.datetime
    actor: str
    actor_partner: None | str
    action: str
    fields: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        actor = self.actor

        actor_partner: None | str
        actor_partner = self.actor_partner

        action = self.action

        fields = self.fields

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "actor": actor,
                "actor_partner": actor_partner,
                "action": action,
                "fields": fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        actor = d.pop("actor")

        def _parse_actor_partner(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_partner = _parse_actor_partner(d.pop("actor_partner"))

        action = d.pop("action")

        fields = cast(list[str], d.pop("fields"))

        audit_entry_out = cls(
            at=at,
            actor=actor,
            actor_partner=actor_partner,
            action=action,
            fields=fields,
        )

        audit_entry_out.additional_properties = d
        return audit_entry_out

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
