"""The audit log: one entry per participant whose personal data was read or changed."""

import uuid
from collections.abc import Iterable

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.auth import Principal
from milagro_registry.store.models import AuditEntry


async def audit(
    session: AsyncSession,
    caller: Principal,
    action: str,
    participants: Iterable[uuid.UUID],
    fields: Iterable[str],
) -> None:
    """Record, in the caller's transaction, that `caller` did `action` on these people."""
    names = sorted(set(fields))
    rows = [
        {
            "actor": caller.audit_name,
            "actor_partner": caller.partner,
            "action": action,
            "participant_id": participant,
            "fields": names,
        }
        for participant in participants
    ]
    if rows:
        await session.execute(insert(AuditEntry), rows)
