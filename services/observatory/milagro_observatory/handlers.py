"""Projections fed by the streams: one kit consumer per stream, bulk writes per batch."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Boolean, String, bindparam, case, delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import activities as act
from milagro_contracts import coaching as coa
from milagro_contracts import registry as reg
from milagro_kit.consumer import Consumer, Received
from milagro_observatory.projection import (
    PARTICIPANT_DIMENSIONS,
    fact,
    forget,
    lock_attributes,
    refresh_dimensions,
    repoint,
    touched,
    write_facts,
)
from milagro_observatory.store import coaching_people, matches, participants, partners

# by_type: a batch's events reach each handler in one call, handlers in the order below
# (partners and people before their updates and erasure; enrolments and matches before
# sessions). Facts are "newest assertion wins", so nothing else depends on the order.
registry_events = Consumer("observatory-registry", stream="REGISTRY", by_type=True)
activity_events = Consumer("observatory-activities", stream="ACTIVITIES", by_type=True)
coaching_events = Consumer("observatory-coaching", stream="COACHING", by_type=True)

CONSUMERS = [registry_events, activity_events, coaching_events]


def _value(v: Any) -> Any:
    return getattr(v, "value", v)


# --- registry ---------------------------------------------------------------------------


@registry_events.on(reg.PartnerRegistered)
async def partner_registered(
    session: AsyncSession, events: Sequence[Received[reg.PartnerRegistered]]
) -> None:
    rows = {
        e.payload.partner: {
            "code": e.payload.partner,
            "name": e.payload.name,
            "country": e.payload.country,
            "city": e.payload.city,
            "kind": e.payload.kind.value,
        }
        for e in events
    }
    statement = insert(partners)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["code"],
            set_={c: statement.excluded[c] for c in ("name", "country", "city", "kind")},
        ),
        list(rows.values()),
    )
    await touched(session, events)


@registry_events.on(reg.ParticipantRegistered)
async def participant_registered(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantRegistered]]
) -> None:
    await lock_attributes(session, exclusive=True)
    latest: dict[uuid.UUID, dict[str, Any]] = {}
    for e in events:
        a = e.payload.attributes
        row = {
            "participant_id": e.payload.participant_id,
            "partner": e.payload.partner,
            "group": a.group.value,
            "migrant_status": _value(a.migrant_status),
            "gender": _value(a.gender),
            "age_band": _value(a.age_band),
            "attributes_at": e.envelope.time,
        }
        if (
            row["participant_id"] not in latest
            or latest[row["participant_id"]]["attributes_at"] <= row["attributes_at"]
        ):
            latest[row["participant_id"]] = row
    statement = insert(participants)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["participant_id"],
            set_={
                c: statement.excluded[c]
                for c in ("partner", *PARTICIPANT_DIMENSIONS, "attributes_at")
            },
            where=participants.c.attributes_at <= statement.excluded.attributes_at,
        ),
        list(latest.values()),
    )
    await write_facts(
        session,
        [
            fact(
                "registration",
                str(e.payload.participant_id),
                e,
                e.payload.registered_at,
                participant=e.payload.participant_id,
            )
            for e in events
        ],
    )
    await refresh_dimensions(session, latest)
    await touched(session, events)


_UPDATE_PARTICIPANT = (
    update(participants)
    .where(participants.c.participant_id == bindparam("p_id"))
    .where(participants.c.attributes_at <= bindparam("p_at"))
    .values(
        {
            d: case(
                (bindparam(f"p_set_{d}", type_=Boolean), bindparam(f"p_{d}", type_=String)),
                else_=participants.c[d],
            )
            for d in PARTICIPANT_DIMENSIONS
        }
        | {"attributes_at": bindparam("p_at")}
    )
)
"""Set the attributes an update names (`p_set_<dimension>`), keep the others."""


@registry_events.on(reg.ParticipantUpdated)
async def participant_updated(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantUpdated]]
) -> None:
    await lock_attributes(session, exclusive=True)
    rows = []
    for e in events:
        changed = {
            k: _value(v) for k, v in e.payload.assignments().items() if k in PARTICIPANT_DIMENSIONS
        }
        row: dict[str, Any] = {"p_id": e.payload.participant_id, "p_at": e.envelope.time}
        for d in PARTICIPANT_DIMENSIONS:
            row[f"p_set_{d}"] = d in changed
            row[f"p_{d}"] = changed.get(d)
        rows.append(row)
    # One statement for all, executed row by row in stream order (each guarded by time).
    await session.execute(_UPDATE_PARTICIPANT, rows)
    await refresh_dimensions(session, (e.payload.participant_id for e in events))
    await touched(session, events)


@registry_events.on(reg.ParticipantConsentChanged)
async def consent_changed(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantConsentChanged]]
) -> None:
    """Research indicators count only people who consent to research statistics."""
    research = [e for e in events if e.payload.purpose == reg.ConsentPurpose.research_statistics]
    if research:
        await lock_attributes(session, exclusive=True)
        rows = [
            {
                "p_id": e.payload.participant_id,
                "p_given": e.payload.given,
                "p_at": e.payload.changed_at,
            }
            for e in research
        ]
        await session.execute(_RESEARCH_CONSENT, rows)  # in stream order, each guarded by time
        await refresh_dimensions(session, (e.payload.participant_id for e in research))
    await touched(session, events)


_RESEARCH_CONSENT = (
    update(participants)
    .where(participants.c.participant_id == bindparam("p_id"))
    .where(
        or_(
            participants.c.research_consent_at.is_(None),
            participants.c.research_consent_at <= bindparam("p_at"),
        )
    )
    .values(research_consent=bindparam("p_given"), research_consent_at=bindparam("p_at"))
)


# Before erasures: a person merged and then erased in one batch is forgotten as one.
@registry_events.on(reg.ParticipantsMerged)
async def participants_merged(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantsMerged]]
) -> None:
    await lock_attributes(session, exclusive=True)
    for e in events:
        await repoint(session, e.payload.merged_id, e.payload.kept_id)
    await touched(session, events)


@registry_events.on(reg.ParticipantErased)
async def participant_erased(
    session: AsyncSession, events: Sequence[Received[reg.ParticipantErased]]
) -> None:
    await lock_attributes(session, exclusive=True)
    for e in events:
        who = e.payload.participant_id
        await forget(session, who)
        await session.execute(delete(participants).where(participants.c.participant_id == who))
        await session.execute(
            delete(coaching_people).where(coaching_people.c.participant_id == who)
        )
    await touched(session, events)


# --- activities -------------------------------------------------------------------------


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
    await touched(session, events)


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
    await touched(session, events)


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
    await touched(session, events)


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
    await touched(session, events)


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
    await touched(session, events)


# --- coaching ---------------------------------------------------------------------------


@coaching_events.on(coa.AcademyOpened)
async def academy_opened(
    session: AsyncSession, events: Sequence[Received[coa.AcademyOpened]]
) -> None:
    await write_facts(
        session,
        [fact("academy", str(e.payload.academy_id), e, e.payload.opened_at) for e in events],
    )
    await touched(session, events)


async def _enrolled(
    session: AsyncSession, source: str, enrolments: list[tuple[uuid.UUID, uuid.UUID, Any]]
) -> None:
    rows = {coaching_id: participant for coaching_id, participant, _ in enrolments}
    await session.execute(
        insert(coaching_people).on_conflict_do_nothing(),
        [{"coaching_id": k, "participant_id": v} for k, v in rows.items()],
    )
    await write_facts(
        session,
        [
            fact(source, str(cid), e, e.payload.enrolled_at, participant=pid)
            for cid, pid, e in enrolments
        ],
    )


@coaching_events.on(coa.CoachEnrolled)
async def coach_enrolled(
    session: AsyncSession, events: Sequence[Received[coa.CoachEnrolled]]
) -> None:
    enrolments = [(e.payload.coach_id, e.payload.participant_id, e) for e in events]
    await _enrolled(session, "coach_enrolment", enrolments)
    await touched(session, events)


@coaching_events.on(coa.NewcomerEnrolled)
async def newcomer_enrolled(
    session: AsyncSession, events: Sequence[Received[coa.NewcomerEnrolled]]
) -> None:
    enrolments = [(e.payload.newcomer_id, e.payload.participant_id, e) for e in events]
    await _enrolled(session, "newcomer_enrolment", enrolments)
    await touched(session, events)


@coaching_events.on(coa.MatchMade)
async def match_made(session: AsyncSession, events: Sequence[Received[coa.MatchMade]]) -> None:
    rows = {
        e.payload.match_id: {
            "match_id": e.payload.match_id,
            "coach_id": e.payload.coach_id,
            "newcomer_id": e.payload.newcomer_id,
        }
        for e in events
    }
    await session.execute(insert(matches).on_conflict_do_nothing(), list(rows.values()))
    await touched(session, events)


async def _people_of_matches(
    session: AsyncSession, match_ids: set[uuid.UUID]
) -> dict[uuid.UUID, dict[str, uuid.UUID | None]]:
    """For each match: the participant ids of its coach and newcomer (if known)."""
    coach = coaching_people.alias("coach")
    newcomer = coaching_people.alias("newcomer")
    query = (
        select(matches.c.match_id, coach.c.participant_id, newcomer.c.participant_id)
        .select_from(matches)
        .outerjoin(coach, coach.c.coaching_id == matches.c.coach_id)
        .outerjoin(newcomer, newcomer.c.coaching_id == matches.c.newcomer_id)
        .where(matches.c.match_id.in_(match_ids))
    )
    return {
        row[0]: {"coach": row[1], "newcomer": row[2]}
        for row in (await session.execute(query)).all()
    }


async def _session_facts(session: AsyncSession, events: Sequence[Received[Any]], tag: str) -> None:
    people = await _people_of_matches(session, {e.payload.match_id for e in events})
    await write_facts(
        session,
        [
            fact(
                "session",
                str(e.payload.session_id),
                e,
                e.payload.starts_at,
                participant=people.get(e.payload.match_id, {}).get("newcomer"),
                tag=tag,
                value=float(getattr(e.payload, "duration_minutes", 0)) if tag == "held" else 0.0,
            )
            for e in events
        ],
    )
    await touched(session, events)


@coaching_events.on(coa.SessionHeld)
async def session_held(session: AsyncSession, events: Sequence[Received[coa.SessionHeld]]) -> None:
    await _session_facts(session, events, "held")


@coaching_events.on(coa.SessionCancelled)
async def session_cancelled(
    session: AsyncSession, events: Sequence[Received[coa.SessionCancelled]]
) -> None:
    await _session_facts(session, events, "cancelled")


@coaching_events.on(coa.SessionNoShow)
async def session_no_show(
    session: AsyncSession, events: Sequence[Received[coa.SessionNoShow]]
) -> None:
    await _session_facts(session, events, "no_show")


@coaching_events.on(coa.FeedbackSubmitted)
async def feedback_submitted(
    session: AsyncSession, events: Sequence[Received[coa.FeedbackSubmitted]]
) -> None:
    people = await _people_of_matches(session, {e.payload.match_id for e in events})
    await write_facts(
        session,
        [
            fact(
                "feedback",
                f"{e.payload.session_id}:{e.payload.side}",
                e,
                e.payload.submitted_at,
                participant=people.get(e.payload.match_id, {}).get(e.payload.side.value),
                tag=e.payload.side.value,
                value=float(e.payload.rating),
            )
            for e in events
        ],
    )
    await touched(session, events)
