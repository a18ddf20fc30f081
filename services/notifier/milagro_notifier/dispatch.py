"""The dispatcher: sends the e-mails that are due, once, and keeps trying the ones that fail.

It takes due notifications under `FOR UPDATE SKIP LOCKED` (several processes share the
queue, and `dispatch_lanes` batches of one process are in flight at once), woken by
NOTIFY from `enqueue` and by a timer (the next due time, at most `dispatch_poll_s`).
At send time it checks again what may have changed since the e-mail was queued: consent,
opt-outs, whether it is too late, quiet hours in the person's time zone. The batch's
contacts come from the registry in one request (which checks consent too), used for
these e-mails and never stored. The e-mails go over a few SMTP connections
kept open while there is work (`mail.Postman`); a relay that fails is followed by the
fallback; a notification no relay took is retried with exponential backoff and jitter,
and after `send_max_attempts` it is dead (listed and replayed through the API). An e-mail
keeps its Message-ID across retries; a crash between the relay's acceptance and the
commit can still send it twice (at least once).
"""

import asyncio
import contextlib
import logging
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fastapi import FastAPI
from opentelemetry.trace import SpanKind
from sqlalchemy import Row, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.database import Database, listen
from milagro_kit.telemetry import continuing
from milagro_notifier import mail, unsubscribe
from milagro_notifier.queue import CHANNEL
from milagro_notifier.settings import NotifierSettings
from milagro_notifier.store import (
    communications_consent,
    notifications,
    opt_outs,
    partner_contacts,
    send_attempts,
)
from milagro_notifier.templates import language_for, render

log = logging.getLogger(__name__)

ALL_KINDS = "*"
CONTACTS = "/internal/v1/participants/contacts"  # the registry's batch look-up


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str | None
    time_zone: str
    participant_id: uuid.UUID | None = None


class Skip(Exception):
    """Never to be sent (no consent, erased, nobody to write to): the reason."""


class Retry(Exception):
    """Not sent this time (a relay or the registry failing): the reason."""


@dataclass
class Outcome:
    state: str
    error: str | None = None
    due_at: datetime | None = None
    attempts: list[dict[str, Any]] = field(default_factory=list)
    tried: bool = False


