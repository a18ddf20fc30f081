from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CampLocationIn")


@_attrs_define
class CampLocationIn:
    """
    Attributes:
        id (str):
        partner (str): Partner code, e.g. IT-SIENA
        name (str):
        place (str):
        replication (bool | Unset): A replication at a new place or partner, beyond the first three Default: False.
    """

    id: str
    partner: str
    name: str
    place: str
    replication: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        partner = self.partner

        name = self.name

        place = self.place

        replication = self.replication

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "partner": partner,
                "name": name,
                "place": place,
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

        replication = d.pop("replication", UNSET)

        camp_location_in = cls(
            id=id,
            partner=partner,
            name=name,
            place=place,
            replication=replication,
        )

        return camp_location_in
