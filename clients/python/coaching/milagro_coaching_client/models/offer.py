from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Offer")


@_attrs_define
class Offer:
    """
    Attributes:
        academy_id (str):
        partner (str):
        name (str):
        city (str):
        time_zone (str):
        opened_at (datetime.datetime):
        coaches (int): Coaches taking newcomers now
        languages (list[str]): Languages those coaches coach in (ISO 639)
        topics (list[str]):
        open_places (int): Newcomers they can take on now
        waiting (int): Newcomers on the waiting list
    """

    academy_id: str
    partner: str
    name: str
    city: str
    time_zone: str
    opened_at: datetime.datetime
    coaches: int
    languages: list[str]
    topics: list[str]
    open_places: int
    waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        academy_id = self.academy_id

        partner = self.partner

        name = self.name

        city = self.city

        time_zone = self.time_zone

        opened_at = self.opened_at.isoformat()

        coaches = self.coaches

        languages = self.languages

        topics = self.topics

        open_places = self.open_places

        waiting = self.waiting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "academy_id": academy_id,
                "partner": partner,
                "name": name,
                "city": city,
                "time_zone": time_zone,
                "opened_at": opened_at,
                "coaches": coaches,
                "languages": languages,
                "topics": topics,
                "open_places": open_places,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        academy_id = d.pop("academy_id")

        partner = d.pop("partner")

        name = d.pop("name")

        city = d.pop("city")

        time_zone = d.pop("time_zone")

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        coaches = d.pop("coaches")

        languages = cast(list[str], d.pop("languages"))

        topics = cast(list[str], d.pop("topics"))

        open_places = d.pop("open_places")

        waiting = d.pop("waiting")

        offer = cls(
            academy_id=academy_id,
            partner=partner,
            name=name,
            city=city,
            time_zone=time_zone,
            opened_at=opened_at,
            coaches=coaches,
            languages=languages,
            topics=topics,
            open_places=open_places,
            waiting=waiting,
        )

        offer.additional_properties = d
        return offer

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
