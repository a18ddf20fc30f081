"""Keeps the local stack's processes running, the way a process supervisor does.

A thread looks at every child a few times a second. A child that died is reaped (its exit
status read, so it never lingers as a zombie), reported, and started again after a backoff
that doubles with each death in the last minute (0.5 s, 1 s, 2 s, 4 s). A child that dies
`GIVE_UP_DEATHS` times within `GIVE_UP_WINDOW_S` is not started again: the supervisor
reports why in `failure`, and `milagro up` stops the whole stack, since something is
broken that restarting will not mend. The state of every child goes to a status file
that `milagro status` reads.
"""

import json
import logging
import os
import signal
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

GIVE_UP_DEATHS = 5
GIVE_UP_WINDOW_S = 60.0
FIRST_BACKOFF_S = 0.5
POLL_S = 0.2


class Process(Protocol):
    """What can be supervised: a child process that can be started again."""

    process: subprocess.Popen[bytes] | None

    def start(self) -> Any: ...


def describe(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return f"exited with {returncode}"


@dataclass
class Child:
    """One supervised process and its history."""

    name: str
    target: Process
    wanted: bool = True
    """Started and to be kept running (False once stopped on purpose)."""
    restarts: int = 0
    since: float = field(default_factory=time.time)
    """When the current process started (wall clock), for its uptime."""
    deaths: deque[float] = field(default_factory=deque)
    restart_at: float | None = None
    """When a dead child is due to start again (monotonic)."""

    @property
    def alive(self) -> bool:
        process = self.target.process
        return process is not None and process.poll() is None  # poll() reaps a dead one

    @property
    def pid(self) -> int | None:
        return self.target.process.pid if self.target.process is not None else None

    @property
    def state(self) -> str:
        if not self.wanted:
            return "stopped"
        if self.alive:
            return "running"
        return "restarting" if self.restart_at is not None else "dead"


class Supervisor:
    """Restarts dead children in a thread of its own until it is paused."""

    def __init__(self, status_file: Path, say: Callable[[str], None]) -> None:
        self.status_file = status_file
        self.say = say
        self.children: dict[str, Child] = {}
        self.failure: str | None = None
        """Why the supervisor gave up, if it did."""
        self.lock = threading.RLock()
        """Held while a child is started, stopped or killed, here or by the stack."""
        self._paused = threading.Event()
        self._thread: threading.Thread | None = None

    def watch(self, name: str, target: Process) -> Child:
        with self.lock:
            child = self.children.get(name)
            if child is None or child.target is not target:
                child = self.children[name] = Child(name, target)
            child.wanted, child.restart_at, child.since = True, None, time.time()
            self._write_status()
        return child

    def forget(self, name: str) -> None:
        """Stop keeping one child running (it is being stopped on purpose)."""
        with self.lock:
            if name in self.children:
                self.children[name].wanted = False
                self._write_status()

    def run(self) -> None:
        """Start supervising in the background (once)."""
        if self._thread is None:
            self._paused.clear()
            self._thread = threading.Thread(target=self._loop, name="supervisor", daemon=True)
            self._thread.start()

    def pause(self) -> None:
        """Restart nothing any more (the stack is stopping; safe in a signal handler). A
        restart under way ends first: hold `lock` to wait for it. The thread lives on,
        since the children it started are bound to it (PR_SET_PDEATHSIG)."""
        self._paused.set()

    def end(self) -> None:
        """Stop the thread, once its children are stopped."""
        self._paused.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self.lock:
            self._write_status(running=False)

    def _loop(self) -> None:
        while not self._paused.wait(POLL_S):
            try:
                self._tick()
            except Exception:  # a supervisor that dies would leave the stack unwatched
                log.exception("the supervisor failed to look at its children")

    def _tick(self) -> None:
        with self.lock:
            changed = False
            for child in self.children.values():
                if self._paused.is_set():
                    return
                if not child.wanted or child.alive:
                    continue
                if child.restart_at is None:
                    changed = True
                    self._died(child)
                elif time.monotonic() >= child.restart_at:
                    changed = True
                    self._restart(child)
            if changed:
                self._write_status()

    def _died(self, child: Child) -> None:
        now = time.monotonic()
        child.deaths.append(now)
        while child.deaths and child.deaths[0] < now - GIVE_UP_WINDOW_S:
            child.deaths.popleft()
        process = child.target.process
        how = describe(process.returncode) if process is not None else "did not start"
        up = time.time() - child.since
        pid = f" (pid {process.pid})" if process is not None else ""
        if len(child.deaths) >= GIVE_UP_DEATHS:
            child.wanted = False
            self.failure = (
                f"{child.name}{pid} {how}: {len(child.deaths)} deaths in "
                f"{GIVE_UP_WINDOW_S:.0f} s, not restarting it again"
            )
            self.say(self.failure)
            return
        backoff = FIRST_BACKOFF_S * 2 ** (len(child.deaths) - 1)
        child.restart_at = now + backoff
        self.say(f"{child.name}{pid} {how} after {up:.1f} s up; restarting in {backoff:g} s")

    def _restart(self, child: Child) -> None:
        child.restart_at = None
        child.restarts += 1
        child.since = time.time()
        try:
            child.target.start()
        except Exception as exc:  # e.g. PostgreSQL that did not come up: one more death
            self.say(f"{child.name} did not start again: {exc}")
            self._died(child)
            return
        self.say(f"{child.name} restarted (pid {child.pid}, restart {child.restarts})")

    def _write_status(self, running: bool = True) -> None:
        status = {
            "supervisor": os.getpid() if running else None,
            "failure": self.failure,
            "processes": {
                c.name: {"pid": c.pid, "state": c.state, "restarts": c.restarts, "since": c.since}
                for c in self.children.values()
            },
        }
        partial = self.status_file.with_suffix(".partial")
        partial.write_text(json.dumps(status, indent=1))
        partial.replace(self.status_file)


def read_status(status_file: Path) -> dict[str, Any] | None:
    """What a running supervisor last wrote, or None if no supervisor is running."""
    try:
        status: dict[str, Any] = json.loads(status_file.read_text())
    except (OSError, ValueError):
        return None
    pid = status.get("supervisor")
    if not isinstance(pid, int):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # its `milagro up` was killed: the file is stale
    except PermissionError:
        pass
    return status
