"""Putting an e-mail in the notifier's queue, in the caller's transaction.

`enqueue` is how every part of the notifier asks for an e-mail: the rules from domain
events, a reminder, a notice to a partner's coordinators. The dispatcher sends what is due
(`milagro_notifier.dispatch`); `dedup` makes a redelivered event send nothing twice.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.outbox import current_trace_context
from milagro_notifier.store import notifications

CHANNEL = "notifier_due"
"""The NOTIFY channel that wakes the dispatchers."""


@dataclass(frozen=True)
class Notification:
    """An e-mail to send: to a participant (`participant_id`) or, when None, to the
    partner's coordinators; `context` fills the template and holds nothing personal."""

    dedup: str
    kind: str
    template: str
    partner: str
    participant_id: uuid.UUID | None
    context: dict[str, Any] = field(default_factory=dict)
    due_at: datetime | None = None
    latest_at: datetime | None = None
    about: str | None = None  # `session:<id>`: what a later event may cancel it by


async def enqueue(session: AsyncSession, *wanted: Notification) -> int:
    """Queue e-mails (those already queued under their `dedup` key are left); how many
    were new."""
    if not wanted:
        return 0
    now = datetime.now(UTC)
    _trace = {k: v for k, v in current_trace_context().items() if k == "traceparent"}
    rows = [
        {
            "id": uuid.uuid4(),
            "dedup": n.dedup,
            "kind": n.kind,
            "template": n.template,
            "partner": n.partner,
            "participant_id": n.participant_id,
            # the consumer's trace, which the sending continues (never in a template)
            "context": n.context | _trace,
            "due_at": n.due_at or now,
            "latest_at": n.latest_at,
            "about": n.about,
            "state": "pending",
            "created_at": now,
        }
        for n in wanted
    ]
    statement = insert(notifications).values(rows).on_conflict_do_nothing()
    added = len((await session.execute(statement.returning(notifications.c.id))).all())
    if added:  # wakes the dispatchers when the transaction commits
        await session.execute(select(func.pg_notify(CHANNEL, "")))
    return added
