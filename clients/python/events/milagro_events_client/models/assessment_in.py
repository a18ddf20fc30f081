from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.phase import Phase
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.assessment_in_answers import AssessmentInAnswers


T = TypeVar("T", bound="AssessmentIn")


@_attrs_define
class AssessmentIn:
    """
    Attributes:
        participant_id (UUID):
        instrument_id (str):
        phase (Phase):
        answers (AssessmentInAnswers):
        instrument_version (int | None | Unset): Default: the version of this person's earlier phase, or the newest
        answered_on (datetime.date | None | Unset): When a paper form was filled in, if not today; not in the future
    """

    participant_id: UUID
    instrument_id: str
    phase: Phase
    answers: AssessmentInAnswers
    instrument_version: int | None | Unset = UNSET
    answered_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        participant_id = str(self.participant_id)

        instrument_id = self.instrument_id

        phase = self.phase.value

        answers = self.answers.to_dict()

        instrument_version: int | None | Unset
        if isinstance(self.instrument_version, Unset):
            instrument_version = UNSET
        else:
            instrument_version = self.instrument_version

        answered_on: None | str | Unset
        if isinstance(self.answered_on, Unset):
            answered_on = UNSET
        elif isinstance(self.answered_on, datetime.date):
            answered_on = self.answered_on.isoformat()
        else:
            answered_on = self.answered_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "participant_id": participant_id,
                "instrument_id": instrument_id,
                "phase": phase,
                "answers": answers,
            }
        )
        if instrument_version is not UNSET:
            field_dict["instrument_version"] = instrument_version
        if answered_on is not UNSET:
            field_dict["answered_on"] = answered_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assessment_in_answers import AssessmentInAnswers  # noqa: PLC0415

        d = dict(src_dict)
        participant_id = UUID(d.pop("participant_id"))

        instrument_id = d.pop("instrument_id")

        phase = Phase(d.pop("phase"))

        answers = AssessmentInAnswers.from_dict(d.pop("answers"))

        def _parse_instrument_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        instrument_version = _parse_instrument_version(d.pop("instrument_version", UNSET))

        def _parse_answered_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_on_type_0 = datetime.date.fromisoformat(data)

                return answered_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        answered_on = _parse_answered_on(d.pop("answered_on", UNSET))

        assessment_in = cls(
            participant_id=participant_id,
            instrument_id=instrument_id,
            phase=phase,
            answers=answers,
            instrument_version=instrument_version,
            answered_on=answered_on,
        )

        return assessment_in
