"""The audit log: one entry per participant whose personal data was read or changed."""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.auth import Principal
from milagro_registry.store.models import AuditEntry


def audit_rows(
    caller: Principal, action: str, participants: Iterable[uuid.UUID], fields: Iterable[str]
) -> list[dict[str, Any]]:
    """The entries saying that `caller` did `action` on these people, not yet written."""
    names = sorted(set(fields))
    return [
        {
            "actor": caller.audit_name,
            "actor_partner": caller.partner,
            "action": action,
            "participant_id": participant,
            "fields": names,
        }
        for participant in participants
    ]


async def audit(
    session: AsyncSession,
    caller: Principal,
    action: str,
    participants: Iterable[uuid.UUID],
    fields: Iterable[str],
) -> None:
    """Record, in the caller's transaction, that `caller` did `action` on these people."""
    rows = audit_rows(caller, action, participants, fields)
    if rows:
        await session.execute(insert(AuditEntry), rows)
