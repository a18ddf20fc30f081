"""The activities stream: attendance, trainings, camps, held activities, assessments."""

from collections.abc import Sequence

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


@activity_events.on(act.ActivityHeld)
async def activity_held(
    session: AsyncSession, events: Sequence[Received[act.ActivityHeld]]
) -> None:
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
    await write_facts(session, rows)


@activity_events.on(act.AttendanceRecorded)
async def attendance_recorded(
    session: AsyncSession, events: Sequence[Received[act.AttendanceRecorded]]
) -> None:
    await write_facts(
        session,
        [
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
        ],
    )


@activity_events.on(act.TrainingCompleted)
async def training_completed(
    session: AsyncSession, events: Sequence[Received[act.TrainingCompleted]]
) -> None:
    await write_facts(
        session,
        [
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
        ],
    )


@activity_events.on(act.CampCompleted)
async def camp_completed(
    session: AsyncSession, events: Sequence[Received[act.CampCompleted]]
) -> None:
    await write_facts(
        session,
        [
            fact(
                "camp",
                str(e.payload.activity_id),
                e,
                e.payload.completed_at,
                activity_kind="summer_camp",
                value=float(e.payload.days),
            )
            for e in events
        ],
    )


@activity_events.on(act.AssessmentSubmitted)
async def assessment_submitted(
    session: AsyncSession, events: Sequence[Received[act.AssessmentSubmitted]]
) -> None:
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
    await write_facts(session, rows)
