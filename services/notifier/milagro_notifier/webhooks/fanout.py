"""From domain events to deliveries: one row per (subscription, event), in the consumer's
transaction, so an event is queued for each endpoint once, however often the bus delivers it."""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import CATALOGUE, STREAMS
from milagro_kit.consumer import Consumer, Received
from milagro_notifier.store import webhook_deliveries, webhook_subscriptions

EVERY_TYPE = "*"
CHANNEL = "webhook_deliveries"
"""NOTIFY channel that wakes the dispatcher when deliveries are queued."""


async def fan_out(session: AsyncSession, events: Sequence[Received[Any]]) -> None:
    """Queue each event for the enabled subscriptions of its partner that want its type."""
    subs = webhook_subscriptions
    partners = {e.payload.partner for e in events}
    wanted = (
        await session.execute(
            select(subs.c.id, subs.c.partner, subs.c.event_types).where(
                subs.c.partner.in_(partners), subs.c.enabled
            )
        )
    ).all()
    now = datetime.now(UTC)
    rows = [
        {
            "id": uuid.uuid4(),
            "subscription_id": sub.id,
            "event_id": event.envelope.id,
            "event_type": event.envelope.type,
            "body": event.envelope.model_dump_json(),
            "state": "pending",
            "next_attempt_at": now,
            "created_at": now,
        }
        for event in events
        for sub in wanted
        if sub.partner == event.payload.partner
        and {EVERY_TYPE, event.envelope.type} & set(sub.event_types)
    ]
    if rows:
        await session.execute(insert(webhook_deliveries).on_conflict_do_nothing(), rows)
        await session.execute(select(func.pg_notify(CHANNEL, "")))


def _consumer(stream: str) -> Consumer:
    consumer = Consumer(f"notifier-webhooks-{stream.lower()}", stream=stream, by_type=True)
    for spec in CATALOGUE.values():
        if spec.stream == stream:
            consumer.on(spec.payload)(fan_out)
    return consumer


webhook_events = [_consumer(s.name) for s in STREAMS if s.name != "DEADLETTER"]
