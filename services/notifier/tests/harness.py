"""Helpers of the notifier's tests: a real SMTP server (aiosmtpd) and a fake registry batch
contact endpoint (a tiny ASGI app under uvicorn), both on free local ports; the notifier
sending to them."""

import asyncio
import email
import email.policy
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from email.message import EmailMessage
from typing import Any

import pytest
import uvicorn
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from sqlalchemy import func, select, update

from milagro_kit.database import Database
from milagro_kit.testing.plugin import Api, eventually
from milagro_notifier.queue import CHANNEL, Notification, enqueue
from milagro_notifier.service import service
from milagro_notifier.store import notifications, send_attempts

PARTNER = "IT-SIENA"
NEVER_QUIET = {"quiet_from": time(0, 0), "quiet_until": time(0, 0)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailbox:
    """An SMTP server that keeps what it receives, and can go down and come back."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK"

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self, **options: Any) -> None:
        """Listening; `options` are aiosmtpd's (STARTTLS, authentication)."""
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, **options)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def mailbox() -> Any:
    box = Mailbox()
    box.start()
    yield box
    box.stop()


@dataclass
class Registry:
    """The registry's contact look-up as the notifier sees it: people, or refusals."""

    url: str = ""
    people: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    refused: dict[uuid.UUID, int] = field(default_factory=dict)  # 403, 410
    look_ups: int = 0  # requests to the batch look-up

    def add(self, language: str | None = "en", zone: str = "Europe/Rome") -> uuid.UUID:
        person = uuid.uuid4()
        self.people[person] = {
            "participant_id": str(person),
            "email": f"{person.hex[:12]}@example.org",
            "preferred_language": language,
            "communications_consent": True,
            "time_zone": zone,
        }
        return person

    def email(self, person: uuid.UUID) -> str:
        return str(self.people[person]["email"])


@pytest.fixture
async def registry() -> AsyncIterator[Registry]:
    fake = Registry()
    app = FastAPI()

    @app.post("/internal/v1/participants/contacts")
    async def contacts(body: dict[str, list[uuid.UUID]]) -> Any:
        fake.look_ups += 1
        known = [p for p in body["participant_ids"] if p in fake.people and p not in fake.refused]
        unknown = set(body["participant_ids"]) - set(known)
        refusals = {403: "no-communications-consent", 410: "erased"}
        return {
            "contacts": {str(p): fake.people[p] for p in known},
            "refused": {
                str(p): refusals.get(fake.refused.get(p, 404), "not-found") for p in unknown
            },
        }

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    fake.url = f"http://127.0.0.1:{port}"
    yield fake
    server.should_exit = True
    await task


@pytest.fixture
def notifier(serve: Any, mailbox: Mailbox, registry: Registry) -> Callable[..., Any]:
    """`async with notifier(**settings) as api`: the notifier sending to the mailbox."""

    def start(**overrides: Any) -> Any:
        settings = {
            "registry_url": registry.url,
            "smtp_url": mailbox.url,
            "dispatch_poll_s": 0.2,
            "retry_base_s": 0.1,
            "retry_max_s": 0.5,
            **NEVER_QUIET,
        }
        return serve(service, **(settings | overrides))

    return start


def database(api: Api) -> Database:
    assert api.settings is not None
    return Database(api.settings.database_url.get_secret_value())


async def queue(api: Api, *wanted: Notification) -> None:
    db = database(api)
    async with db.transaction() as session:
        await enqueue(session, *wanted)
    await db.close()


def welcome(person: uuid.UUID | None, **fields: Any) -> Notification:
    return Notification(
        dedup=f"test:{uuid.uuid4()}",
        kind="welcome",
        template="welcome",
        partner=PARTNER,
        participant_id=person,
        **fields,
    )


async def due_now(api: Api) -> None:
    """Every pending notification due at once, the dispatcher woken."""
    db = database(api)
    async with db.transaction() as session:
        pending = notifications.c.state == "pending"
        await session.execute(update(notifications).where(pending).values(due_at=func.now()))
        await session.execute(select(func.pg_notify(CHANNEL, "")))
    await db.close()


async def rows(api: Api, table: Any = notifications) -> list[Any]:
    db = database(api)
    async with db.transaction() as session:
        found = list((await session.execute(select(table))).all())
    await db.close()
    return found


async def states(api: Api) -> dict[uuid.UUID | None, str]:
    return {r.participant_id: r.state for r in await rows(api)}


async def settled(api: Api, count: int | None = None, timeout: float = 10) -> list[Any]:
    """The notifications once none is pending (and there are `count`)."""

    async def done() -> bool:
        found = await rows(api)
        return (count is None or len(found) == count) and all(r.state != "pending" for r in found)

    await eventually(done, timeout=timeout)
    return await rows(api)


async def attempts(api: Api) -> list[Any]:
    return await rows(api, send_attempts)


def now() -> datetime:
    return datetime.now(UTC)
