"""The rules from domain events to e-mails (`rules.toml`), and what they ask of the queue."""

import tomllib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import CATALOGUE, Event
from milagro_kit.consumer import Received
from milagro_notifier.queue import Notification, enqueue
from milagro_notifier.store import activity_people, coaches, matches, newcomers, notifications


class Audience(StrEnum):
    participant = "participant"
    coach_and_newcomer = "coach_and_newcomer"
    activity_people = "activity_people"
    coordinators = "coordinators"


@dataclass(frozen=True)
class Rule:
    name: str
    event: type[Event]
    kind: str
    audience: Audience
    template: str
    channel: str = "mail"
    at: str | None = None
    offset_hours: float = 0
    latest: str | None = None
    about: str | None = None
    cancels: tuple[str, ...] = ()


_EVENTS = {spec.name: spec.payload for spec in CATALOGUE.values()}


RULES_FILE = Path(__file__).with_name("rules.toml")


def load(path: Path = RULES_FILE) -> list[Rule]:
    """The rules of a file; an unknown event, audience or channel fails at start-up."""
    rules = []
    for entry in tomllib.loads(path.read_text())["rules"]:
        fields = dict(entry)
        if fields.setdefault("channel", "mail") != "mail":
            raise ValueError(f"rule {fields['name']}: unknown channel {fields['channel']!r}")
        fields["event"] = _EVENTS[fields["event"]]
        fields["audience"] = Audience(fields["audience"])
        fields.setdefault("template", fields["kind"])
        fields["cancels"] = tuple(fields.get("cancels", ()))
        rules.append(Rule(**fields))
    return rules


RULES = load()

STALE = timedelta(days=2)
"""An event older than this is history (a new consumer replays its stream from the start,
DeliverPolicy.ALL), not news: it still cancels, but e-mails nobody."""


async def _participants_of_match(session: AsyncSession, match_id: uuid.UUID) -> list[uuid.UUID]:
    query = (
        select(coaches.c.participant_id, newcomers.c.participant_id.label("newcomer"))
        .select_from(matches)
        .join(coaches, coaches.c.coach_id == matches.c.coach_id)
        .join(newcomers, newcomers.c.newcomer_id == matches.c.newcomer_id)
        .where(matches.c.match_id == match_id)
    )
    row = (await session.execute(query)).first()
    return [] if row is None else [row.participant_id, row.newcomer]


def _id(event: Event, name: str) -> uuid.UUID:
    value: uuid.UUID = getattr(event, name)
    return value


async def recipients(
    session: AsyncSession, audience: Audience, event: Event
) -> list[uuid.UUID | None]:
    """Whom a rule writes to for an event (None: the partner's coordinators)."""
    match audience:
        case Audience.participant:
            return [_id(event, "participant_id")]
        case Audience.coach_and_newcomer:
            return list(await _participants_of_match(session, _id(event, "match_id")))
        case Audience.activity_people:
            query = select(activity_people.c.participant_id).where(
                activity_people.c.activity_id == _id(event, "activity_id")
            )
            return list((await session.execute(query)).scalars())
        case Audience.coordinators:
            return [None]


def _time(event: Event, field: str) -> datetime:
    value: datetime = getattr(event, field)
    return value


def _about(rule: Rule, event: Event) -> str | None:
    """`session:<id>` for `about = "session_id"`."""
    return rule.about and f"{rule.about.removesuffix('_id')}:{getattr(event, rule.about)}"


async def apply(session: AsyncSession, events: Sequence[Received[Any]]) -> None:
    """Queue what the rules ask for these events: first cancel what they make obsolete,
    then enqueue, keyed by event id, rule and recipient so a redelivery adds nothing."""
    now = datetime.now(UTC)
    for received in events:
        event = received.payload
        rules = [r for r in RULES if r.event is type(event)]
        for rule in rules:
            if rule.cancels and rule.about:
                await session.execute(
                    update(notifications)
                    .where(
                        notifications.c.about == _about(rule, event),
                        notifications.c.kind.in_(rule.cancels),
                        notifications.c.state == "pending",
                    )
                    .values(state="cancelled", done_at=now, last_error=f"by {rule.name}")
                )
        if now - received.envelope.time > STALE:
            continue
        wanted = []
        context = event.model_dump(mode="json")
        for rule in rules:
            due = _time(event, rule.at) + timedelta(hours=rule.offset_hours) if rule.at else now
            for person in await recipients(session, rule.audience, event):
                wanted.append(
                    Notification(
                        dedup=f"{received.envelope.id}:{rule.name}:{person or 'coordinators'}",
                        kind=rule.kind,
                        template=rule.template,
                        partner=event.partner,
                        participant_id=person,
                        context=context,
                        due_at=max(due, now),
                        latest_at=_time(event, rule.latest) if rule.latest else None,
                        about=_about(rule, event),
                    )
                )
        await enqueue(session, *wanted)
