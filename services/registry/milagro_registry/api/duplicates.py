"""Duplicates: a second registration of one person is refused or needs confirming, and
the records already registered twice are listed for merging."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.auth import AUTH_RESPONSES, Principal, ensure_partner
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Session
from milagro_registry.api.access import Merger
from milagro_registry.api.schemas import DuplicateCandidate, DuplicatePair, DuplicatePairs
from milagro_registry.domain.duplicates import RULES, Certainty, Match, likely_pairs, matches
from milagro_registry.store.keys import person
from milagro_registry.store.queries import duplicate_candidates, lock_for_duplicates, people_of

router = APIRouter(prefix="/v1/participants", tags=["duplicates"])

RULES_TEXT = "\n".join(f"- `{r.id}` ({r.certainty}): {r.description}" for r in RULES)
"""The duplicate rules, for the API description."""

IDENTITY_FIELDS = ("given_name", "family_name", "birth_date", "email")
"""Changing one of these may make a record a duplicate of another."""


def _candidate(match: Match) -> dict[str, Any]:
    return DuplicateCandidate(
        id=match.id,
        certainty=match.certainty.value,
        rules=list(match.rules),
        name_score=match.name_score,
    ).model_dump(mode="json")


async def refuse_duplicates(
    session: AsyncSession,
    partner: str,
    id: uuid.UUID | None,
    keys: dict[str, Any],
    fields: dict[str, Any],
    *,
    confirmed: bool,
) -> None:
    """409 if another record of the partner is certainly this person, or likely is and
    the coordinator has not confirmed otherwise. Candidates are the partner's only."""
    new = person(id, keys, fields.get("birth_date"))
    await lock_for_duplicates(session, partner, new.birth_date, new.email)
    judge(matches(new, await duplicate_candidates(session, partner, new)), confirmed=confirmed)


def judge(found: list[Match], *, confirmed: bool) -> None:
    """409 if a match is certain, or if any is and the coordinator has not confirmed."""
    certain = [m for m in found if m.certainty is Certainty.certain]
    if certain:
        raise Problem(
            409,
            "duplicate-participant",
            "Already registered",
            "this partner has registered this person already (same e-mail, or same name "
            "and birth date however the name is written)",
            existing_id=str(certain[0].id),
            candidates=[_candidate(m) for m in certain],
        )
    if found and not confirmed:
        raise Problem(
            409,
            "likely-duplicate",
            "Possibly registered already",
            "this partner has registered someone who is likely this person; check the "
            "candidates, then merge, or send confirm_new_person: true if this is someone else",
            candidates=[_candidate(m) for m in found],
        )


@router.get(
    "/duplicates",
    response_model=DuplicatePairs,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="Records of a partner that are likely one person",
    description="Pairs of participants of one partner that the duplicate rules take for "
    "one person, certain pairs first, then the most alike; ids only. Coordinators see "
    "their partner's, admins name a partner. Merge a pair with "
    "`POST /v1/participants/{id}/merge`. The rules:\n\n" + RULES_TEXT,
)
async def list_duplicates(
    caller: Merger,
    session: Session,
    partner: Annotated[
        str | None, Query(pattern=r"^[A-Z]{2}-[A-Z0-9]{2,12}$", description="Admins: which")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> DuplicatePairs:
    scope = _partner_of(caller, partner)
    pairs = likely_pairs(await people_of(session, scope))
    return DuplicatePairs(
        items=[
            DuplicatePair(
                first_id=p.first,
                second_id=p.second,
                certainty=p.match.certainty.value,
                rules=list(p.match.rules),
                name_score=p.match.name_score,
            )
            for p in pairs[:limit]
        ],
        total=len(pairs),
    )


def _partner_of(caller: Principal, partner: str | None) -> str:
    """One partner: the caller's own, or the one an admin names (never all at once)."""
    if partner is not None:
        ensure_partner(caller, partner)
        return partner
    if caller.partner is None:
        raise Problem(422, "partner-needed", "Partner needed", "name a partner (?partner=)")
    return caller.partner
