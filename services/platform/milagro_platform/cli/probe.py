"""The part of `milagro status` that asks a running stack: is each service process ready,
what waits in each outbox, on each stream and consumer. Every question has a short
timeout, so a part that is down makes it slower by a second at most."""

import asyncio

import asyncpg
import httpx
from nats.js.errors import NotFoundError
from rich.console import Console
from rich.table import Table

from milagro_contracts import STREAMS
from milagro_kit import bus
from milagro_kit.database import asyncpg_dsn, database_url
from milagro_kit.settings import Settings
from milagro_platform.home import WORKER_PORTS
from milagro_platform.local import Local
from milagro_platform.services import service_ports

console = Console(highlight=False)


async def _ready(client: httpx.AsyncClient, port: int) -> str:
    try:
        response = await client.get(f"http://127.0.0.1:{port}/readyz")
    except httpx.HTTPError:
        return "[red]down[/red]"
    return "[green]ready[/green]" if response.status_code == 200 else "[yellow]not ready[/yellow]"


async def _backlog(server_url: str, service: str) -> str:
    try:
        connection = await asyncpg.connect(
            asyncpg_dsn(database_url(server_url, service)), timeout=0.5
        )
    except (OSError, asyncpg.PostgresError):
        return "-"
    try:
        count = await connection.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        return str(count)
    except asyncpg.PostgresError:
        return "-"
    finally:
        await connection.close()


def run(*, nats_running: bool) -> int:
    return asyncio.run(_ask(nats_running))


async def _ask(nats_running: bool) -> int:
    local = Local()
    postgres, nats = local.postgres, local.nats

    services = Table(title="Services")
    for column in ("service", "URL", "API", "worker", "outbox backlog"):
        services.add_column(column)
    ports = service_ports(local.settings.port_base)
    workers = service_ports(local.settings.port_base + WORKER_PORTS)
    async with httpx.AsyncClient(timeout=0.5) as client:
        states = await asyncio.gather(*(_ready(client, port) for port in ports.values()))
        worker_states = await asyncio.gather(*(_ready(client, p) for p in workers.values()))
    backlogs = await asyncio.gather(*(_backlog(postgres.url, name) for name in ports))
    for (name, port), state, worker, backlog in zip(
        ports.items(), states, worker_states, backlogs, strict=True
    ):
        services.add_row(name, f"http://127.0.0.1:{port}", state, worker, backlog)
    console.print(services)

    if not nats_running:
        console.print(f"[red]NATS at {nats.url} is down: no streams to show[/red]")
        return 1
    try:
        nc = await asyncio.wait_for(
            bus.connect(Settings(nats_url=nats.url), name="milagro-status", persist=False), 1
        )
    except Exception as exc:
        console.print(f"[red]NATS at {nats.url} is unreachable: {exc!r}[/red]")
        return 1
    try:
        js = nc.jetstream()
        streams = Table(title="Streams and consumers")
        for column in ("stream", "messages", "consumer", "pending", "awaiting ack", "redelivered"):
            streams.add_column(column)
        for stream in STREAMS:
            try:
                info = await js.stream_info(stream.name)
            except NotFoundError:
                streams.add_row(stream.name, "[red]missing[/red]", "", "", "", "")
                continue
            label = "dead letters" if stream.name == "DEADLETTER" else ""
            streams.add_row(stream.name, f"{info.state.messages} {label}".strip(), "", "", "", "")
            for consumer in await js.consumers_info(stream.name):
                streams.add_row(
                    "",
                    "",
                    consumer.name,
                    str(consumer.num_pending),
                    str(consumer.num_ack_pending),
                    str(consumer.num_redelivered),
                )
        console.print(streams)
    finally:
        await nc.close()
    return 0
