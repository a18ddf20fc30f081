"""The dispatcher: POSTs due deliveries, signed, and schedules retries.

Durable: what is due lives in `webhook_deliveries.next_attempt_at`, so retries survive a
restart. A batch is claimed by moving its rows' `next_attempt_at` a lease ahead (under
`SKIP LOCKED`, so several processes may dispatch), then sent with no transaction open; a
process that dies mid-send leaves rows that come due again when the lease ends. Delivery is
at least once: the `webhook-id` (the event id) is the same on every try, for receivers to
deduplicate on.

An endpoint whose every attempt has failed for `webhook_disable_after_s` (5 days; the
clock restarts at each success) is disabled and its partner's coordinators are e-mailed.
"""

import asyncio
import contextlib
import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from opentelemetry.trace import SpanKind
from sqlalchemy import Row, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.database import Database, listen
from milagro_kit.telemetry import continuing
from milagro_notifier.queue import Notification, enqueue
from milagro_notifier.store import webhook_attempts, webhook_deliveries, webhook_subscriptions
from milagro_notifier.webhooks import endpoints
from milagro_notifier.webhooks.fanout import CHANNEL
from milagro_notifier.webhooks.settings import WebhookSettings
from milagro_notifier.webhooks.signing import sign

log = logging.getLogger(__name__)

deliveries = webhook_deliveries
subs = webhook_subscriptions


@dataclass(frozen=True)
class Outcome:
    """What one POST came to."""

    delivery: Row[Any]
    at: datetime
    status: int | None
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def signing_keys(sub: Row[Any], now: datetime) -> list[str]:
    """The secrets a delivery is signed with: the current one, and the one it replaced
    while that one's grace lasts."""
    keys = [sub.secret]
    if sub.previous_secret and sub.previous_until and sub.previous_until > now:
        keys.append(sub.previous_secret)
    return keys


def retry_delay(attempts: int, settings: WebhookSettings) -> timedelta | None:
    """How long after failed attempt number `attempts` to try again; None when the
    schedule is spent (the delivery is dead)."""
    schedule = settings.webhook_retry_schedule_s
    if attempts > len(schedule):
        return None
    wait = schedule[attempts - 1] * (1 + random.random() * settings.webhook_jitter)
    return timedelta(seconds=wait)


