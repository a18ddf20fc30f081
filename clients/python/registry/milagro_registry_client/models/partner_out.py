from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.partner_kind import PartnerKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="PartnerOut")


@_attrs_define
class PartnerOut:
    """
    Attributes:
        code (str): Partner code, e.g. IT-SIENA
        name (str):
        country (str): ISO 3166-1 alpha-2
        city (str):
        registered_at (datetime.datetime):
        kind (PartnerKind | Unset):
    """

    code: str
    name: str
    country: str
    city: str
    registered_at: datetime.datetime
    kind: PartnerKind | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        country = self.country

        city = self.city

        registered_at = self.registered_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "name": name,
                "country": country,
                "city": city,
                "registered_at": registered_at,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        country = d.pop("country")

        city = d.pop("city")

        registered_at = datetime.datetime.fromisoformat(d.pop("registered_at"))

        _kind = d.pop("kind", UNSET)
        kind: PartnerKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = PartnerKind(_kind)

        partner_out = cls(
            code=code,
            name=name,
            country=country,
            city=city,
            registered_at=registered_at,
            kind=kind,
        )

        return partner_out
