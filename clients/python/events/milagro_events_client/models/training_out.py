from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.certification import Certification
from ..types import UNSET, Unset

T = TypeVar("T", bound="TrainingOut")


@_attrs_define
class TrainingOut:
    """
    Attributes:
        partner (str): Partner code, e.g. IT-SIENA
        title (str):
        certification (Certification):
        id (UUID):
        state (str): open, or completed (its results are final)
        created_at (datetime.datetime):
        completed_at (datetime.datetime | None): The end of its last held session
        min_share (float | Unset): Share of the held sessions a trainee must attend Default: 0.75.
        pass_mark (float | None | Unset): When given, a final assessment score at least this is needed too
    """

    partner: str
    title: str
    certification: Certification
    id: UUID
    state: str
    created_at: datetime.datetime
    completed_at: datetime.datetime | None
    min_share: float | Unset = 0.75
    pass_mark: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partner = self.partner

        title = self.title

        certification = self.certification.value

        id = str(self.id)

        state = self.state

        created_at = self.created_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        min_share = self.min_share

        pass_mark: float | None | Unset
        if isinstance(self.pass_mark, Unset):
            pass_mark = UNSET
        else:
            pass_mark = self.pass_mark

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partner": partner,
                "title": title,
                "certification": certification,
                "id": id,
                "state": state,
                "created_at": created_at,
                "completed_at": completed_at,
            }
        )
        if min_share is not UNSET:
            field_dict["min_share"] = min_share
        if pass_mark is not UNSET:
            field_dict["pass_mark"] = pass_mark

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        partner = d.pop("partner")

        title = d.pop("title")

        certification = Certification(d.pop("certification"))

        id = UUID(d.pop("id"))

        state = d.pop("state")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        min_share = d.pop("min_share", UNSET)

        def _parse_pass_mark(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        pass_mark = _parse_pass_mark(d.pop("pass_mark", UNSET))

        training_out = cls(
            partner=partner,
            title=title,
            certification=certification,
            id=id,
            state=state,
            created_at=created_at,
            completed_at=completed_at,
            min_share=min_share,
            pass_mark=pass_mark,
        )

        training_out.additional_properties = d
        return training_out

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
