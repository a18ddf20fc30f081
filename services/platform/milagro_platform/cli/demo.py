"""`milagro up --demo`: every service's own demo, one after the other, then their simulations.

A service that declares a `demo` command loads its part of the demo data and returns (in
port order: the registry's people are on the bus before the events and coaching services
animate them); one that declares `simulate` then keeps something happening until
`milagro up` stops.
"""

import asyncio
import subprocess

from milagro_platform.embedded import die_with_parent
from milagro_platform.local import Local
from milagro_platform.services import discover
from milagro_platform.stack import Stack, command_line


async def load(stack: Stack, local: Local) -> list[str]:
    """Run each service's `demo` command; returns what each said it loaded."""
    said = []
    for name, service in discover().items():
        if "demo" in service.commands:
            said.append(f"{name}: {await _run(stack, local, name, 'demo')}")
    return said


async def _run(stack: Stack, local: Local, name: str, command: str) -> str:
    """Run a command to its end; its output goes to the service's log, its last line back."""
    log = stack.services[name].log
    process = await asyncio.create_subprocess_exec(
        *command_line(name, command),
        env=stack.environment_of(name) | local.command_credentials(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        stdin=asyncio.subprocess.DEVNULL,
        preexec_fn=die_with_parent(),
    )
    output, _ = await process.communicate()
    with log.open("ab") as out:
        out.write(output)
    if process.returncode:
        raise RuntimeError(f"`milagro-{name} {command}` failed ({process.returncode}); see {log}")
    lines = output.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


def simulate(stack: Stack, local: Local) -> dict[str, subprocess.Popen[bytes]]:
    """Start each service's `simulate` command, which runs until stopped."""
    started = {}
    for name, service in discover().items():
        if "simulate" in service.commands:
            with stack.services[name].log.open("ab") as log:
                started[name] = subprocess.Popen(
                    command_line(name, "simulate"),
                    env=stack.environment_of(name) | local.command_credentials(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    preexec_fn=die_with_parent(),
                )
    return started
