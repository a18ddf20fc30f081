from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.slot_in import SlotIn


T = TypeVar("T", bound="AvailabilityIn")


@_attrs_define
class AvailabilityIn:
    """Weekly availability in an IANA time zone (daylight saving is applied by date).

    Attributes:
        zone (str):
        slots (list[SlotIn]):
    """

    zone: str
    slots: list[SlotIn]

    def to_dict(self) -> dict[str, Any]:
        zone = self.zone

        slots = []
        for slots_item_data in self.slots:
            slots_item = slots_item_data.to_dict()
            slots.append(slots_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "zone": zone,
                "slots": slots,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.slot_in import SlotIn  # noqa: PLC0415

        d = dict(src_dict)
        zone = d.pop("zone")

        slots = []
        _slots = d.pop("slots")
        for slots_item_data in _slots:
            slots_item = SlotIn.from_dict(slots_item_data)

            slots.append(slots_item)

        availability_in = cls(
            zone=zone,
            slots=slots,
        )

        return availability_in
