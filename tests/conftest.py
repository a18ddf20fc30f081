"""The whole platform as a newcomer runs it: five service processes on real servers."""

import uuid
from collections.abc import AsyncIterator

import pytest

from milagro_kit import bus
from milagro_kit.embedded import free_port
from milagro_kit.settings import Settings
from milagro_kit.stack import SERVICES, Stack
from milagro_kit.testing.auth import mint, trusting  # noqa: F401  (the mint fixture)
from milagro_kit.testing.plugin import reset_streams


@pytest.fixture(scope="module")
async def stack(servers, mint, tmp_path_factory) -> AsyncIterator[Stack]:  # noqa: F811
    """The five services as separate processes with fresh databases and streams."""
    settings = Settings(nats_url=servers.nats_url)
    nc = await bus.connect(settings, name="e2e")
    await reset_streams(nc.jetstream(), settings)
    await nc.close()
    environment = {f"MILAGRO_{k.upper()}": str(v) for k, v in trusting(mint).items() if v}
    environment |= {"MILAGRO_LOG_LEVEL": "INFO", "MILAGRO_DISCLOSURE_THRESHOLD": "1"}
    platform = Stack(
        tmp_path_factory.mktemp("stack"),
        servers.postgres_url,
        servers.nats_url,
        ports={name: free_port() for name in SERVICES},
        environment=environment,
        database_prefix=f"e{uuid.uuid4().hex[:8]}",
    )
    await platform.prepare()
    platform.start()
    try:
        await platform.wait_ready(timeout=90)
        yield platform
    finally:
        platform.stop()
