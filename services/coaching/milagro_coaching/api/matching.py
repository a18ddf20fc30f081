"""Matching: the matcher's proposals for an academy's waiting list, and the coordinators'
decisions (accept, decline, a pairing of their own, the end of a pairing)."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, status
from sqlalchemy import func, insert, select, update

from milagro_coaching import matching
from milagro_coaching.access import Coordinator, Member, coordinates
from milagro_coaching.api.schemas import (
    Decision,
    MatchingRun,
    MatchList,
    MatchOut,
    Override,
    Refusal,
    Unmatched,
    availability_of,
)
from milagro_coaching.records import Row, academy_for, ensure_coordinator, loads
from milagro_coaching.store import coaches, matches, newcomers, sessions
from milagro_contracts.coaching import MatchEnded, MatchMade
from milagro_kit.auth import AUTH_RESPONSES, Principal
from milagro_kit.problems import Problem, not_found, problem_responses
from milagro_kit.service import Outbox, Session

router = APIRouter(tags=["matching"])
DECISIONS = AUTH_RESPONSES | problem_responses(404, 409, 413, 422)


def _coach(row: Row, load: int) -> matching.Coach:
    return matching.Coach(
        id=row["id"],
        languages=frozenset(row["languages"]),
        topics=frozenset(row["topics"]),
        availability=availability_of(row["availability"]),
        capacity=row["capacity"],
        load=load,
    )


def _newcomer(row: Row) -> matching.Newcomer:
    return matching.Newcomer(
        id=row["id"],
        languages=frozenset(row["languages"]),
        needs=frozenset(row["needs"]),
        availability=availability_of(row["availability"]),
        waiting_since=row["enrolled_at"],
    )


async def _rows(session: Session, query: Any) -> Sequence[Row]:
    rows: Sequence[Row] = (await session.execute(query)).mappings().all()
    return rows


async def _pairs(session: Session, academy_id: uuid.UUID, state: str) -> list[Row]:
    query = select(matches).where(matches.c.academy_id == academy_id)
    return list(await _rows(session, query.where(matches.c.state == state)))


def _pair(row: Row) -> matching.Pair:
    return matching.Pair(row["newcomer_id"], row["coach_id"])


@router.post(
    "/v1/academies/{academy_id}/matching",
    response_model=MatchingRun,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="Run the matcher over the academy's waiting list",
    description="One optimal assignment of the waiting newcomers to the available coaches "
    "under the hard rules (a shared language; at least 1 h of overlapping weekly hours in "
    "every week of the next eight, daylight saving included; capacity), maximising the "
    "documented fit (topics 40, overlap 25, languages 15, waiting 10, load 10 points). "
    "Accepted pairs stay; a pending proposal is replaced only by a clearly better "
    "assignment; declined pairs are not proposed again. Every waiting newcomer left out "
    "gets the reason.",
)
async def run_matcher(academy_id: uuid.UUID, caller: Coordinator, session: Session) -> MatchingRun:
    academy = await academy_for(session, caller, academy_id)
    ensure_coordinator(caller, academy)
    # one run at a time per academy: two would propose the same newcomers twice
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(str(academy_id)))))
    now = datetime.now(UTC)
    open_coaches = await _rows(
        session,
        select(coaches)
        .where(coaches.c.academy_id == academy_id)
        .where(coaches.c.state == "available"),
    )
    waiting = await _rows(
        session,
        select(newcomers)
        .where(newcomers.c.academy_id == academy_id)
        .where(newcomers.c.state == "waiting"),
    )
    load = await loads(session, [c["id"] for c in open_coaches])
    pending = await _pairs(session, academy_id, "proposed")
    found = matching.propose(
        [_coach(c, load[c["id"]]) for c in open_coaches],
        [_newcomer(n) for n in waiting],
        accepted=[_pair(m) for m in await _pairs(session, academy_id, "accepted")],
        pending=[_pair(m) for m in pending],
        declined=[_pair(m) for m in await _pairs(session, academy_id, "declined")],
        now=now,
    )
    chosen = {(p.newcomer_id, p.coach_id): p for p in found.proposals}
    replaced = [m["id"] for m in pending if (m["newcomer_id"], m["coach_id"]) not in chosen]
    if replaced:
        await session.execute(
            update(matches)
            .where(matches.c.id.in_(replaced))
            .values(state="withdrawn", decided_at=now, decision_reason="a better assignment")
        )
    kept = {(m["newcomer_id"], m["coach_id"]): m["id"] for m in pending}
    for proposal in found.proposals:
        values = {"score": proposal.score, "reasons": proposal.explanation}
        pair = (proposal.newcomer_id, proposal.coach_id)
        if pair in kept:
            await session.execute(update(matches).where(matches.c.id == kept[pair]).values(values))
        else:
            new = insert(matches).values(
                values
                | {
                    "id": uuid.uuid4(),
                    "academy_id": academy_id,
                    "newcomer_id": proposal.newcomer_id,
                    "coach_id": proposal.coach_id,
                    "state": "proposed",
                    "proposed_at": now,
                }
            )
            await session.execute(new)
    proposed = await _pairs(session, academy_id, "proposed")
    return MatchingRun(
        proposals=[MatchOut.model_validate(m) for m in proposed],
        unmatched=[
            Unmatched(newcomer_id=uuid.UUID(str(u.newcomer_id)), reasons="; ".join(u.reasons))
            for u in found.unmatched
        ],
        total_fit=found.total,
        kept=sum(p.kept for p in found.proposals),
        withdrawn=len(replaced),
    )


@router.get(
    "/v1/academies/{academy_id}/matches",
    response_model=MatchList,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="The academy's matches, newest first",
)
async def list_matches(
    academy_id: uuid.UUID,
    caller: Coordinator,
    session: Session,
    state: Annotated[
        str | None, Query(pattern="^(proposed|accepted|declined|withdrawn|ended)$")
    ] = None,
) -> MatchList:
    academy = await academy_for(session, caller, academy_id)
    ensure_coordinator(caller, academy)
    query = select(matches).where(matches.c.academy_id == academy_id)
    if state is not None:
        query = query.where(matches.c.state == state)
    rows = await _rows(session, query.order_by(matches.c.proposed_at.desc(), matches.c.id))
    return MatchList.model_validate({"items": rows})


async def match_for(
    session: Session, caller: Principal, match_id: uuid.UUID, *, lock: bool = False
) -> tuple[Row, Row]:
    """The match and its academy, if the caller coordinates the academy or is its coach or
    newcomer (404 otherwise)."""
    query = select(matches).where(matches.c.id == match_id)
    row = (await session.execute(query.with_for_update() if lock else query)).mappings().first()
    if row is None:
        raise not_found("match")
    academy = await academy_for(session, caller, row["academy_id"])
    if not coordinates(caller, academy["partner"]):
        people = await _rows(
            session,
            select(coaches.c.participant_id)
            .where(coaches.c.id == row["coach_id"])
            .union_all(
                select(newcomers.c.participant_id).where(newcomers.c.id == row["newcomer_id"])
            ),
        )
        if caller.participant_id not in {p["participant_id"] for p in people}:
            raise not_found("match")
    return row, academy


@router.get(
    "/v1/matches/{match_id}",
    response_model=MatchOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One match (its academy's coordinators, its coach, its newcomer)",
)
async def read_match(match_id: uuid.UUID, caller: Member, session: Session) -> Row:
    return (await match_for(session, caller, match_id))[0]


async def _decided(session: Session, caller: Principal, match_id: uuid.UUID) -> tuple[Row, Row]:
    row, academy = await match_for(session, caller, match_id, lock=True)
    ensure_coordinator(caller, academy)
    if row["state"] != "proposed":
        raise Problem(409, "not-proposed", "Not a proposal", f"this match is {row['state']}")
    return row, academy


async def _room_for(session: Session, coach_id: uuid.UUID) -> None:
    """409 unless the coach is available and has a free place (the coach row is locked,
    so two acceptances cannot both take the last place)."""
    query = select(coaches).where(coaches.c.id == coach_id).with_for_update()
    coach = (await session.execute(query)).mappings().one()
    held = (await loads(session, [coach_id]))[coach_id]
    if coach["state"] != "available" or held >= coach["capacity"]:
        raise Problem(
            409,
            "coach-unavailable",
            "Coach unavailable",
            f"the coach is {coach['state']} with {held} of {coach['capacity']} places taken",
        )


async def _made(
    session: Session, outbox: Outbox, academy: Row, match_id: uuid.UUID, values: dict[str, Any]
) -> Row:
    row: Row = (
        (
            await session.execute(
                update(matches).where(matches.c.id == match_id).values(values).returning(matches)
            )
        )
        .mappings()
        .one()
    )
    await session.execute(
        update(newcomers).where(newcomers.c.id == row["newcomer_id"]).values(state="matched")
    )
    made = MatchMade(
        partner=academy["partner"],
        match_id=row["id"],
        coach_id=row["coach_id"],
        newcomer_id=row["newcomer_id"],
        score=row["score"],
        made_at=values["decided_at"],
    )
    await outbox.record(made, aggregate=f"match:{row['id']}")
    return row


@router.post(
    "/v1/matches/{match_id}/accept",
    response_model=MatchOut,
    responses=DECISIONS,
    summary="Accept a proposal: the pairing starts (`match.made`)",
)
async def accept_match(
    match_id: uuid.UUID, body: Decision, caller: Coordinator, session: Session, outbox: Outbox
) -> Row:
    row, academy = await _decided(session, caller, match_id)
    await _room_for(session, row["coach_id"])
    values = {
        "state": "accepted",
        "decided_at": datetime.now(UTC),
        "decided_by": caller.audit_name,
        "decision_reason": body.reason,
    }
    return await _made(session, outbox, academy, match_id, values)


@router.post(
    "/v1/matches/{match_id}/decline",
    response_model=MatchOut,
    responses=DECISIONS,
    summary="Decline a proposal, with the reason; the pair is not proposed again",
)
async def decline_match(
    match_id: uuid.UUID, body: Refusal, caller: Coordinator, session: Session
) -> Row:
    await _decided(session, caller, match_id)
    values = {
        "state": "declined",
        "decided_at": datetime.now(UTC),
        "decided_by": caller.audit_name,
        "decision_reason": body.reason,
    }
    statement = update(matches).where(matches.c.id == match_id).values(values).returning(matches)
    declined: Row = (await session.execute(statement)).mappings().one()
    return declined


@router.post(
    "/v1/academies/{academy_id}/matches",
    status_code=status.HTTP_201_CREATED,
    response_model=MatchOut,
    responses=DECISIONS,
    summary="Pair a newcomer with a coach yourself (an override), with the reason",
    description="Accepted at once (`match.made`); the newcomer's pending proposal, if any, "
    "is withdrawn. The score and reasons are the matcher's view of the pair, so a pairing "
    "that breaks a rule says which.",
)
async def override_match(
    academy_id: uuid.UUID, body: Override, caller: Coordinator, session: Session, outbox: Outbox
) -> Row:
    academy = await academy_for(session, caller, academy_id)
    ensure_coordinator(caller, academy)
    coach = await _one(session, coaches, body.coach_id, academy_id)
    newcomer = await _one(session, newcomers, body.newcomer_id, academy_id)
    if newcomer["state"] != "waiting":
        raise Problem(409, "not-waiting", "Not waiting", f"the newcomer is {newcomer['state']}")
    await _room_for(session, body.coach_id)
    now = datetime.now(UTC)
    await session.execute(
        update(matches)
        .where(matches.c.newcomer_id == body.newcomer_id)
        .where(matches.c.state == "proposed")
        .values(state="withdrawn", decided_at=now, decision_reason="a coordinator's pairing")
    )
    view = matching.propose([_coach(coach, 0)], [_newcomer(newcomer)], now=now)
    score = view.proposals[0].score if view.proposals else 0.0
    why = view.proposals[0].reasons if view.proposals else view.unmatched[0].reasons
    match_id = uuid.uuid4()
    await session.execute(
        insert(matches).values(
            id=match_id,
            academy_id=academy_id,
            coach_id=body.coach_id,
            newcomer_id=body.newcomer_id,
            state="proposed",
            score=score,
            reasons="; ".join(why),
            proposed_at=now,
        )
    )
    values = {
        "state": "accepted",
        "decided_at": now,
        "decided_by": caller.audit_name,
        "decision_reason": f"chosen by a coordinator: {body.reason}",
    }
    return await _made(session, outbox, academy, match_id, values)


async def _one(session: Session, table: Any, id: uuid.UUID, academy_id: uuid.UUID) -> Row:
    query = select(table).where(table.c.id == id).where(table.c.academy_id == academy_id)
    row = (await session.execute(query)).mappings().first()
    if row is None or row["state"] == "left":
        raise Problem(422, "not-in-academy", "Not here", f"no such {table.name[:-1]} here")
    return row


@router.post(
    "/v1/matches/{match_id}/end",
    response_model=MatchOut,
    responses=DECISIONS,
    summary="End a pairing (`match.ended`), with the reason",
    description="Refused while sessions of it are still scheduled. The newcomer returns to "
    "the waiting list when `continues` is true, otherwise leaves.",
)
async def end_match(
    match_id: uuid.UUID,
    body: Refusal,
    caller: Coordinator,
    session: Session,
    outbox: Outbox,
    continues: bool = False,
) -> Row:
    row, academy = await match_for(session, caller, match_id, lock=True)
    ensure_coordinator(caller, academy)
    if row["state"] != "accepted":
        raise Problem(409, "not-accepted", "Not ongoing", f"this match is {row['state']}")
    planned = select(func.count()).where(sessions.c.match_id == match_id)
    planned = planned.where(sessions.c.state == "scheduled")
    if n := (await session.execute(planned)).scalar_one():
        raise Problem(409, "sessions-scheduled", "Sessions scheduled", f"cancel its {n} first")
    now = datetime.now(UTC)
    statement = (
        update(matches)
        .where(matches.c.id == match_id)
        .values(state="ended", ended_at=now, decision_reason=body.reason)
        .returning(matches)
    )
    ended: Row = (await session.execute(statement)).mappings().one()
    await session.execute(
        update(newcomers)
        .where(newcomers.c.id == row["newcomer_id"])
        .values(state="waiting" if continues else "left", updated_at=now)
    )
    event = MatchEnded(
        partner=academy["partner"],
        match_id=match_id,
        coach_id=row["coach_id"],
        newcomer_id=row["newcomer_id"],
        ended_at=now,
    )
    await outbox.record(event, aggregate=f"match:{match_id}")
    return ended
