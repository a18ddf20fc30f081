from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.activity_kind import ActivityKind
from ..models.group import Group
from ..models.state import State

if TYPE_CHECKING:
    from ..models.counts_by_group import CountsByGroup


T = TypeVar("T", bound="HeldActivity")


@_attrs_define
class HeldActivity:
    """A closed activity with its final attendance.

    Attributes:
        id (UUID):
        partner (str):
        kind (ActivityKind):
        title (str):
        place (str):
        online (bool):
        starts_at (datetime.datetime):
        ends_at (datetime.datetime):
        capacity (int | None):
        target_groups (list[Group]):
        facilitator_ids (list[UUID]):
        state (State):
        present (int): People checked in as present
        training_id (None | UUID):
        camp_location_id (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        closed_at (datetime.datetime | None):
        cancel_reason (None | str):
        attendance (CountsByGroup):
    """

    id: UUID
    partner: str
    kind: ActivityKind
    title: str
    place: str
    online: bool
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int | None
    target_groups: list[Group]
    facilitator_ids: list[UUID]
    state: State
    present: int
    training_id: None | UUID
    camp_location_id: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    closed_at: datetime.datetime | None
    cancel_reason: None | str
    attendance: CountsByGroup
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        partner = self.partner

        kind = self.kind.value

        title = self.title

        place = self.place

        online = self.online

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        capacity: int | None
        capacity = self.capacity

        target_groups = []
        for target_groups_item_data in self.target_groups:
            target_groups_item = target_groups_item_data.value
            target_groups.append(target_groups_item)

        facilitator_ids = []
        for facilitator_ids_item_data in self.facilitator_ids:
            facilitator_ids_item = str(facilitator_ids_item_data)
            facilitator_ids.append(facilitator_ids_item)

        state = self.state.value

        present = self.present

        training_id: None | str
        if isinstance(self.training_id, UUID):
            training_id = str(self.training_id)
        else:
            training_id = self.training_id

        camp_location_id: None | str
        camp_location_id = self.camp_location_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        cancel_reason: None | str
        cancel_reason = self.cancel_reason

        attendance = self.attendance.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "partner": partner,
                "kind": kind,
                "title": title,
                "place": place,
                "online": online,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "capacity": capacity,
                "target_groups": target_groups,
                "facilitator_ids": facilitator_ids,
                "state": state,
                "present": present,
                "training_id": training_id,
                "camp_location_id": camp_location_id,
                "created_at": created_at,
                "updated_at": updated_at,
                "closed_at": closed_at,
                "cancel_reason": cancel_reason,
                "attendance": attendance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counts_by_group import CountsByGroup  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        partner = d.pop("partner")

        kind = ActivityKind(d.pop("kind"))

        title = d.pop("title")

        place = d.pop("place")

        online = d.pop("online")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        def _parse_capacity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capacity = _parse_capacity(d.pop("capacity"))

        target_groups = []
        _target_groups = d.pop("target_groups")
        for target_groups_item_data in _target_groups:
            target_groups_item = Group(target_groups_item_data)

            target_groups.append(target_groups_item)

        facilitator_ids = []
        _facilitator_ids = d.pop("facilitator_ids")
        for facilitator_ids_item_data in _facilitator_ids:
            facilitator_ids_item = UUID(facilitator_ids_item_data)

            facilitator_ids.append(facilitator_ids_item)

        state = State(d.pop("state"))

        present = d.pop("present")

        def _parse_training_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                training_id_type_0 = UUID(data)

                return training_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        training_id = _parse_training_id(d.pop("training_id"))

        def _parse_camp_location_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        camp_location_id = _parse_camp_location_id(d.pop("camp_location_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        def _parse_cancel_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason"))

        attendance = CountsByGroup.from_dict(d.pop("attendance"))

        held_activity = cls(
            id=id,
            partner=partner,
            kind=kind,
            title=title,
            place=place,
            online=online,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            target_groups=target_groups,
            facilitator_ids=facilitator_ids,
            state=state,
            present=present,
            training_id=training_id,
            camp_location_id=camp_location_id,
            created_at=created_at,
            updated_at=updated_at,
            closed_at=closed_at,
            cancel_reason=cancel_reason,
            attendance=attendance,
        )

        held_activity.additional_properties = d
        return held_activity

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
