"""The whole platform as local processes: one per service, against given servers.

`milagro up` and the end-to-end tests both use it, so the tests start the stack exactly
the way a newcomer does.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from milagro_kit import bus
from milagro_kit.database import database_url
from milagro_kit.migrations import ensure_database
from milagro_kit.permissions import PROVISIONER
from milagro_kit.settings import Settings
from milagro_platform.embedded import die_with_parent


def command_line(service: str, *arguments: str) -> list[str]:
    """How the platform runs `milagro-<service> <arguments>` in a child process."""
    return [sys.executable, "-m", "milagro_platform.launch", service, *arguments]


@dataclass
class ServiceProcess:
    name: str
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Stack:
    """The services, started as separate processes on their own ports."""

    home: Path
    postgres_url: str
    nats_url: str
    ports: dict[str, int]
    environment: dict[str, str] = field(default_factory=dict)
    environments: dict[str, dict[str, str]] = field(default_factory=dict)
    """What one service's processes get beside `environment` (the notifier's token)."""
    database_prefix: str = "milagro"
    nats_users: Mapping[str, str] = field(default_factory=dict)
    """NATS passwords by user: each service connects as its own user, streams are
    provisioned as `provision` (none: every connection as the server's default user)."""
    services: dict[str, ServiceProcess] = field(init=False)

    def __post_init__(self) -> None:
        (self.home / "logs").mkdir(parents=True, exist_ok=True)
        self.services = {
            name: ServiceProcess(name, port, self.home / "logs" / f"{name}.log")
            for name, port in self.ports.items()
        }

    async def prepare(self) -> None:
        """Create each service's database and provision the streams (idempotent)."""
        for name in self.services:
            await ensure_database(self.postgres_url, f"{self.database_prefix}_{name}")
        password = self.nats_users.get(PROVISIONER)
        user = PROVISIONER if password else None
        settings = Settings(nats_url=self.nats_url, nats_user=user, nats_password=password)
        nc = await bus.connect(settings, name="milagro-up")
        try:
            await bus.provision_streams(nc.jetstream(), settings)
        finally:
            await nc.close()

    def nats_credentials(self, user: str) -> dict[str, str]:
        """A user's `nats_user` and `nats_password` settings, if it has a password."""
        if user not in self.nats_users:
            return {}
        return {"nats_user": user, "nats_password": self.nats_users[user]}

    def environment_of(self, name: str) -> dict[str, str]:
        """The environment of a service's processes: its port, database and the bus (as
        its own NATS user)."""
        credentials = self.nats_credentials(name)
        return {
            **os.environ,
            "MILAGRO_SERVICE": name,
            "MILAGRO_PORT": str(self.services[name].port),
            "MILAGRO_DATABASE_URL": database_url(self.postgres_url, name, self.database_prefix),
            "MILAGRO_NATS_URL": self.nats_url,
            **{f"MILAGRO_{key.upper()}": value for key, value in credentials.items()},
            **self.environment,
            **self.environments.get(name, {}),
        }

    def start(self, *names: str) -> None:
        """Start services (all by default); each migrates and provisions its consumers."""
        for name in names or tuple(self.services):
            service = self.services[name]
            with service.log.open("ab") as log:
                service.process = subprocess.Popen(
                    command_line(name, "serve", "--migrate", "--provision"),
                    env=self.environment_of(name),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    preexec_fn=die_with_parent(),
                )

    async def wait_ready(self, timeout: float = 60.0, *names: str) -> None:
        """Wait until every service answers /readyz with 200."""
        pending = set(names or self.services)
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=1.0) as client:
            while pending:
                for name in sorted(pending):
                    service = self.services[name]
                    if service.process is not None and service.process.poll() is not None:
                        tail = service.log.read_text(errors="replace")[-3000:]
                        raise RuntimeError(
                            f"{name} exited with {service.process.returncode}:\n{tail}"
                        )
                    try:
                        response = await client.get(f"{service.url}/readyz")
                    except httpx.HTTPError:
                        continue
                    if response.status_code == 200:
                        pending.discard(name)
                if pending and time.monotonic() > deadline:
                    raise TimeoutError(f"not ready after {timeout:.0f} s: {sorted(pending)}")
                await asyncio.sleep(0.1)

    def stop(self, *names: str, timeout: float = 10.0) -> None:
        """Stop services gracefully (SIGTERM), killing any that outstay the timeout."""
        chosen = [self.services[n] for n in names or tuple(self.services)]
        for service in chosen:
            if service.process is not None and service.process.poll() is None:
                service.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for service in chosen:
            if service.process is None:
                continue
            try:
                service.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                service.process.kill()
                service.process.wait()

    def kill(self, name: str) -> None:
        """Kill one service abruptly (kill -9), as a crash would."""
        process = self.services[name].process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
