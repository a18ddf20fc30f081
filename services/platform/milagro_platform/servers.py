"""The real servers a test session runs against: embedded, containers, or given by URL."""

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from milagro_kit.permissions import PROVISIONER
from milagro_platform import busauth
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres, NatsCluster, free_port
from milagro_platform.services import discover


@dataclass
class Servers:
    """Where the test session's PostgreSQL and nats-server are, and how to restart them."""

    postgres_url: str
    nats_url: str
    postgres: EmbeddedPostgres | None = None
    nats: EmbeddedNats | None = None
    nats_users: dict[str, str] = field(default_factory=dict)
    """Each installed service's NATS user and password (embedded only; a connection
    without credentials is the provisioning user there)."""


@contextlib.contextmanager
def embedded(root: Path) -> Iterator[Servers]:
    """PostgreSQL and nats-server from the wheels, on free loopback ports; nats-server
    with every installed service's user and permissions, as under `milagro up`."""
    users = busauth.users(discover())
    passwords = busauth.passwords(root, list(users))
    postgres = EmbeddedPostgres(root / "postgres", free_port(), durable=False)
    authorization = busauth.authorization(users, passwords, anonymous=PROVISIONER)
    nats = EmbeddedNats(root / "nats", free_port(), authorization=authorization)
    try:
        postgres.start()
        nats.start()
        yield Servers(postgres.url, nats.url, postgres, nats, passwords)
    finally:
        nats.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def nats_cluster(root: Path, size: int = 3) -> Iterator[list[EmbeddedNats]]:
    """A cluster of nats-servers on loopback, routed to one another (JetStream replicates
    streams of `num_replicas` up to `size` across them), started in parallel: a node waits
    for a quorum of its peers before JetStream answers."""
    routes = [free_port() for _ in range(size)]
    nodes = [
        EmbeddedNats(
            root / f"nats-{i}",
            free_port(),
            cluster=NatsCluster("milagro", port, tuple(p for p in routes if p != port)),
        )
        for i, port in enumerate(routes)
    ]
    try:
        for node in nodes:
            node.start()
        yield nodes
    finally:
        for node in nodes:
            node.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def containers() -> Iterator[Servers]:
    """PostgreSQL and nats-server from testcontainers (needs a Docker engine)."""
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.waiting_utils import wait_for_logs
    from testcontainers.postgres import PostgresContainer

    with (
        PostgresContainer("postgres:16-alpine", driver="asyncpg") as postgres,
        DockerContainer("nats:2.10-alpine").with_command("-js").with_exposed_ports(4222) as nats,
    ):
        wait_for_logs(nats, "Server is ready")
        nats_url = f"nats://{nats.get_container_host_ip()}:{nats.get_exposed_port(4222)}"
        yield Servers(postgres.get_connection_url(), nats_url)


@contextlib.contextmanager
def test_servers(root: Path) -> Iterator[Servers]:
    """The servers chosen by MILAGRO_TEST_* variables; embedded ones by default."""
    database_url = os.environ.get("MILAGRO_TEST_DATABASE_URL")
    nats_url = os.environ.get("MILAGRO_TEST_NATS_URL")
    if database_url and nats_url:
        yield Servers(database_url, nats_url)
    elif os.environ.get("MILAGRO_TEST_BACKEND") == "containers":
        with containers() as servers:
            yield servers
    else:
        with embedded(root) as servers:
            yield servers
