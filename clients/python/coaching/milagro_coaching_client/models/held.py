from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.topic import Topic
from ..types import UNSET, Unset

T = TypeVar("T", bound="Held")


@_attrs_define
class Held:
    """
    Attributes:
        duration_minutes (int):
        topics (list[Topic] | Unset):
    """

    duration_minutes: int
    topics: list[Topic] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        duration_minutes = self.duration_minutes

        topics: list[str] | Unset = UNSET
        if not isinstance(self.topics, Unset):
            topics = []
            for topics_item_data in self.topics:
                topics_item = topics_item_data.value
                topics.append(topics_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration_minutes": duration_minutes,
            }
        )
        if topics is not UNSET:
            field_dict["topics"] = topics

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        duration_minutes = d.pop("duration_minutes")

        _topics = d.pop("topics", UNSET)
        topics: list[Topic] | Unset = UNSET
        if _topics is not UNSET:
            topics = []
            for topics_item_data in _topics:
                topics_item = Topic(topics_item_data)

                topics.append(topics_item)

        held = cls(
            duration_minutes=duration_minutes,
            topics=topics,
        )

        return held
