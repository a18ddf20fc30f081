from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="AcademyOut")


@_attrs_define
class AcademyOut:
    """
    Attributes:
        partner (str): Partner code, e.g. IT-SIENA
        name (str):
        city (str):
        time_zone (str):
        id (UUID):
        opened_at (datetime.datetime):
    """

    partner: str
    name: str
    city: str
    time_zone: str
    id: UUID
    opened_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        partner = self.partner

        name = self.name

        city = self.city

        time_zone = self.time_zone

        id = str(self.id)

        opened_at = self.opened_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "partner": partner,
                "name": name,
                "city": city,
                "time_zone": time_zone,
                "id": id,
                "opened_at": opened_at,
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

        id = UUID(d.pop("id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        academy_out = cls(
            partner=partner,
            name=name,
            city=city,
            time_zone=time_zone,
            id=id,
            opened_at=opened_at,
        )

        return academy_out
