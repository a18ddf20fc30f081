"""`milagro status`: what runs (the supervisor's view: restarts, uptime), is everything
ready, and what is waiting where.

It answers at once when the stack is down: it reads the supervisor's status file before
it imports what talks to the servers (that alone takes seconds on a loaded machine).
"""

import time
from typing import Any

from rich.console import Console
from rich.table import Table

from milagro_platform.embedded import port_is_open
from milagro_platform.home import STATUS_FILE, LocalSettings
from milagro_platform.supervisor import read_status

console = Console(highlight=False)


def _uptime(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def _processes(status: dict[str, Any]) -> Table:
    table = Table(title="Processes (supervised by `milagro up`)")
    for column in ("process", "pid", "state", "restarts", "up"):
        table.add_column(column)
    colours = {"running": "green", "restarting": "yellow"}
    for name, process in status["processes"].items():
        state = process["state"]
        table.add_row(
            name,
            str(process["pid"] or "-"),
            f"[{colours.get(state, 'red')}]{state}[/]",
            str(process["restarts"]),
            _uptime(time.time() - process["since"]) if state == "running" else "-",
        )
    return table


def _down(settings: LocalSettings) -> int:
    """Say that the stack is not running, and how to start it."""
    console.print(
        f"[red]MILAGRO is down[/red]: no `milagro up` runs with its home in {settings.folder}, "
        "so PostgreSQL, NATS and every service are stopped."
    )
    ports = {"PostgreSQL": settings.postgres_port, "NATS": settings.nats_port}
    held = [f"{name} ({port})" for name, port in ports.items() if port_is_open(port)]
    if held:
        console.print(f"Yet something listens on the ports of {', '.join(held)}: another home?")
    console.print("Start it with `uv run milagro up` (Ctrl-C stops it).")
    return 1


def run() -> int:
    settings = LocalSettings()
    status = read_status(settings.folder / STATUS_FILE)
    if status is None:
        return _down(settings)
    console.print(_processes(status))
    if status["failure"]:
        console.print(f"[red]gave up: {status['failure']}[/red]")
    down = [name for name, p in status["processes"].items() if p["state"] != "running"]
    if down:
        console.print(f"[yellow]down now: {', '.join(down)} (the supervisor restarts them)[/]")
    # Only for a running stack: what asks the servers takes seconds to import.
    from milagro_platform.cli import probe

    return probe.run(nats_running="nats" not in down)
