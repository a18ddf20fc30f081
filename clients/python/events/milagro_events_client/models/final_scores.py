from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.final_score import FinalScore


T = TypeVar("T", bound="FinalScores")


@_attrs_define
class FinalScores:
    """
    Attributes:
        scores (list[FinalScore]):
    """

    scores: list[FinalScore]

    def to_dict(self) -> dict[str, Any]:
        scores = []
        for scores_item_data in self.scores:
            scores_item = scores_item_data.to_dict()
            scores.append(scores_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "scores": scores,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.final_score import FinalScore  # noqa: PLC0415

        d = dict(src_dict)
        scores = []
        _scores = d.pop("scores")
        for scores_item_data in _scores:
            scores_item = FinalScore.from_dict(scores_item_data)

            scores.append(scores_item)

        final_scores = cls(
            scores=scores,
        )

        return final_scores
