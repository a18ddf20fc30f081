"""The whole platform as local processes: per service an API process and a worker (its
relay, consumers and background tasks), against given servers, kept running by a
supervisor.

`milagro up` and the end-to-end tests both use it, so the tests start the stack exactly
the way a newcomer does.
"""

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from milagro_kit import bus
from milagro_kit.database import database_url
from milagro_kit.migrations import ensure_database
from milagro_kit.settings import Settings
from milagro_platform.embedded import (
    EmbeddedNats,
    EmbeddedPostgres,
    die_with_parent,
    free_port,
    port_is_open,
)
from milagro_platform.home import STATUS_FILE
from milagro_platform.supervisor import Supervisor

log = logging.getLogger(__name__)

WORKER = "-work"
"""A worker's process name: its service's, then this (`registry-work`)."""


def command_line(service: str, *arguments: str) -> list[str]:
    """How the platform runs `milagro-<service> <arguments>` in a child process."""
    return [sys.executable, "-m", "milagro_platform.launch", service, *arguments]


@dataclass
class ServiceProcess:
    """One process of a service: its API (`serve`) or its worker (`work`)."""

    name: str
    port: int
    log: Path
    command: list[str] = field(default_factory=list)
    environment: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=die_with_parent(),
            )


def _yes(value: str) -> bool:
    return value.strip().lower() not in ("0", "false", "no", "off", "")


