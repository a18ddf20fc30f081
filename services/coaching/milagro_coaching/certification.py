"""Who is a certified coach: the events service's `training.completed` with the coach
certification. Certification makes the person a coach of their partner's academy (its
oldest, when the partner runs several) with the languages the registry knows; they give
their topics and weekly availability before the matcher can propose them."""

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_coaching.store import academies, certified_coaches, coaches, participants
from milagro_contracts.activities import Certification, TrainingCompleted
from milagro_contracts.coaching import CoachEnrolled
from milagro_kit.consumer import Consumer, Received
from milagro_kit.directory import Person
from milagro_kit.outbox import record

SOURCE = "/milagro/coaching"
activity_events = Consumer("coaching-activities", stream="ACTIVITIES")


@activity_events.on(TrainingCompleted)
async def certified(session: AsyncSession, events: Sequence[Received[TrainingCompleted]]) -> None:
    for event in events:
        completed = event.payload
        if completed.certification is not Certification.coach:
            continue
        known = await participants.look_up(session, [completed.participant_id])
        if completed.participant_id in known.erased:
            continue
        statement = insert(certified_coaches).values(
            participant_id=completed.participant_id,
            partner=completed.partner,
            certified_at=completed.completed_at,
        )
        first = statement.on_conflict_do_nothing().returning(certified_coaches.c.participant_id)
        if (await session.execute(first)).first() is None:
            continue  # certified before: enrolled then, or by a coordinator
        await _enrol(session, completed, known.people.get(completed.participant_id))


async def _enrol(
    session: AsyncSession, completed: TrainingCompleted, person: Person | None
) -> None:
    query = (
        select(academies)
        .where(academies.c.partner == completed.partner)
        .order_by(academies.c.opened_at)
        .limit(1)
    )
    academy = (await session.execute(query)).mappings().first()
    if academy is None:
        return  # no academy yet: a coordinator enrols them later
    languages = list(person.languages) if person else []
    coach = insert(coaches).values(
        id=uuid.uuid4(),
        academy_id=academy["id"],
        participant_id=completed.participant_id,
        languages=languages,
        topics=[],
        availability={"zone": academy["time_zone"], "slots": []},
        capacity=3,
        state="available",
        enrolled_at=completed.completed_at,
        updated_at=completed.completed_at,
    )
    added = (await session.execute(coach.on_conflict_do_nothing().returning(coaches.c.id))).first()
    if added is None:
        return
    enrolled = CoachEnrolled(
        partner=academy["partner"],
        coach_id=added.id,
        participant_id=completed.participant_id,
        academy_id=academy["id"],
        languages=languages,
        enrolled_at=completed.completed_at,
    )
    await record(session, enrolled, source=SOURCE, aggregate=f"coach:{added.id}")
