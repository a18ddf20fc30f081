from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.mediation_in_outcome import MediationInOutcome
from ..models.mediation_in_service_kind import MediationInServiceKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="MediationIn")


@_attrs_define
class MediationIn:
    """A service delivered: who served whom, what, when, for how long, how it ended.

    Attributes:
        partner (str): Partner code, e.g. IT-SIENA
        mediator_id (UUID):
        newcomer_ids (list[UUID]):
        service_kind (MediationInServiceKind):
        delivered_at (datetime.datetime): When it started; not in the future
        duration_minutes (int):
        language (str): ISO 639 code
        outcome (MediationInOutcome):
        place (None | str | Unset): A venue or city; absent when online
        online (bool | Unset):  Default: False.
    """

    partner: str
    mediator_id: UUID
    newcomer_ids: list[UUID]
    service_kind: MediationInServiceKind
    delivered_at: datetime.datetime
    duration_minutes: int
    language: str
    outcome: MediationInOutcome
    place: None | str | Unset = UNSET
    online: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        partner = self.partner

        mediator_id = str(self.mediator_id)

        newcomer_ids = []
        for newcomer_ids_item_data in self.newcomer_ids:
            newcomer_ids_item = str(newcomer_ids_item_data)
            newcomer_ids.append(newcomer_ids_item)

        service_kind = self.service_kind.value

        delivered_at = self.delivered_at.isoformat()

        duration_minutes = self.duration_minutes

        language = self.language

        outcome = self.outcome.value

        place: None | str | Unset
        if isinstance(self.place, Unset):
            place = UNSET
        else:
            place = self.place

        online = self.online

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "partner": partner,
                "mediator_id": mediator_id,
                "newcomer_ids": newcomer_ids,
                "service_kind": service_kind,
                "delivered_at": delivered_at,
                "duration_minutes": duration_minutes,
                "language": language,
                "outcome": outcome,
            }
        )
        if place is not UNSET:
            field_dict["place"] = place
        if online is not UNSET:
            field_dict["online"] = online

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        partner = d.pop("partner")

        mediator_id = UUID(d.pop("mediator_id"))

        newcomer_ids = []
        _newcomer_ids = d.pop("newcomer_ids")
        for newcomer_ids_item_data in _newcomer_ids:
            newcomer_ids_item = UUID(newcomer_ids_item_data)

            newcomer_ids.append(newcomer_ids_item)

        service_kind = MediationInServiceKind(d.pop("service_kind"))

        delivered_at = datetime.datetime.fromisoformat(d.pop("delivered_at"))

        duration_minutes = d.pop("duration_minutes")

        language = d.pop("language")

        outcome = MediationInOutcome(d.pop("outcome"))

        def _parse_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        place = _parse_place(d.pop("place", UNSET))

        online = d.pop("online", UNSET)

        mediation_in = cls(
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

        return mediation_in