class Dispatcher:
    def __init__(
        self, database: Database, settings: WebhookSettings, client: httpx.AsyncClient
    ) -> None:
        self.database = database
        self.settings = settings
        self.client = client

    async def run(self) -> None:
        """Send what is due, then sleep until the next is due or a delivery is queued."""
        wake = asyncio.Event()
        listener = asyncio.create_task(
            listen(self.settings.database_url.get_secret_value(), CHANNEL, wake)
        )
        try:
            while True:
                try:
                    if await self.send_due() == self.settings.webhook_batch:
                        continue  # more are waiting
                    pause = await self.until_next_due()
                except Exception:
                    log.exception("webhook dispatcher failed; trying again")
                    pause = self.settings.webhook_poll_s
                wake.clear()
                if pause > 0:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(wake.wait(), pause)
        finally:
            listener.cancel()

    async def until_next_due(self) -> float:
        async with self.database.transaction() as session:
            due = await session.scalar(
                select(func.min(deliveries.c.next_attempt_at))
                .join(subs, subs.c.id == deliveries.c.subscription_id)
                .where(deliveries.c.state == "pending", subs.c.enabled)
            )
        wait = (due - datetime.now(UTC)).total_seconds() if due else self.settings.webhook_poll_s
        return min(max(wait, 0.0), self.settings.webhook_poll_s)

    async def send_due(self) -> int:
        """Claim a batch of due deliveries, POST them all at once, record what happened."""
        now = datetime.now(UTC)
        async with self.database.transaction() as session:
            batch = (await session.execute(self._claim(now))).all()
        if batch:
            outcomes = await asyncio.gather(*(self.post(row, now) for row in batch))
            async with self.database.transaction() as session:
                await self.record(session, outcomes)
        return len(batch)

    def _claim(self, now: datetime) -> Any:
        due = (
            select(deliveries.c.id)
            .join(subs, subs.c.id == deliveries.c.subscription_id)
            .where(
                deliveries.c.state == "pending", deliveries.c.next_attempt_at <= now, subs.c.enabled
            )
            .order_by(deliveries.c.next_attempt_at)
            .limit(self.settings.webhook_batch)
            .with_for_update(of=deliveries, skip_locked=True)
        )
        lease = now + timedelta(seconds=self.settings.webhook_lease_s)
        return (
            update(deliveries)
            .where(deliveries.c.id.in_(due.scalar_subquery()))
            .where(subs.c.id == deliveries.c.subscription_id)
            .values(next_attempt_at=lease, attempts=deliveries.c.attempts + 1)
            .returning(
                deliveries.c.id,
                deliveries.c.subscription_id,
                deliveries.c.event_id,
                deliveries.c.body,
                deliveries.c.attempts,
                subs.c.partner,
                subs.c.url,
                subs.c.secret,
                subs.c.previous_secret,
                subs.c.previous_until,
            )
        )

    async def post(self, delivery: Row[Any], now: datetime) -> Outcome:
        body = delivery.body.encode()
        msg_id = str(delivery.event_id)
        timestamp = int(time.time())
        headers = {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": sign(signing_keys(delivery, now), msg_id, timestamp, body),
        }
        started = time.perf_counter()
        status: int | None = None
        error: str | None = None
        # in the trace of the request that made the event (the body is its envelope)
        event = json.loads(body)
        with continuing(
            f"webhook {event['type']}", event.get("traceparent"), SpanKind.CLIENT
        ) as span:
            try:
                response = await self.client.post(delivery.url, content=body, headers=headers)
                status = response.status_code
                if not response.is_success:
                    error = f"HTTP {status}: {response.text[:200]}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"[:500]
            if status is not None:
                span.set_attribute("http.response.status_code", status)
        duration_ms = round((time.perf_counter() - started) * 1000)
        return Outcome(delivery, datetime.now(UTC), status, error, duration_ms)

    async def record(self, session: AsyncSession, outcomes: Sequence[Outcome]) -> None:
        """Log each attempt, settle or reschedule each delivery, and track the endpoints."""
        await session.execute(
            insert(webhook_attempts),
            [
                {
                    "delivery_id": o.delivery.id,
                    "at": o.at,
                    "status": o.status,
                    "error": o.error,
                    "duration_ms": o.duration_ms,
                }
                for o in outcomes
            ],
        )
        settle = (
            update(deliveries)
            .where(deliveries.c.id == bindparam("b_id"))
            .values(
                state=bindparam("b_state"),
                next_attempt_at=bindparam("b_next"),
                last_status=bindparam("b_status"),
                last_error=bindparam("b_error"),
                done_at=bindparam("b_done"),
            )
        )
        await session.execute(settle, [self._settled(o) for o in outcomes])
        await self._track_endpoints(session, outcomes)

    def _settled(self, outcome: Outcome) -> dict[str, Any]:
        delay = None if outcome.ok else retry_delay(outcome.delivery.attempts, self.settings)
        state = "delivered" if outcome.ok else "pending" if delay else "dead"
        return {
            "b_id": outcome.delivery.id,
            "b_state": state,
            "b_next": outcome.at + delay if delay else None,
            "b_status": outcome.status,
            "b_error": outcome.error,
            "b_done": None if delay else outcome.at,
        }

    async def _track_endpoints(self, session: AsyncSession, outcomes: Sequence[Outcome]) -> None:
        """A success clears an endpoint's failing streak; failures start it, and disable
        the endpoint once it has lasted `webhook_disable_after_s`."""
        succeeded = {o.delivery.subscription_id for o in outcomes if o.ok}
        failed = {o.delivery.subscription_id for o in outcomes if not o.ok} - succeeded
        now = datetime.now(UTC)
        if succeeded:
            await session.execute(
                update(subs).where(subs.c.id.in_(succeeded)).values(failing_since=None)
            )
        if not failed:
            return
        await session.execute(
            update(subs)
            .where(subs.c.id.in_(failed), subs.c.failing_since.is_(None))
            .values(failing_since=now)
        )
        streak = timedelta(seconds=self.settings.webhook_disable_after_s)
        reason = f"every delivery attempt failed for {streak}"
        disabled = (
            await session.execute(
                update(subs)
                .where(subs.c.id.in_(failed), subs.c.enabled, subs.c.failing_since <= now - streak)
                .values(
                    enabled=False,
                    disabled_at=now,
                    disabled_reason=reason,
                    times_disabled=subs.c.times_disabled + 1,
                    updated_at=now,
                )
                .returning(subs.c.id, subs.c.partner, subs.c.url, subs.c.times_disabled)
            )
        ).all()
        for sub in disabled:
            log.warning("webhook endpoint %s of %s disabled: %s", sub.url, sub.partner, reason)
        await enqueue(
            session,
            *(
                Notification(
                    dedup=f"webhook-disabled:{sub.id}:{sub.times_disabled}",
                    kind="webhook_disabled",
                    template="webhook_disabled",
                    partner=sub.partner,
                    participant_id=None,
                    context={
                        "url": sub.url,
                        "subscription_id": str(sub.id),
                        "reason": reason,
                    },
                )
                for sub in disabled
            ),
        )


async def dispatch_webhooks(app: FastAPI) -> None:
    """The service task: the dispatcher for as long as the service runs."""
    settings: WebhookSettings = app.state.settings
    timeout = httpx.Timeout(settings.webhook_timeout_s)
    limits = httpx.Limits(max_connections=settings.webhook_batch)
    allowed = settings.webhook_allow_internal_urls
    async with endpoints.client(timeout, limits, allowed) as client:
        await Dispatcher(app.state.database, settings, client).run()
