from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="ContactsQuery")


@_attrs_define
class ContactsQuery:
    """
    Attributes:
        participant_ids (list[UUID]):
    """

    participant_ids: list[UUID]

    def to_dict(self) -> dict[str, Any]:
        participant_ids = []
        for participant_ids_item_data in self.participant_ids:
            participant_ids_item = str(participant_ids_item_data)
            participant_ids.append(participant_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "participant_ids": participant_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        participant_ids = []
        _participant_ids = d.pop("participant_ids")
        for participant_ids_item_data in _participant_ids:
            participant_ids_item = UUID(participant_ids_item_data)

            participant_ids.append(participant_ids_item)

        contacts_query = cls(
            participant_ids=participant_ids,
        )

        return contacts_query
