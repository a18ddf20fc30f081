from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mediation_out_outcome import MediationOutOutcome
from ..models.mediation_out_service_kind import MediationOutServiceKind

T = TypeVar("T", bound="MediationOut")


@_attrs_define
class MediationOut:
    """
    Attributes:
        id (UUID):
        partner (str):
        mediator_id (None | UUID): Absent once the mediator is erased
        newcomer_ids (list[UUID]):
        service_kind (MediationOutServiceKind):
        delivered_at (datetime.datetime):
        duration_minutes (int):
        language (str):
        outcome (MediationOutOutcome):
        place (str):
        online (bool):
    """

    id: UUID
    partner: str
    mediator_id: None | UUID
    newcomer_ids: list[UUID]
    service_kind: MediationOutServiceKind
    delivered_at: datetime.datetime
    duration_minutes: int
    language: str
    outcome: MediationOutOutcome
    place: str
    online: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        partner = self.partner

        mediator_id: None | str
        if isinstance(self.mediator_id, UUID):
            mediator_id = str(self.mediator_id)
        else:
            mediator_id = self.mediator_id

        newcomer_ids = []
        for newcomer_ids_item_data in self.newcomer_ids:
            newcomer_ids_item = str(newcomer_ids_item_data)
            newcomer_ids.append(newcomer_ids_item)

        service_kind = self.service_kind.value

        delivered_at = self.delivered_at.isoformat()

        duration_minutes = self.duration_minutes

        language = self.language

        outcome = self.outcome.value

        place = self.place

        online = self.online

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "partner": partner,
                "mediator_id": mediator_id,
                "newcomer_ids": newcomer_ids,
                "service_kind": service_kind,
                "delivered_at": delivered_at,
                "duration_minutes": duration_minutes,
                "language": language,
                "outcome": outcome,
                "place": place,
                "online": online,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        partner = d.pop("partner")

        def _parse_mediator_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                mediator_id_type_0 = UUID(data)

                return mediator_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        mediator_id = _parse_mediator_id(d.pop("mediator_id"))

        newcomer_ids = []
        _newcomer_ids = d.pop("newcomer_ids")
        for newcomer_ids_item_data in _newcomer_ids:
            newcomer_ids_item = UUID(newcomer_ids_item_data)

            newcomer_ids.append(newcomer_ids_item)

        service_kind = MediationOutServiceKind(d.pop("service_kind"))

        delivered_at = datetime.datetime.fromisoformat(d.pop("delivered_at"))

        duration_minutes = d.pop("duration_minutes")

        language = d.pop("language")

        outcome = MediationOutOutcome(d.pop("outcome"))

        place = d.pop("place")

        online = d.pop("online")

        mediation_out = cls(
            id=id,
            partner=partner,
            mediator_id=mediator_id,
            newcomer_ids=newcomer_ids,
            service_kind=service_kind,
            delivered_at=delivered_at,
            duration_minutes=duration_minutes,
            language=language,
            outcome=outcome,
            place=place,
            online=online,
        )

        mediation_out.additional_properties = d
        return mediation_out

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
