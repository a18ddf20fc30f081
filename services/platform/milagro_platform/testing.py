"""The pytest plugin that starts the test session's servers (`-p milagro_platform.testing`).

It gives the `servers` fixture the kit's plugin (`milagro_kit.testing.plugin`) builds on.
"""

from collections.abc import Iterator

import pytest

from milagro_platform.servers import Servers, test_servers


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """One PostgreSQL and one nats-server for the whole session."""
    with test_servers(tmp_path_factory.mktemp("servers")) as running_servers:
        yield running_servers
