from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.certification import Certification
from ..types import UNSET, Unset

T = TypeVar("T", bound="TrainingIn")


@_attrs_define
class TrainingIn:
    """
    Attributes:
        partner (str): Partner code, e.g. IT-SIENA
        title (str):
        certification (Certification):
        min_share (float | Unset): Share of the held sessions a trainee must attend Default: 0.75.
        pass_mark (float | None | Unset): When given, a final assessment score at least this is needed too
    """

    partner: str
    title: str
    certification: Certification
    min_share: float | Unset = 0.75
    pass_mark: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        partner = self.partner

        title = self.title

        certification = self.certification.value

        min_share = self.min_share

        pass_mark: float | None | Unset
        if isinstance(self.pass_mark, Unset):
            pass_mark = UNSET
        else:
            pass_mark = self.pass_mark

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "partner": partner,
                "title": title,
                "certification": certification,
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

        min_share = d.pop("min_share", UNSET)

        def _parse_pass_mark(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        pass_mark = _parse_pass_mark(d.pop("pass_mark", UNSET))

        training_in = cls(
            partner=partner,
            title=title,
            certification=certification,
            min_share=min_share,
            pass_mark=pass_mark,
        )

        return training_in
