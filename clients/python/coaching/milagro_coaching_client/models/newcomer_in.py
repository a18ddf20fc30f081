from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.topic import Topic
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.availability_in import AvailabilityIn


T = TypeVar("T", bound="NewcomerIn")


@_attrs_define
class NewcomerIn:
    """
    Attributes:
        participant_id (UUID):
        languages (list[str]):
        availability (AvailabilityIn): Weekly availability in an IANA time zone (daylight saving is applied by date).
        needs (list[Topic] | Unset):
    """

    participant_id: UUID
    languages: list[str]
    availability: AvailabilityIn
    needs: list[Topic] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        participant_id = str(self.participant_id)

        languages = self.languages

        availability = self.availability.to_dict()

        needs: list[str] | Unset = UNSET
        if not isinstance(self.needs, Unset):
            needs = []
            for needs_item_data in self.needs:
                needs_item = needs_item_data.value
                needs.append(needs_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "participant_id": participant_id,
                "languages": languages,
                "availability": availability,
            }
        )
        if needs is not UNSET:
            field_dict["needs"] = needs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.availability_in import AvailabilityIn  # noqa: PLC0415

        d = dict(src_dict)
        participant_id = UUID(d.pop("participant_id"))

        languages = cast(list[str], d.pop("languages"))

        availability = AvailabilityIn.from_dict(d.pop("availability"))

        _needs = d.pop("needs", UNSET)
        needs: list[Topic] | Unset = UNSET
        if _needs is not UNSET:
            needs = []
            for needs_item_data in _needs:
                needs_item = Topic(needs_item_data)

                needs.append(needs_item)

        newcomer_in = cls(
            participant_id=participant_id,
            languages=languages,
            availability=availability,
            needs=needs,
        )

        return newcomer_in
