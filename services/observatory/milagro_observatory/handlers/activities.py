"""The activities stream: attendance, trainings, camps, held activities, assessments."""

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import activities as act
from milagro_kit.consumer import Consumer, Received
from milagro_observatory.projection import (
    fact,
    touched,
    write_facts,
)

activity_events = Consumer("observatory-activities", stream="ACTIVITIES", by_type=True)
activity_events.after_batch(touched)


def activity_held(events: Sequence[Received[act.ActivityHeld]]) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        p = e.payload
        counts = p.attendance
        mixed = "mixed" if counts.local > 0 and counts.migrant > 0 else "single"
        rows.append(
            fact(
                "activity_held",
                str(p.activity_id),
                e,
                p.held_at,
                activity_kind=p.kind.value,
                tag=mixed,
                value=float(counts.local + counts.migrant),
            )
        )
        rows += [
            fact(
                "facilitation",
                f"{p.activity_id}:{who}",
                e,
                p.held_at,
                participant=who,
                activity_kind=p.kind.value,
            )
            for who in p.facilitator_ids
        ]
    return rows


def attendance_recorded(events: Sequence[Received[act.AttendanceRecorded]]) -> list[dict[str, Any]]:
    return [
        fact(
            "attendance",
            f"{e.payload.activity_id}:{e.payload.participant_id}",
            e,
            e.payload.activity_starts_at,
            participant=e.payload.participant_id,
            activity_kind=e.payload.kind.value,
            tag="present" if e.payload.present else "absent",
        )
        for e in events
    ]


def training_completed(events: Sequence[Received[act.TrainingCompleted]]) -> list[dict[str, Any]]:
    return [
        fact(
            "training",
            f"{e.payload.activity_id}:{e.payload.participant_id}:{e.payload.certification}",
            e,
            e.payload.completed_at,
            participant=e.payload.participant_id,
            activity_kind="training",
            tag=e.payload.certification.value,
        )
        for e in events
    ]


def camp_completed(events: Sequence[Received[act.CampCompleted]]) -> list[dict[str, Any]]:
    return [
        fact(
            "camp",
            str(e.payload.activity_id),
            e,
            e.payload.completed_at,
            activity_kind="summer_camp",
            value=float(e.payload.days),
        )
        for e in events
    ]


def assessment_submitted(
    events: Sequence[Received[act.AssessmentSubmitted]],
) -> list[dict[str, Any]]:
    rows = []
    for e in events:
        p = e.payload
        for score, value in p.scores.items():
            rows.append(
                fact(
                    "assessment",
                    f"{p.participant_id}:{p.instrument_id}:{p.phase}:{score}",
                    e,
                    p.submitted_at,
                    participant=p.participant_id,
                    group=p.group.value,
                    item=f"{p.instrument_id}/{score}",
                    tag=p.phase.value,
                    value=value,
                )
            )
    return rows


FACTS: dict[type, Callable[[Sequence[Received[Any]]], list[dict[str, Any]]]] = {
    act.ActivityHeld: activity_held,
    act.AttendanceRecorded: attendance_recorded,
    act.TrainingCompleted: training_completed,
    act.CampCompleted: camp_completed,
    act.AssessmentSubmitted: assessment_submitted,
}
"""The facts each kind of event states: written as they come live, in bulk by a rebuild."""


def _writer(
    rows: Callable[[Sequence[Received[Any]]], list[dict[str, Any]]],
) -> Callable[[AsyncSession, Sequence[Received[Any]]], Any]:
    async def write(session: AsyncSession, events: Sequence[Received[Any]]) -> None:
        await write_facts(session, rows(events))

    return write


for _payload, _rows in FACTS.items():
    activity_events.on(_payload)(_writer(_rows))
