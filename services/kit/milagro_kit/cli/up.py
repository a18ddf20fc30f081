"""`milagro up`: PostgreSQL, nats-server and the five services, until Ctrl-C."""

import asyncio
import signal
import time
from pathlib import Path
from types import FrameType

from rich.console import Console

from milagro_kit.auth.devkeys import dev_environment
from milagro_kit.cli import demo
from milagro_kit.embedded import EmbeddedNats, EmbeddedPostgres, port_is_open, stop_all
from milagro_kit.settings import LocalSettings, Settings
from milagro_kit.stack import Stack, service_ports

console = Console(highlight=False)


class Stop(Exception):
    """Ctrl-C or a termination signal arrived."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise Stop


def run(*, with_demo: bool = False) -> int:
    local = LocalSettings()
    home = Path(local.home).resolve()
    busy = [p for p in (local.postgres_port, local.nats_port) if port_is_open(p)]
    if busy:
        console.print(
            f"[red]port {busy[0]} is in use: is another `milagro up` running?[/red] "
            "Set MILAGRO_POSTGRES_PORT / MILAGRO_NATS_PORT to use others."
        )
        return 1
    signal.signal(signal.SIGINT, _raise_stop)
    signal.signal(signal.SIGTERM, _raise_stop)
    started = time.monotonic()
    postgres = EmbeddedPostgres(home / "postgres", local.postgres_port)
    nats = EmbeddedNats(home / "nats", local.nats_port)
    stack: Stack | None = None
    try:
        postgres.start()
        nats.start()
        auth = Settings()
        stack = Stack(
            home,
            postgres.url,
            nats.url,
            service_ports(local.port_base),
            environment=dev_environment(home, auth.auth_issuer, auth.auth_audience),
        )
        taken = [s.port for s in stack.services.values() if port_is_open(s.port)]
        if taken:
            console.print(f"[red]port {taken[0]} is in use; stop what holds it.[/red]")
            return 1
        asyncio.run(stack.prepare())
        stack.start()
        asyncio.run(stack.wait_ready(timeout=120))
        _print_urls(stack, home, time.monotonic() - started)
        return asyncio.run(_watch(stack, home, with_demo))
    except Stop:
        console.print("stopping ...")
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if stack is not None:
            stack.stop()
        stop_all(nats, postgres)
        console.print("stopped.")


async def _watch(stack: Stack, home: Path, with_demo: bool) -> int:
    """Run until Ctrl-C (or a service dies), animating the demo if asked."""
    animation = None
    if with_demo:
        summary, people = await demo.load(stack, home)
        console.print(f"demo data: {summary}")
        animation = asyncio.create_task(demo.animate(stack, home, people))
    console.print("Ctrl-C stops everything.")
    try:
        while True:
            for service in stack.services.values():
                if service.process is not None and service.process.poll() is not None:
                    console.print(f"[red]{service.name} exited; see {service.log}[/red]")
                    return 1
            if animation is not None and animation.done() and animation.exception():
                console.print(f"[red]demo activity stopped: {animation.exception()!r}[/red]")
                animation = None
            await asyncio.sleep(0.5)
    finally:
        if animation is not None:
            animation.cancel()


def _print_urls(stack: Stack, home: Path, ready_in: float) -> None:
    console.print(f"[bold]MILAGRO is up[/bold] in {ready_in:.1f} s")
    for service in stack.services.values():
        console.print(
            f"  {service.name:<12} {service.url}   API docs {service.url}/docs   log {service.log}",
            soft_wrap=True,
        )
    console.print(f"  PostgreSQL {stack.postgres_url}", soft_wrap=True)
    console.print(f"  NATS       {stack.nats_url}   data in {home}", soft_wrap=True)
