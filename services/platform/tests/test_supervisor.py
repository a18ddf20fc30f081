"""The supervisor gives up on a process that keeps dying, and says so."""

import json
import subprocess
import sys
import time
from pathlib import Path

from milagro_platform.supervisor import GIVE_UP_DEATHS, Supervisor


class Failing:
    """A process that exits with 3 as soon as it starts."""

    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])


def test_a_process_that_keeps_dying_is_given_up(tmp_path: Path) -> None:
    told: list[str] = []
    supervisor = Supervisor(tmp_path / "status.json", told.append)
    failing = Failing()
    failing.start()
    supervisor.watch("failing", failing)
    supervisor.run()
    deadline = time.monotonic() + 60
    while supervisor.failure is None and time.monotonic() < deadline:
        time.sleep(0.1)
    supervisor.end()
    assert supervisor.failure is not None
    assert supervisor.failure.startswith("failing (pid ")
    assert f"exited with 3: {GIVE_UP_DEATHS} deaths in 60 s" in supervisor.failure
    backoffs = [m.rsplit("restarting in ", 1)[1] for m in told if "restarting in" in m]
    assert backoffs == ["0.5 s", "1 s", "2 s", "4 s"]
    status = json.loads((tmp_path / "status.json").read_text())
    assert status["supervisor"] is None  # ended: `milagro status` says the stack is down
    assert status["processes"]["failing"]["state"] == "gave up"
    assert status["processes"]["failing"]["restarts"] == GIVE_UP_DEATHS - 1
