"""What a service tells the kit about itself, and the one-line app factory built from it."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from nats.js import JetStreamContext
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit import bus, health, openapi, retention, telemetry
from milagro_kit.bus import DurableConsumer
from milagro_kit.consumer import Consumer, ConsumerRunner
from milagro_kit.cors import Cors
from milagro_kit.database import Database
from milagro_kit.outbox import EventOutbox, add_kit_tables
from milagro_kit.permissions import Permissions, permissions
from milagro_kit.problems import BodySizeLimit, install_problem_handlers
from milagro_kit.relay import OutboxRelay
from milagro_kit.server_spans import ServerSpans
from milagro_kit.settings import Settings

log = logging.getLogger(__name__)


Command = Callable[[Settings], Coroutine[Any, Any, str]]
Task = Callable[[FastAPI], Coroutine[Any, Any, None]]


@dataclass
class Service:
    """A MILAGRO service as the kit sees it: its name, data, API and consumers."""

    name: str
    title: str
    description: str
    metadata: MetaData
    migrations: Path
    routers: list[APIRouter] = field(default_factory=list)
    consumers: list[Consumer] = field(default_factory=list)
    commands: dict[str, Command] = field(default_factory=dict)
    """Operations beside serving (`milagro-<name> <command>`); each returns what to print."""
    tasks: list[Task] = field(default_factory=list)
    """Background work, run beside the relay and the consumers: by the worker when the
    service runs as an API and a worker, else by its one process. No request waits on it."""
    request_tasks: list[Task] = field(default_factory=list)
    """Work that requests depend on (e.g. a cache the routes read), run in every process
    that serves the API."""
    publishes: str | None = None
    """The bounded context whose events it records in its outbox (`registry`): its NATS
    user may publish on that context's subjects only (`milagro_kit.permissions`)."""
    settings: type[Settings] = Settings
    """The service's settings: the kit's, or a subclass with the service's own fields. Read
    once at start-up; routes take them with `Depends(settings_of)`."""
    version: str = "0.1.0"
    port_offset: int | None = None
    """Where `milagro up` serves it: on MILAGRO_PORT_BASE + this (registry 1, events 2, ...)."""

    def __post_init__(self) -> None:
        if "outbox" not in self.metadata.tables:
            add_kit_tables(self.metadata)

    @property
    def bus_permissions(self) -> Permissions:
        """What its NATS user may publish and subscribe to, from its declaration."""
        return permissions(self.name, self.publishes, self.durables)

    @property
    def durables(self) -> list[DurableConsumer]:
        """Its durable consumers on the bus."""
        return [c.durable for c in self.consumers]

    @property
    def source(self) -> str:
        """The CloudEvents `source` of everything this service publishes."""
        return f"/milagro/{self.name}"


async def session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session per request: committed when the handler returns, rolled back if it raises."""
    database: Database = request.app.state.database
    async with database.transaction() as s:
        yield s


def settings_of(request: Request) -> Any:
    """The settings the service started with (an instance of its `Service.settings`)."""
    return request.app.state.settings


# scope="function": committed when the handler returns, before the response leaves, so a
# failed commit is the client's error response and a client reading right after sees its
# write (by default FastAPI would run this exit after sending the response).
Session = Annotated[AsyncSession, Depends(session, scope="function")]


# `async def` though it never awaits: FastAPI runs a plain `def` dependency in a worker
# thread, a thread hop on every request that records events (issue 16's profile).
async def outbox(request: Request, session: Session) -> EventOutbox:
    """The outbox of this request's transaction, with this service as the events' source."""
    service: Service = request.app.state.service
    return EventOutbox(session, service.source)


Outbox = Annotated[EventOutbox, Depends(outbox)]
"""`outbox: Outbox` in a route, then `await outbox.record(event, aggregate=...)`."""


class Role(StrEnum):
    """What one process of a service does."""

    whole = "whole"
    """The API and the background work (relay, consumers, tasks): tests, small deployments."""
    api = "api"
    """Only the API and its `request_tasks` (`serve` with MILAGRO_SEPARATE_WORKER=true)."""
    worker = "worker"
    """Only the background work (`work`), with /healthz, /readyz and /metrics on its port."""


def _tasks(
    app: FastAPI, role: Role, database: Database, js: JetStreamContext
) -> list[asyncio.Task[None]]:
    """The tasks of a process of this role."""
    service: Service = app.state.service
    settings: Settings = app.state.settings
    tasks = []
    if role is not Role.worker:
        tasks += [asyncio.create_task(t(app), name=t.__name__) for t in service.request_tasks]
    if role is not Role.api:
        tasks.append(asyncio.create_task(OutboxRelay(database, js, settings).run(), name="relay"))
        tasks += [
            asyncio.create_task(ConsumerRunner(c, database, js, settings).run(), name=c.name)
            for c in service.consumers
        ]
        tasks += [asyncio.create_task(t(app), name=t.__name__) for t in service.tasks]
        pruning = retention.keep_pruning(database, js, service.durables, settings)
        tasks.append(asyncio.create_task(pruning, name="retention"))
    return tasks


def create_app(service: Service, settings: Settings, role: Role = Role.whole) -> FastAPI:
    """The FastAPI app of a service process: routers, errors, health, telemetry, and the
    relay, consumers and tasks its role runs."""

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database(
            settings.database_url.get_secret_value(), pool_size=settings.database_pool_size
        )
        nc = await bus.connect(settings)
        js = nc.jetstream()
        app.state.database = database
        app.state.nats = nc
        app.state.settings = settings
        app.state.service = service
        tasks = _tasks(app, role, database, js)
        log.info("%s started (%s)", service.name, role)
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            _, stuck = await asyncio.wait(tasks, timeout=5)
            if stuck:
                log.error("tasks did not stop in 5 s: %s", [t.get_name() for t in stuck])
            await nc.close()  # the relay awaited every PubAck: nothing is in flight
            await database.close()

    app = FastAPI(
        # FastAPI's own OpenTelemetry layer (spans of every dependency, endpoint and
        # serialisation) is off: `ServerSpans` makes the request's span, at a fraction
        # of the cost (issue 16's profile)
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
        title=service.title if role is not Role.worker else f"{service.title}: worker",
        description=service.description,
        version=service.version,
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    openapi.complete(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(Cors, origins=settings.cors_origins, public_paths=settings.cors_public_paths)
    app.add_middleware(ServerSpans)  # outermost: the span covers everything below
    app.include_router(health.router)
    for router in service.routers if role is not Role.worker else []:
        app.include_router(router)
    telemetry.instrument(app)
    return app
