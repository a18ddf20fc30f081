"""Who may do what in the registry, and finding a participant without leaking existence."""

import uuid
from typing import Annotated

from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.auth import Principal, StaffRole, require
from milagro_kit.problems import Problem
from milagro_registry.store import Participant
from milagro_registry.store.queries import alias_target, erasure_of, participant_for_change

Admin = Annotated[Principal, require(StaffRole.admin)]
Reader = Annotated[
    Principal, require(StaffRole.coordinator, StaffRole.staff, StaffRole.mediator, StaffRole.coach)
]
"""Reads personal data of their partner's participants (researchers see aggregates only)."""
Writer = Annotated[Principal, require(StaffRole.coordinator, StaffRole.staff)]
"""Registers and updates participants, records consent."""
DataProtection = Annotated[Principal, require(StaffRole.coordinator)]
"""Answers data-subject requests: export and erasure."""
Merger = Annotated[Principal, require(StaffRole.coordinator)]
"""Lists the likely duplicates of a partner and merges them."""

CONTACT_READERS = ("notifier",)


def not_found() -> Problem:
    return Problem(404, "not-found", "Not found", "no such participant")


async def participant_for(
    session: AsyncSession,
    caller: Principal,
    id: uuid.UUID,
    *,
    lock: bool = False,
    any_partner: bool = False,
) -> Participant:
    """The participant if the caller may see it: 404 when unknown or another partner's
    (so existence never leaks across partners), 410 when erased. The id of a record
    merged into another gives the other. `any_partner` is for service credentials,
    already checked by the route."""

    def allowed(partner: str) -> bool:
        return any_partner or caller.may_access(partner)

    async def load(id: uuid.UUID) -> Participant | None:
        return (
            await participant_for_change(session, id)
            if lock
            else await session.get(Participant, id)
        )

    participant = await load(id)
    if participant is None and (kept := await alias_target(session, id)) is not None:
        participant = await load(kept)
    if participant is not None:
        if allowed(participant.partner):
            return participant
        raise not_found()
    erasure = await erasure_of(session, id)
    if erasure is not None and allowed(erasure.partner):
        raise Problem(
            410,
            "erased",
            "Erased",
            "this participant's personal data was erased",
            erased_at=erasure.erased_at.isoformat(),
        )
    raise not_found()