def quiet_until(
    now: datetime, zone: str, quiet: tuple[time, time], latest: datetime | None
) -> datetime | None:
    """When quiet hours end, if `now` is inside them in `zone` and the end is not too late."""
    start, end = quiet
    local = now.astimezone(ZoneInfo(zone))
    at = local.time()
    inside = (at >= start or at < end) if start > end else start <= at < end
    if not inside:
        return None
    day = local.date() if at < end else local.date() + timedelta(days=1)
    morning = datetime.combine(day, end, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    return None if latest is not None and morning > latest else morning


def zone_of(name: str | None) -> str:
    """A time zone the registry names, UTC when it names none or one unknown here."""
    try:
        return str(ZoneInfo(name)) if name else "UTC"
    except (ValueError, KeyError):
        return "UTC"


class Dispatcher:
    def __init__(
        self, database: Database, settings: NotifierSettings, registry: httpx.AsyncClient
    ) -> None:
        self.database = database
        self.settings = settings
        self.registry = registry
        relays = [settings.smtp_url, settings.smtp_fallback_url]
        self.relays = [mail.Relay.parse(url) for url in relays if url]
        timeout = settings.smtp_timeout_s
        self.postman = mail.Postman(self.relays, timeout, settings.smtp_connections)
        self.public_url = settings.public_url or f"http://{settings.host}:{settings.port}"

    async def contacts(
        self, people: list[uuid.UUID]
    ) -> dict[uuid.UUID, list[Recipient] | Exception]:
        """The registry's answer for each person of a batch, in one request: a contact, or
        why not (consent checked by the registry right now: a refusal is a Skip, the
        registry failing a Retry of each)."""
        if not people:
            return {}
        try:
            response = await self.registry.post(
                CONTACTS, json={"participant_ids": [str(p) for p in people]}
            )
        except httpx.HTTPError as exc:
            return dict.fromkeys(people, Retry(f"registry: {type(exc).__name__}: {exc}"))
        if response.status_code != 200:
            return dict.fromkeys(people, Retry(f"registry answered {response.status_code}"))
        body = response.json()
        found: dict[uuid.UUID, list[Recipient] | Exception] = {}
        for person in people:
            contact = body["contacts"].get(str(person))
            if contact is None:
                found[person] = Skip(f"registry: {body['refused'].get(str(person), 'no answer')}")
            elif not contact["email"]:
                found[person] = Skip("registry: no e-mail address")
            else:
                language, zone = contact["preferred_language"], zone_of(contact["time_zone"])
                found[person] = [Recipient(contact["email"], language, zone, person)]
        return found

    def unsubscribe_link(self, person: Recipient, kind: str, template: str) -> str | None:
        """The link of the e-mail's footer, its page in the e-mail's language."""
        if person.participant_id is None:  # a partner's coordinators: staff, not subscribers
            return None
        secret = self.settings.unsubscribe_secret.get_secret_value()
        language = language_for(person.language, template)
        signed = unsubscribe.token(secret, person.participant_id, kind, language)
        return f"{self.public_url}/v1/unsubscribe/{signed}"

    async def deliver(
        self, row: Row[Any], people: list[Recipient] | Exception, now: datetime
    ) -> Outcome:
        """Send one notification to its people (the registry's contact, or the partner's
        coordinators), or why not."""
        outcome = Outcome("pending")

        def attempt(relay: mail.Relay, error: str | None) -> None:
            outcome.attempts.append(
                {
                    "notification_id": row.id,
                    "at": datetime.now(UTC),
                    "relay": relay.name,
                    "outcome": "failed" if error else "sent",
                    "detail": error,
                }
            )

        try:
            if isinstance(people, Exception):
                raise people
            if not people:
                raise Skip("no coordinator contacts for the partner")
            later = quiet_until(
                now,
                people[0].time_zone,
                (self.settings.quiet_from, self.settings.quiet_until),
                row.latest_at,
            )
            if later is not None:
                return Outcome("pending", due_at=later, error="quiet hours")
            outcome.tried = True
            for person in people:
                link = self.unsubscribe_link(person, row.kind, row.template)
                zone = person.time_zone
                rendered = render(row.template, row.context, person.language, zone, link)
                envelope, message = mail.message(
                    self.settings.mail_from, person.email, rendered, link, f"<{row.id}@milagro>"
                )
                if not await self.postman.send(envelope, message, attempt):
                    raise Retry("no relay took it")
        except Skip as reason:
            return Outcome("skipped", error=str(reason), attempts=outcome.attempts)
        except Retry as reason:
            outcome.tried, outcome.error = True, str(reason)
            return outcome
        outcome.state = "sent"
        return outcome

    async def _consent_and_opt_outs(
        self, session: AsyncSession, rows: Sequence[Row[Any]]
    ) -> tuple[set[uuid.UUID], set[tuple[uuid.UUID, str]]]:
        people = {r.participant_id for r in rows if r.participant_id is not None}
        table = communications_consent
        withdrawn = select(table.c.participant_id).where(
            table.c.participant_id.in_(people), table.c.given.is_(False)
        )
        refused = set((await session.execute(withdrawn)).scalars())
        query = select(opt_outs.c.participant_id, opt_outs.c.kind).where(
            opt_outs.c.participant_id.in_(people)
        )
        opted = {(r.participant_id, r.kind) for r in await session.execute(query)}
        return refused, opted

    async def _coordinators(
        self, session: AsyncSession, partners: set[str]
    ) -> dict[str, list[Recipient]]:
        query = select(partner_contacts).where(partner_contacts.c.partner.in_(partners))
        found: dict[str, list[Recipient]] = {}
        for r in await session.execute(query.order_by(partner_contacts.c.email)):
            found.setdefault(r.partner, []).append(Recipient(r.email, r.language, r.time_zone))
        return found

    async def drain(self) -> None:
        """Send batches until none is due, `dispatch_lanes` of them at once (each claims its
        own under SKIP LOCKED: one is looked up and rendered while another is on the
        wire), then close the relays' connections: kept while there is work only."""

        async def lane() -> None:
            while await self.once():
                pass

        try:
            async with asyncio.TaskGroup() as lanes:  # one failing stops the others
                for _ in range(self.settings.dispatch_lanes):
                    lanes.create_task(lane())
        finally:
            await self.postman.close()

    async def once(self) -> bool:
        """Send one batch of due notifications; whether there was any."""
        now = datetime.now(UTC)
        async with self.database.transaction() as session:
            query = (
                select(notifications)
                .where(notifications.c.state == "pending", notifications.c.due_at <= now)
                .order_by(notifications.c.due_at)
                .limit(self.settings.dispatch_batch)
                .with_for_update(skip_locked=True)
            )
            rows = (await session.execute(query)).all()
            if not rows:
                return False
            refused, opted = await self._consent_and_opt_outs(session, rows)
            coordinators = await self._coordinators(session, {r.partner for r in rows})

            def refusal(row: Row[Any]) -> Outcome | None:
                person = row.participant_id
                if person in refused:
                    return Outcome("skipped", error="communications consent withdrawn")
                if (person, row.kind) in opted or (person, ALL_KINDS) in opted:
                    return Outcome("skipped", error=f"opted out of {row.kind}")
                if row.latest_at is not None and now > row.latest_at:
                    return Outcome("skipped", error="too late")
                return None

            refusals = {row.id: refusal(row) for row in rows}
            wanted = {r.participant_id for r in rows if r.participant_id and not refusals[r.id]}
            contacts = await self.contacts(sorted(wanted))

            async def decide(row: Row[Any]) -> Outcome:
                if (refused_now := refusals[row.id]) is not None:
                    return refused_now
                person = row.participant_id
                found = contacts[person] if person else coordinators.get(row.partner, [])
                traceparent = row.context.get("traceparent")
                with continuing(f"e-mail {row.kind}", traceparent, SpanKind.CLIENT) as span:
                    try:
                        outcome = await self.deliver(row, found, now)
                    except Exception as exc:  # a bug or a missing text: this one only, retried
                        log.exception("notification %s", row.id)
                        outcome = Outcome("pending", error=repr(exc)[:500], tried=True)
                    span.set_attribute("milagro.notification.outcome", outcome.state)
                    return outcome

            outcomes = await asyncio.gather(*(decide(row) for row in rows))
            await self._record(session, rows, outcomes)
        return True

    def _retry_at(self, tries: int, now: datetime) -> datetime | None:
        """When to try again after `tries` failures (exponential, jittered), None: give up."""
        if tries >= self.settings.send_max_attempts:
            return None
        delay = min(self.settings.retry_max_s, self.settings.retry_base_s * 2 ** (tries - 1))
        return now + timedelta(seconds=delay * random.uniform(0.5, 1.0))

    def _after(self, row: Row[Any], outcome: Outcome, now: datetime) -> dict[str, Any]:
        """The notification's row after this attempt (every column, for one batched UPDATE)."""
        tries = row.attempts + 1 if outcome.tried else row.attempts
        state, due = outcome.state, row.due_at
        if state == "pending":
            # postponed (quiet hours), else failed: back off, or give up
            due = outcome.due_at or self._retry_at(tries, now)
            if due is None:
                state, due = "dead", row.due_at
        if outcome.state == "skipped":
            skipped = {"at": now, "outcome": "skipped", "detail": outcome.error, "relay": None}
            outcome.attempts.append({"notification_id": row.id} | skipped)
        return {
            "target": row.id,
            "state": state,
            "last_error": outcome.error,
            "attempts": tries,
            "due_at": due,
            "done_at": None if state == "pending" else now,
        }

    async def _record(
        self, session: AsyncSession, rows: Sequence[Row[Any]], outcomes: Sequence[Outcome]
    ) -> None:
        """Every outcome of a batch in two statements (a round trip each, not two per e-mail)."""
        now = datetime.now(UTC)
        after = [self._after(r, o, now) for r, o in zip(rows, outcomes, strict=True)]
        attempts = [a for o in outcomes for a in o.attempts]
        if attempts:
            await session.execute(insert(send_attempts), attempts)
        await session.execute(_RECORD, after)

    async def next_due(self) -> float:
        """Seconds until the next pending notification is due (at most the poll interval)."""
        async with self.database.transaction() as session:
            query = select(func.min(notifications.c.due_at))
            pending = query.where(notifications.c.state == "pending")
            due: datetime | None = (await session.execute(pending)).scalar()
        poll = self.settings.dispatch_poll_s
        if due is None:
            return poll
        return max(0.0, min(poll, (due - datetime.now(UTC)).total_seconds()))


_RECORD = (
    update(notifications)
    .where(notifications.c.id == bindparam("target"))
    .values(
        state=bindparam("state"),
        last_error=bindparam("last_error"),
        attempts=bindparam("attempts"),
        due_at=bindparam("due_at"),
        done_at=bindparam("done_at"),
    )
)


def registry_client(settings: NotifierSettings) -> httpx.AsyncClient:
    """The contact look-ups' client (one request per batch)."""
    token = settings.registry_token()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(base_url=settings.registry_url, headers=headers, timeout=10)


async def dispatch(app: FastAPI) -> None:
    """The dispatcher of this process (a `Service.tasks` entry), until cancelled."""
    settings: NotifierSettings = app.state.settings
    database: Database = app.state.database
    wake = asyncio.Event()
    listener = asyncio.create_task(
        listen(settings.database_url.get_secret_value(), CHANNEL, wake), name="notifier-listen"
    )
    try:
        async with registry_client(settings) as registry:
            dispatcher = Dispatcher(database, settings, registry)
            while True:
                wake.clear()
                try:
                    await dispatcher.drain()
                    pause = await dispatcher.next_due()
                except Exception:  # the database away, say: try again after a pause
                    log.exception("dispatcher")
                    pause = settings.dispatch_poll_s
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), pause)
    finally:
        listener.cancel()
