from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.topic import Topic
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.availability_in import AvailabilityIn


T = TypeVar("T", bound="NewcomerChange")


@_attrs_define
class NewcomerChange:
    """
    Attributes:
        languages (list[str] | None | Unset):
        needs (list[Topic] | None | Unset):
        availability (AvailabilityIn | None | Unset):
    """

    languages: list[str] | None | Unset = UNSET
    needs: list[Topic] | None | Unset = UNSET
    availability: AvailabilityIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.availability_in import AvailabilityIn  # noqa: PLC0415

        languages: list[str] | None | Unset
        if isinstance(self.languages, Unset):
            languages = UNSET
        elif isinstance(self.languages, list):
            languages = self.languages

        else:
            languages = self.languages

        needs: list[str] | None | Unset
        if isinstance(self.needs, Unset):
            needs = UNSET
        elif isinstance(self.needs, list):
            needs = []
            for needs_type_0_item_data in self.needs:
                needs_type_0_item = needs_type_0_item_data.value
                needs.append(needs_type_0_item)

        else:
            needs = self.needs

        availability: dict[str, Any] | None | Unset
        if isinstance(self.availability, Unset):
            availability = UNSET
        elif isinstance(self.availability, AvailabilityIn):
            availability = self.availability.to_dict()
        else:
            availability = self.availability

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if languages is not UNSET:
            field_dict["languages"] = languages
        if needs is not UNSET:
            field_dict["needs"] = needs
        if availability is not UNSET:
            field_dict["availability"] = availability

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

        def _parse_needs(data: object) -> list[Topic] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                needs_type_0 = []
                _needs_type_0 = data
                for needs_type_0_item_data in _needs_type_0:
                    needs_type_0_item = Topic(needs_type_0_item_data)

                    needs_type_0.append(needs_type_0_item)

                return needs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Topic] | None | Unset, data)

        needs = _parse_needs(d.pop("needs", UNSET))

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

        newcomer_change = cls(
            languages=languages,
            needs=needs,
            availability=availability,
        )

        return newcomer_change
