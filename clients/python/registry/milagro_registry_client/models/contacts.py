from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.contacts_contacts import ContactsContacts
    from ..models.contacts_refused import ContactsRefused


T = TypeVar("T", bound="Contacts")


@_attrs_define
class Contacts:
    """Each asked id's answer: its contact (under the id asked for, a merged record's
    giving the kept one's), or why not.

        Attributes:
            contacts (ContactsContacts):
            refused (ContactsRefused):
    """

    contacts: ContactsContacts
    refused: ContactsRefused
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contacts = self.contacts.to_dict()

        refused = self.refused.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contacts": contacts,
                "refused": refused,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contacts_contacts import ContactsContacts  # noqa: PLC0415
        from ..models.contacts_refused import ContactsRefused  # noqa: PLC0415

        d = dict(src_dict)
        contacts = ContactsContacts.from_dict(d.pop("contacts"))

        refused = ContactsRefused.from_dict(d.pop("refused"))

        contacts = cls(
            contacts=contacts,
            refused=refused,
        )

        contacts.additional_properties = d
        return contacts

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
