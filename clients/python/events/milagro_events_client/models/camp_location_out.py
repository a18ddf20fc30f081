from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CampLocationOut")


@_attrs_define
class CampLocationOut:
    """
    Attributes:
        id (str):
        partner (str): Partner code, e.g. IT-SIENA
        name (str):
        place (str):
        added_at (datetime.datetime):
        replication (bool | Unset): A replication at a new place or partner, beyond the first three Default: False.
    """

    id: str
    partner: str
    name: str
    place: str
    added_at: datetime.datetime
    replication: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        partner = self.partner

        name = self.name

        place = self.place

        added_at = self.added_at.isoformat()

        replication = self.replication

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "partner": partner,
                "name": name,
                "place": place,
                "added_at": added_at,
            }
        )
        if replication is not UNSET:
            field_dict["replication"] = replication

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        partner = d.pop("partner")

        name = d.pop("name")

        place = d.pop("place")

        added_at = datetime.datetime.fromisoformat(d.pop("added_at"))

        replication = d.pop("replication", UNSET)

        camp_location_out = cls(
            id=id,
            partner=partner,
            name=name,
            place=place,
            added_at=added_at,
            replication=replication,
        )

        return camp_location_out
