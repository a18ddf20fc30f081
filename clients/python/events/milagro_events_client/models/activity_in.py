from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.activity_kind import ActivityKind
from ..models.group import Group
from ..types import UNSET, Unset

T = TypeVar("T", bound="ActivityIn")


@_attrs_define
class ActivityIn:
    """A new activity. `training_id` names the training a `training` session belongs to;
    `camp_location_id` where a `summer_camp` is held. Mediation services are recorded at
    `/v1/mediation-services`.

        Attributes:
            starts_at (datetime.datetime):
            ends_at (datetime.datetime):
            partner (str): Partner code, e.g. IT-SIENA
            kind (ActivityKind):
            title (str):
            place (None | str | Unset): A venue or city; absent when online
            online (bool | Unset):  Default: False.
            capacity (int | None | Unset):
            target_groups (list[Group] | Unset):
            facilitator_ids (list[UUID] | Unset): Participants who lead it (how migrants in leading roles are counted)
            training_id (None | Unset | UUID):
            camp_location_id (None | str | Unset):
    """

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    partner: str
    kind: ActivityKind
    title: str
    place: None | str | Unset = UNSET
    online: bool | Unset = False
    capacity: int | None | Unset = UNSET
    target_groups: list[Group] | Unset = UNSET
    facilitator_ids: list[UUID] | Unset = UNSET
    training_id: None | Unset | UUID = UNSET
    camp_location_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        partner = self.partner

        kind = self.kind.value

        title = self.title

        place: None | str | Unset
        if isinstance(self.place, Unset):
            place = UNSET
        else:
            place = self.place

        online = self.online

        capacity: int | None | Unset
        if isinstance(self.capacity, Unset):
            capacity = UNSET
        else:
            capacity = self.capacity

        target_groups: list[str] | Unset = UNSET
        if not isinstance(self.target_groups, Unset):
            target_groups = []
            for target_groups_item_data in self.target_groups:
                target_groups_item = target_groups_item_data.value
                target_groups.append(target_groups_item)

        facilitator_ids: list[str] | Unset = UNSET
        if not isinstance(self.facilitator_ids, Unset):
            facilitator_ids = []
            for facilitator_ids_item_data in self.facilitator_ids:
                facilitator_ids_item = str(facilitator_ids_item_data)
                facilitator_ids.append(facilitator_ids_item)

        training_id: None | str | Unset
        if isinstance(self.training_id, Unset):
            training_id = UNSET
        elif isinstance(self.training_id, UUID):
            training_id = str(self.training_id)
        else:
            training_id = self.training_id

        camp_location_id: None | str | Unset
        if isinstance(self.camp_location_id, Unset):
            camp_location_id = UNSET
        else:
            camp_location_id = self.camp_location_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "starts_at": starts_at,
                "ends_at": ends_at,
                "partner": partner,
                "kind": kind,
                "title": title,
            }
        )
        if place is not UNSET:
            field_dict["place"] = place
        if online is not UNSET:
            field_dict["online"] = online
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if target_groups is not UNSET:
            field_dict["target_groups"] = target_groups
        if facilitator_ids is not UNSET:
            field_dict["facilitator_ids"] = facilitator_ids
        if training_id is not UNSET:
            field_dict["training_id"] = training_id
        if camp_location_id is not UNSET:
            field_dict["camp_location_id"] = camp_location_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        partner = d.pop("partner")

        kind = ActivityKind(d.pop("kind"))

        title = d.pop("title")

        def _parse_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        place = _parse_place(d.pop("place", UNSET))

        online = d.pop("online", UNSET)

        def _parse_capacity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        capacity = _parse_capacity(d.pop("capacity", UNSET))

        _target_groups = d.pop("target_groups", UNSET)
        target_groups: list[Group] | Unset = UNSET
        if _target_groups is not UNSET:
            target_groups = []
            for target_groups_item_data in _target_groups:
                target_groups_item = Group(target_groups_item_data)

                target_groups.append(target_groups_item)

        _facilitator_ids = d.pop("facilitator_ids", UNSET)
        facilitator_ids: list[UUID] | Unset = UNSET
        if _facilitator_ids is not UNSET:
            facilitator_ids = []
            for facilitator_ids_item_data in _facilitator_ids:
                facilitator_ids_item = UUID(facilitator_ids_item_data)

                facilitator_ids.append(facilitator_ids_item)

        def _parse_training_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                training_id_type_0 = UUID(data)

                return training_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        training_id = _parse_training_id(d.pop("training_id", UNSET))

        def _parse_camp_location_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        camp_location_id = _parse_camp_location_id(d.pop("camp_location_id", UNSET))

        activity_in = cls(
            starts_at=starts_at,
            ends_at=ends_at,
            partner=partner,
            kind=kind,
            title=title,
            place=place,
            online=online,
            capacity=capacity,
            target_groups=target_groups,
            facilitator_ids=facilitator_ids,
            training_id=training_id,
            camp_location_id=camp_location_id,
        )

        return activity_in
