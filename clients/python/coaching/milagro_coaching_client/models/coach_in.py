from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.topic import Topic
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.availability_in import AvailabilityIn


T = TypeVar("T", bound="CoachIn")


@_attrs_define
class CoachIn:
    """Enrol a certified coach: by the coach training, or certified elsewhere (the
    registry's `coach` role).

        Attributes:
            participant_id (UUID):
            languages (list[str]):
            topics (list[Topic]):
            availability (AvailabilityIn): Weekly availability in an IANA time zone (daylight saving is applied by date).
            capacity (int | Unset): Newcomers coached at once Default: 3.
    """

    participant_id: UUID
    languages: list[str]
    topics: list[Topic]
    availability: AvailabilityIn
    capacity: int | Unset = 3

    def to_dict(self) -> dict[str, Any]:
        participant_id = str(self.participant_id)

        languages = self.languages

        topics = []
        for topics_item_data in self.topics:
            topics_item = topics_item_data.value
            topics.append(topics_item)

        availability = self.availability.to_dict()

        capacity = self.capacity

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "participant_id": participant_id,
                "languages": languages,
                "topics": topics,
                "availability": availability,
            }
        )
        if capacity is not UNSET:
            field_dict["capacity"] = capacity

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.availability_in import AvailabilityIn  # noqa: PLC0415

        d = dict(src_dict)
        participant_id = UUID(d.pop("participant_id"))

        languages = cast(list[str], d.pop("languages"))

        topics = []
        _topics = d.pop("topics")
        for topics_item_data in _topics:
            topics_item = Topic(topics_item_data)

            topics.append(topics_item)

        availability = AvailabilityIn.from_dict(d.pop("availability"))

        capacity = d.pop("capacity", UNSET)

        coach_in = cls(
            participant_id=participant_id,
            languages=languages,
            topics=topics,
            availability=availability,
            capacity=capacity,
        )

        return coach_in
