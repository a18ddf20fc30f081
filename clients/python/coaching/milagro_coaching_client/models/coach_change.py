from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.topic import Topic
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.availability_in import AvailabilityIn


T = TypeVar("T", bound="CoachChange")


@_attrs_define
class CoachChange:
    """What changes in a coach's profile; what is absent stays.

    Attributes:
        languages (list[str] | None | Unset):
        topics (list[Topic] | None | Unset):
        availability (AvailabilityIn | None | Unset):
        capacity (int | None | Unset):
    """

    languages: list[str] | None | Unset = UNSET
    topics: list[Topic] | None | Unset = UNSET
    availability: AvailabilityIn | None | Unset = UNSET
    capacity: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.availability_in import AvailabilityIn  # noqa: PLC0415

        languages: list[str] | None | Unset
        if isinstance(self.languages, Unset):
            languages = UNSET
        elif isinstance(self.languages, list):
            languages = self.languages

        else:
            languages = self.languages

        topics: list[str] | None | Unset
        if isinstance(self.topics, Unset):
            topics = UNSET
        elif isinstance(self.topics, list):
            topics = []
            for topics_type_0_item_data in self.topics:
                topics_type_0_item = topics_type_0_item_data.value
                topics.append(topics_type_0_item)

        else:
            topics = self.topics

        availability: dict[str, Any] | None | Unset
        if isinstance(self.availability, Unset):
            availability = UNSET
        elif isinstance(self.availability, AvailabilityIn):
            availability = self.availability.to_dict()
        else:
            availability = self.availability

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if languages is not UNSET:
            field_dict["languages"] = languages
        if topics is not UNSET:
            field_dict["topics"] = topics
        if availability is not UNSET:
            field_dict["availability"] = availability
        if capacity is not UNSET:
            field_dict["capacity"] = capacity

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.availability_in import AvailabilityIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_languages(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                languages_type_0 = cast(list[str], data)

                return languages_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        languages = _parse_languages(d.pop("languages", UNSET))

        def _parse_topics(data: object) -> list[Topic] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                topics_type_0 = []
                _topics_type_0 = data
                for topics_type_0_item_data in _topics_type_0:
                    topics_type_0_item = Topic(topics_type_0_item_data)

                    topics_type_0.append(topics_type_0_item)

                return topics_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Topic] | None | Unset, data)

        topics = _parse_topics(d.pop("topics", UNSET))

        def _parse_availability(data: object) -> AvailabilityIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                availability_type_0 = AvailabilityIn.from_dict(data)

                return availability_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AvailabilityIn | None | Unset, data)

        availability = _parse_availability(d.pop("availability", UNSET))

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        coach_change = cls(
            languages=languages,
            topics=topics,
            availability=availability,
            capacity=capacity,
        )

        return coach_change