@dataclass
class Stack:
    """The services, started as separate processes on their own ports, and supervised.

    Each service runs as an API process (named as the service) and a worker (`<name>-work`,
    with /healthz, /readyz and /metrics on its own port), unless the services' environment
    says MILAGRO_SEPARATE_WORKER=false: then one process each does both. `servers` (the
    PostgreSQL and nats-server `milagro up` runs) are supervised too, not started here.
    """

    home: Path
    postgres_url: str
    nats_url: str
    ports: dict[str, int]
    environment: dict[str, str] = field(default_factory=dict)
    environments: dict[str, dict[str, str]] = field(default_factory=dict)
    """What one service's processes get beside `environment` (the notifier's token)."""
    database_prefix: str = "milagro"
    worker_ports: dict[str, int] = field(default_factory=dict)
    """Each worker's health port (a free one if not given)."""
    servers: dict[str, EmbeddedPostgres | EmbeddedNats] = field(default_factory=dict)
    say: Callable[[str], None] | None = None
    """Where restarts are told beside logs/supervisor.log (`milagro up` prints them)."""
    services: dict[str, ServiceProcess] = field(init=False)
    """The API process of each service, by service name."""
    workers: dict[str, ServiceProcess] = field(init=False)
    """The worker of each service, by service name (none if not separate)."""
    supervisor: Supervisor = field(init=False)

    def __post_init__(self) -> None:
        logs = self.home / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        separate = _yes({**os.environ, **self.environment}.get("MILAGRO_SEPARATE_WORKER", "1"))
        self.services = {
            name: self._process(name, name, port, "serve", separate)
            for name, port in self.ports.items()
        }
        self.workers = {
            name: self._process(
                name + WORKER, name, self.worker_ports.get(name) or free_port(), "work", separate
            )
            for name in self.ports
            if separate
        }
        self.supervisor = Supervisor(self.home / STATUS_FILE, self._say)

    def _process(
        self, name: str, service: str, port: int, command: str, separate: bool
    ) -> ServiceProcess:
        environment = self.environment_of(service) | {
            "MILAGRO_PORT": str(port),
            "MILAGRO_SEPARATE_WORKER": str(separate).lower(),
        }
        return ServiceProcess(
            name,
            port,
            self.home / "logs" / f"{name}.log",
            command_line(service, command, "--migrate", "--provision"),
            environment,
        )

    def _say(self, message: str) -> None:
        stamped = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {message}"
        with (self.home / "logs" / "supervisor.log").open("a") as out:
            out.write(stamped + "\n")
        (self.say or log.warning)(message)

    @property
    def processes(self) -> dict[str, ServiceProcess]:
        """Every service process by name: `registry`, `registry-work`, ..."""
        return {p.name: p for p in [*self.services.values(), *self.workers.values()]}

    async def prepare(self) -> None:
        """Create each service's database and provision the streams (idempotent)."""
        for name in self.services:
            await ensure_database(self.postgres_url, f"{self.database_prefix}_{name}")
        settings = Settings(nats_url=self.nats_url)
        nc = await bus.connect(settings, name="milagro-up")
        try:
            await bus.provision_streams(nc.jetstream(), settings)
        finally:
            await nc.close()

    def environment_of(self, name: str) -> dict[str, str]:
        """The environment of a service's processes: its port, database and the bus."""
        return {
            **os.environ,
            "MILAGRO_SERVICE": name,
            "MILAGRO_PORT": str(self.ports[name]),
            "MILAGRO_DATABASE_URL": database_url(self.postgres_url, name, self.database_prefix),
            "MILAGRO_NATS_URL": self.nats_url,
            **self.environment,
            **self.environments.get(name, {}),
        }

    def _chosen(self, names: tuple[str, ...]) -> list[ServiceProcess]:
        """The processes named, a service's name meaning its API and its worker."""
        processes = self.processes
        if not names:
            return list(processes.values())
        chosen = [p for n in names for p in (processes.get(n), processes.get(n + WORKER)) if p]
        unknown = [n for n in names if n not in processes]
        if unknown:
            raise KeyError(f"no process {unknown[0]!r}; there are {', '.join(processes)}")
        return chosen

    def start(self, *names: str) -> None:
        """Start services (all by default) and keep them running; each process migrates
        (one at a time, an advisory lock) and provisions its consumers."""
        with self.supervisor.lock:
            for name, server in self.servers.items():
                self.supervisor.watch(name, server)
            for process in self._chosen(names):
                if process.process is None or process.process.poll() is not None:
                    process.start()
                self.supervisor.watch(process.name, process)
        self.supervisor.run()

    def pids(self) -> dict[str, int]:
        """The pid of every running process: services, workers and servers."""
        with self.supervisor.lock:
            return {
                name: child.pid
                for name, child in self.supervisor.children.items()
                if child.alive and child.pid is not None
            }

    def restarts(self) -> dict[str, int]:
        """How many times the supervisor restarted each process."""
        with self.supervisor.lock:
            return {name: child.restarts for name, child in self.supervisor.children.items()}

    async def wait_ready(self, timeout: float = 60.0, *names: str) -> None:
        """Wait until every process (or those named) runs and each service process answers
        /readyz with 200 (so it reaches the database and the bus): after a start, or after
        a crash, once the supervisor has restarted what died."""
        pending = {p.name: p for p in self._chosen(names)}
        servers = dict(self.servers) if not names else {}
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=1.0) as client:
            while pending or servers:
                if self.supervisor.failure:
                    raise RuntimeError(self._failure())
                for name, server in list(servers.items()):
                    alive = server.process is not None and server.process.poll() is None
                    if alive and port_is_open(server.port):
                        del servers[name]
                for name, process in sorted(pending.items()):
                    if process.process is None or process.process.poll() is not None:
                        continue
                    try:
                        response = await client.get(f"{process.url}/readyz")
                    except httpx.HTTPError:
                        continue
                    if response.status_code == 200:
                        del pending[name]
                if (pending or servers) and time.monotonic() > deadline:
                    late = sorted([*pending, *servers])
                    raise TimeoutError(f"not ready after {timeout:.0f} s: {late}")
                await asyncio.sleep(0.1)

    def _failure(self) -> str:
        message = self.supervisor.failure or ""
        name = message.split(" ", 1)[0]
        process = self.processes.get(name)
        if process is not None:
            message += ":\n" + process.log.read_text(errors="replace")[-3000:]
        return message

    @property
    def failure(self) -> str | None:
        """Why the supervisor gave up on something (None while all is kept running)."""
        return self.supervisor.failure

    def stop(self, *names: str, timeout: float = 10.0) -> None:
        """Stop services gracefully (SIGTERM), killing any that outstay the timeout; with
        no names, everything, and the supervisor (the servers are the caller's to stop)."""
        chosen = self._chosen(names)
        with self.supervisor.lock:
            if not names:
                self.supervisor.pause()
            for process in chosen:
                self.supervisor.forget(process.name)
                if process.process is not None and process.process.poll() is None:
                    process.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in chosen:
            if process.process is None:
                continue
            try:
                process.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.process.kill()
                process.process.wait()
        if not names:
            self.supervisor.end()

    def kill(self, name: str) -> None:
        """Kill one process abruptly (kill -9), as a crash would: the supervisor restarts it.
        `name` is a process's (`registry`, `registry-work`) or a server's (`postgres`)."""
        with self.supervisor.lock:
            target = self.processes.get(name) or self.servers[name]
            process = target.process
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
