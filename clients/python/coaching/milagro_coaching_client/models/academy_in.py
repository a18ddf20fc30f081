from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AcademyIn")


@_attrs_define
class AcademyIn:
    """
    Attributes:
        partner (str): Partner code, e.g. IT-SIENA
        name (str):
        city (str):
        time_zone (str):
    """

    partner: str
    name: str
    city: str
    time_zone: str

    def to_dict(self) -> dict[str, Any]:
        partner = self.partner

        name = self.name

        city = self.city

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "partner": partner,
                "name": name,
                "city": city,
                "time_zone": time_zone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        partner = d.pop("partner")

        name = d.pop("name")

        city = d.pop("city")

        time_zone = d.pop("time_zone")

        academy_in = cls(
            partner=partner,
            name=name,
            city=city,
            time_zone=time_zone,
        )

        return academy_in
