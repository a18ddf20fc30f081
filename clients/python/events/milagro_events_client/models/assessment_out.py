from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.group import Group
from ..models.phase import Phase

if TYPE_CHECKING:
    from ..models.assessment_out_answers_type_0 import AssessmentOutAnswersType0
    from ..models.assessment_out_scores import AssessmentOutScores


T = TypeVar("T", bound="AssessmentOut")


@_attrs_define
class AssessmentOut:
    """
    Attributes:
        id (UUID):
        partner (str):
        participant_id (None | UUID): null once the person is erased
        instrument_id (str):
        instrument_version (int):
        phase (Phase):
        group (Group):
        answers (AssessmentOutAnswersType0 | None): null once the person is erased
        scores (AssessmentOutScores):
        submitted_at (datetime.datetime):
    """

    id: UUID
    partner: str
    participant_id: None | UUID
    instrument_id: str
    instrument_version: int
    phase: Phase
    group: Group
    answers: AssessmentOutAnswersType0 | None
    scores: AssessmentOutScores
    submitted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.assessment_out_answers_type_0 import AssessmentOutAnswersType0  # noqa: PLC0415

        id = str(self.id)

        partner = self.partner

        participant_id: None | str
        if isinstance(self.participant_id, UUID):
            participant_id = str(self.participant_id)
        else:
            participant_id = self.participant_id

        instrument_id = self.instrument_id

        instrument_version = self.instrument_version

        phase = self.phase.value

        group = self.group.value

        answers: dict[str, Any] | None
        if isinstance(self.answers, AssessmentOutAnswersType0):
            answers = self.answers.to_dict()
        else:
            answers = self.answers

        scores = self.scores.to_dict()

        submitted_at = self.submitted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "partner": partner,
                "participant_id": participant_id,
                "instrument_id": instrument_id,
                "instrument_version": instrument_version,
                "phase": phase,
                "group": group,
                "answers": answers,
                "scores": scores,
                "submitted_at": submitted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assessment_out_answers_type_0 import AssessmentOutAnswersType0  # noqa: PLC0415
        from ..models.assessment_out_scores import AssessmentOutScores  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        partner = d.pop("partner")

        def _parse_participant_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                participant_id_type_0 = UUID(data)

                return participant_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        participant_id = _parse_participant_id(d.pop("participant_id"))

        instrument_id = d.pop("instrument_id")

        instrument_version = d.pop("instrument_version")

        phase = Phase(d.pop("phase"))

        group = Group(d.pop("group"))

        def _parse_answers(data: object) -> AssessmentOutAnswersType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                answers_type_0 = AssessmentOutAnswersType0.from_dict(data)

                return answers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssessmentOutAnswersType0 | None, data)

        answers = _parse_answers(d.pop("answers"))

        scores = AssessmentOutScores.from_dict(d.pop("scores"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        assessment_out = cls(
            id=id,
            partner=partner,
            participant_id=participant_id,
            instrument_id=instrument_id,
            instrument_version=instrument_version,
            phase=phase,
            group=group,
            answers=answers,
            scores=scores,
            submitted_at=submitted_at,
        )

        assessment_out.additional_properties = d
        return assessment_out

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
