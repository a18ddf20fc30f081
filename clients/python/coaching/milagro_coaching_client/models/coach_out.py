from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.coach_out_availability import CoachOutAvailability


T = TypeVar("T", bound="CoachOut")


@_attrs_define
class CoachOut:
    """
    Attributes:
        id (UUID):
        academy_id (UUID):
        participant_id (None | UUID): null once the person is erased
        languages (list[str]):
        topics (list[str]):
        availability (CoachOutAvailability):
        capacity (int):
        load (int): Newcomers coached now (accepted matches)
        state (str): available, paused (no new newcomers) or left
        enrolled_at (datetime.datetime):
    """

    id: UUID
    academy_id: UUID
    participant_id: None | UUID
    languages: list[str]
    topics: list[str]
    availability: CoachOutAvailability
    capacity: int
    load: int
    state: str
    enrolled_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        academy_id = str(self.academy_id)

        participant_id: None | str
        if isinstance(self.participant_id, UUID):
            participant_id = str(self.participant_id)
        else:
            participant_id = self.participant_id

        languages = self.languages

        topics = self.topics

        availability = self.availability.to_dict()

        capacity = self.capacity

        load = self.load

        state = self.state

        enrolled_at = self.enrolled_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "academy_id": academy_id,
                "participant_id": participant_id,
                "languages": languages,
                "topics": topics,
                "availability": availability,
                "capacity": capacity,
                "load": load,
                "state": state,
                "enrolled_at": enrolled_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.coach_out_availability import CoachOutAvailability  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        academy_id = UUID(d.pop("academy_id"))

        def _parse_participant_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                participant_id_type_0 = UUID(data)

                return participant_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        participant_id = _parse_participant_id(d.pop("participant_id"))

        languages = cast(list[str], d.pop("languages"))

        topics = cast(list[str], d.pop("topics"))

        availability = CoachOutAvailability.from_dict(d.pop("availability"))

        capacity = d.pop("capacity")

        load = d.pop("load")

        state = d.pop("state")

        enrolled_at = datetime.datetime.fromisoformat(d.pop("enrolled_at"))

        coach_out = cls(
            id=id,
            academy_id=academy_id,
            participant_id=participant_id,
            languages=languages,
            topics=topics,
            availability=availability,
            capacity=capacity,
            load=load,
            state=state,
            enrolled_at=enrolled_at,
        )

        coach_out.additional_properties = d
        return coach_out

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
