"""`milagro up`: PostgreSQL, nats-server and every service (an API process and a worker
each), supervised: what dies is restarted, until Ctrl-C."""

import asyncio
import signal
import subprocess
import time
from pathlib import Path
from types import FrameType

from rich.console import Console

from milagro_platform.cli import demo
from milagro_platform.embedded import port_is_open, stop_all
from milagro_platform.local import Local
from milagro_platform.stack import Stack

console = Console(highlight=False)


class Stop(Exception):
    """Ctrl-C or a termination signal arrived."""


def run(*, with_demo: bool = False) -> int:
    local = Local()
    home = local.home
    ours = (local.settings.postgres_port, local.settings.nats_port, local.settings.mail_port)
    busy = [p for p in ours if port_is_open(p)]
    if busy:
        console.print(
            f"[red]port {busy[0]} is in use: is another `milagro up` running?[/red] "
            "Set MILAGRO_POSTGRES_PORT / MILAGRO_NATS_PORT / MILAGRO_MAIL_PORT to use others."
        )
        return 1
    stack: Stack | None = None

    def stop(signum: int, frame: FrameType | None) -> None:
        if stack is not None:  # the children had Ctrl-C too: their deaths are no crashes
            stack.supervisor.pause()
        raise Stop

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    started = time.monotonic()
    postgres, nats, mail = local.postgres, local.nats, local.mail
    try:
        postgres.start()
        nats.start()
        mail.start()
        stack = local.stack({"postgres": postgres, "nats": nats}, say=_tell)
        taken = [p.port for p in stack.processes.values() if port_is_open(p.port)]
        if taken:
            console.print(f"[red]port {taken[0]} is in use; stop what holds it.[/red]")
            return 1
        asyncio.run(stack.prepare())
        stack.start()
        asyncio.run(stack.wait_ready(timeout=120))
        _print_urls(stack, home, time.monotonic() - started)
        notifier = stack.services.get("notifier")
        where = f"{notifier.url}/dev/mail and " if notifier else ""
        console.print(f"  mail       caught at {mail.url}: read it at {where}{mail.folder}")
        return asyncio.run(_watch(stack, local, with_demo))
    except Stop:
        console.print("stopping ...")
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if stack is not None:
            stack.stop()
        stop_all(nats, postgres)
        mail.stop()
        console.print("stopped.")


async def _watch(stack: Stack, local: Local, with_demo: bool) -> int:
    """Run until Ctrl-C (or something keeps dying), with the demo if asked."""
    simulations: dict[str, subprocess.Popen[bytes]] = {}
    if with_demo:
        for said in await demo.load(stack, local):
            console.print(f"demo data, {said}")
        simulations = demo.simulate(stack, local)
    console.print(
        "What dies is restarted (told here and in logs/supervisor.log; `milagro status`). "
        "Ctrl-C stops everything."
    )
    try:
        while True:
            if stack.failure:
                console.print(f"[red]{stack.failure}; stopping everything.[/red]")
                return 1
            for name in [n for n, p in simulations.items() if p.poll() is not None]:
                if simulations.pop(name).returncode:
                    console.print(f"[red]{name}'s demo activity stopped; see its log[/red]")
                else:
                    console.print(f"{name}'s demo activity is done")
            await asyncio.sleep(0.5)
    finally:
        for simulation in simulations.values():
            simulation.terminate()
            simulation.wait()


def _tell(message: str) -> None:
    console.print(f"[yellow]{time.strftime('%H:%M:%S')} {message}[/yellow]", soft_wrap=True)


def _print_urls(stack: Stack, home: Path, ready_in: float) -> None:
    console.print(f"[bold]MILAGRO is up[/bold] in {ready_in:.1f} s")
    for name, service in stack.services.items():
        console.print(
            f"  {name:<12} {service.url}   API docs {service.url}/docs   log {service.log}",
            soft_wrap=True,
        )
        if name in stack.workers:
            worker = stack.workers[name]
            console.print(
                f"  {'':<12} worker {worker.url}/readyz   log {worker.log}", soft_wrap=True
            )
    console.print(f"  PostgreSQL {stack.postgres_url}", soft_wrap=True)
    console.print(f"  NATS       {stack.nats_url}   data in {home}", soft_wrap=True)
