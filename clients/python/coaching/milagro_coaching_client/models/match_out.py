from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MatchOut")


@_attrs_define
class MatchOut:
    """
    Attributes:
        id (UUID):
        academy_id (UUID):
        coach_id (UUID):
        newcomer_id (UUID):
        state (str): proposed, accepted, declined, withdrawn or ended
        score (float): The fit, 0-100 (the matcher's documented score)
        reasons (str): Why, in words
        proposed_at (datetime.datetime):
        decided_at (datetime.datetime | None):
        decision_reason (None | str):
        ended_at (datetime.datetime | None):
    """

    id: UUID
    academy_id: UUID
    coach_id: UUID
    newcomer_id: UUID
    state: str
    score: float
    reasons: str
    proposed_at: datetime.datetime
    decided_at: datetime.datetime | None
    decision_reason: None | str
    ended_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        academy_id = str(self.academy_id)

        coach_id = str(self.coach_id)

        newcomer_id = str(self.newcomer_id)

        state = self.state

        score = self.score

        reasons = self.reasons

        proposed_at = self.proposed_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_reason: None | str
        decision_reason = self.decision_reason

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "academy_id": academy_id,
                "coach_id": coach_id,
                "newcomer_id": newcomer_id,
                "state": state,
                "score": score,
                "reasons": reasons,
                "proposed_at": proposed_at,
                "decided_at": decided_at,
                "decision_reason": decision_reason,
                "ended_at": ended_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        academy_id = UUID(d.pop("academy_id"))

        coach_id = UUID(d.pop("coach_id"))

        newcomer_id = UUID(d.pop("newcomer_id"))

        state = d.pop("state")

        score = d.pop("score")

        reasons = d.pop("reasons")

        proposed_at = datetime.datetime.fromisoformat(d.pop("proposed_at"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_reason = _parse_decision_reason(d.pop("decision_reason"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        match_out = cls(
            id=id,
            academy_id=academy_id,
            coach_id=coach_id,
            newcomer_id=newcomer_id,
            state=state,
            score=score,
            reasons=reasons,
            proposed_at=proposed_at,
            decided_at=decided_at,
            decision_reason=decision_reason,
            ended_at=ended_at,
        )

        match_out.additional_properties = d
        return match_out

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
