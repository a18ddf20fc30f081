from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.consent_change_out import ConsentChangeOut
    from ..models.consent_state import ConsentState


T = TypeVar("T", bound="Consents")


@_attrs_define
class Consents:
    """
    Attributes:
        participant_id (UUID):
        current (list[ConsentState]):
        history (list[ConsentChangeOut]):
    """

    participant_id: UUID
    current: list[ConsentState]
    history: list[ConsentChangeOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        participant_id = str(self.participant_id)

        current = []
        for current_item_data in self.current:
            current_item = current_item_data.to_dict()
            current.append(current_item)

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "participant_id": participant_id,
                "current": current,
                "history": history,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_change_out import ConsentChangeOut  # noqa: PLC0415
        from ..models.consent_state import ConsentState  # noqa: PLC0415

        d = dict(src_dict)
        participant_id = UUID(d.pop("participant_id"))

        current = []
        _current = d.pop("current")
        for current_item_data in _current:
            current_item = ConsentState.from_dict(current_item_data)

            current.append(current_item)

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = ConsentChangeOut.from_dict(history_item_data)

            history.append(history_item)

        consents = cls(
            participant_id=participant_id,
            current=current,
            history=history,
        )

        consents.additional_properties = d
        return consents

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
