"""The whole platform as a newcomer runs it: every service as a process on real servers."""

import contextlib
import functools
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from milagro_kit import bus
from milagro_kit.settings import Settings
from milagro_kit.testing.auth import trusting
from milagro_kit.testing.plugin import reset_streams
from milagro_platform.embedded import free_port
from milagro_platform.services import discover
from milagro_platform.stack import Stack


@contextlib.asynccontextmanager
async def platform(
    servers, mint, folder, ports: dict[str, int] | None = None, **settings: str
) -> AsyncIterator[Stack]:
    """The services as separate processes with fresh databases and streams; `settings`
    are `MILAGRO_*` variables (without the prefix) for every service; `ports` the services'
    own (free ones by default), for settings that name one."""
    bus_settings = Settings(nats_url=servers.nats_url)
    nc = await bus.connect(bus_settings, name="e2e")
    await reset_streams(nc.jetstream(), bus_settings)
    await nc.close()
    environment = {f"MILAGRO_{k.upper()}": str(v) for k, v in trusting(mint).items() if v}
    environment |= {"MILAGRO_LOG_LEVEL": "INFO"}
    environment |= {f"MILAGRO_{k.upper()}": v for k, v in settings.items()}
    running = Stack(
        folder,
        servers.postgres_url,
        servers.nats_url,
        ports=ports or {name: free_port() for name in discover()},
        environment=environment,
        database_prefix=f"e{uuid.uuid4().hex[:8]}",
        nats_users=servers.nats_users,
    )
    await running.prepare()
    running.start()
    try:
        await running.wait_ready(timeout=90)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def start_platform(servers, mint) -> Any:
    """`async with start_platform(folder, **settings) as stack`: a platform of one's own."""
    return functools.partial(platform, servers, mint)


@pytest.fixture(scope="module")
async def stack(start_platform, tmp_path_factory) -> AsyncIterator[Stack]:
    """The platform with every figure published (disclosure threshold 1), and an ack lost
    in a fault test redelivered after 5 s rather than 30."""
    folder = tmp_path_factory.mktemp("stack")
    async with start_platform(folder, disclosure_threshold="1", consumer_ack_wait_s="5") as on:
        yield on
