from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.match_out import MatchOut
    from ..models.unmatched import Unmatched


T = TypeVar("T", bound="MatchingRun")


@_attrs_define
class MatchingRun:
    """
    Attributes:
        proposals (list[MatchOut]): Pending proposals after this run
        unmatched (list[Unmatched]): Waiting newcomers left out, and why
        total_fit (float):
        kept (int): Pending proposals proposed again unchanged
        withdrawn (int): Pending proposals replaced by a better assignment
    """

    proposals: list[MatchOut]
    unmatched: list[Unmatched]
    total_fit: float
    kept: int
    withdrawn: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        proposals = []
        for proposals_item_data in self.proposals:
            proposals_item = proposals_item_data.to_dict()
            proposals.append(proposals_item)

        unmatched = []
        for unmatched_item_data in self.unmatched:
            unmatched_item = unmatched_item_data.to_dict()
            unmatched.append(unmatched_item)

        total_fit = self.total_fit

        kept = self.kept

        withdrawn = self.withdrawn

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "proposals": proposals,
                "unmatched": unmatched,
                "total_fit": total_fit,
                "kept": kept,
                "withdrawn": withdrawn,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.match_out import MatchOut  # noqa: PLC0415
        from ..models.unmatched import Unmatched  # noqa: PLC0415

        d = dict(src_dict)
        proposals = []
        _proposals = d.pop("proposals")
        for proposals_item_data in _proposals:
            proposals_item = MatchOut.from_dict(proposals_item_data)

            proposals.append(proposals_item)

        unmatched = []
        _unmatched = d.pop("unmatched")
        for unmatched_item_data in _unmatched:
            unmatched_item = Unmatched.from_dict(unmatched_item_data)

            unmatched.append(unmatched_item)

        total_fit = d.pop("total_fit")

        kept = d.pop("kept")

        withdrawn = d.pop("withdrawn")

        matching_run = cls(
            proposals=proposals,
            unmatched=unmatched,
            total_fit=total_fit,
            kept=kept,
            withdrawn=withdrawn,
        )

        matching_run.additional_properties = d
        return matching_run

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
