from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.side import Side
from ..models.state import State
from ..models.topic import Topic

T = TypeVar("T", bound="SessionOut")


@_attrs_define
class SessionOut:
    """
    Attributes:
        id (UUID):
        match_id (UUID):
        coach_id (UUID):
        newcomer_id (UUID):
        starts_at (datetime.datetime):
        ends_at (datetime.datetime):
        state (State):
        held_minutes (int | None):
        topics (list[Topic]):
        absent_side (None | Side):
        cancel_reason (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        duration_minutes (int): As booked.
    """

    id: UUID
    match_id: UUID
    coach_id: UUID
    newcomer_id: UUID
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    state: State
    held_minutes: int | None
    topics: list[Topic]
    absent_side: None | Side
    cancel_reason: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    duration_minutes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        match_id = str(self.match_id)

        coach_id = str(self.coach_id)

        newcomer_id = str(self.newcomer_id)

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        state = self.state.value

        held_minutes: int | None
        held_minutes = self.held_minutes

        topics = []
        for topics_item_data in self.topics:
            topics_item = topics_item_data.value
            topics.append(topics_item)

        absent_side: None | str
        if isinstance(self.absent_side, Side):
            absent_side = self.absent_side.value
        else:
            absent_side = self.absent_side

        cancel_reason: None | str
        cancel_reason = self.cancel_reason

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        duration_minutes = self.duration_minutes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "match_id": match_id,
                "coach_id": coach_id,
                "newcomer_id": newcomer_id,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "state": state,
                "held_minutes": held_minutes,
                "topics": topics,
                "absent_side": absent_side,
                "cancel_reason": cancel_reason,
                "created_at": created_at,
                "updated_at": updated_at,
                "duration_minutes": duration_minutes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        match_id = UUID(d.pop("match_id"))

        coach_id = UUID(d.pop("coach_id"))

        newcomer_id = UUID(d.pop("newcomer_id"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        state = State(d.pop("state"))

        def _parse_held_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        held_minutes = _parse_held_minutes(d.pop("held_minutes"))

        topics = []
        _topics = d.pop("topics")
        for topics_item_data in _topics:
            topics_item = Topic(topics_item_data)

            topics.append(topics_item)

        def _parse_absent_side(data: object) -> None | Side:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                absent_side_type_0 = Side(data)

                return absent_side_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Side, data)

        absent_side = _parse_absent_side(d.pop("absent_side"))

        def _parse_cancel_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        duration_minutes = d.pop("duration_minutes")

        session_out = cls(
            id=id,
            match_id=match_id,
            coach_id=coach_id,
            newcomer_id=newcomer_id,
            starts_at=starts_at,
            ends_at=ends_at,
            state=state,
            held_minutes=held_minutes,
            topics=topics,
            absent_side=absent_side,
            cancel_reason=cancel_reason,
            created_at=created_at,
            updated_at=updated_at,
            duration_minutes=duration_minutes,
        )

        session_out.additional_properties = d
        return session_out

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
