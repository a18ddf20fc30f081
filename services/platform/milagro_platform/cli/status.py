"""`milagro status`: what runs (the supervisor's view: restarts, uptime), is everything
ready, and what is waiting where.

It answers at once when the stack is down: it reads the supervisor's status file before
it imports anything that talks to the servers or draws tables (seconds of imports on a
loaded machine).
"""

from milagro_platform.home import STATUS_FILE, home_folder
from milagro_platform.supervisor import read_status


def run() -> int:
    home = home_folder()
    status = read_status(home / STATUS_FILE)
    if status is None:
        print(
            f"MILAGRO is down: no `milagro up` runs with its home in {home}, so PostgreSQL, "
            "NATS and every service are stopped.\n"
            "Start it with `uv run milagro up` (Ctrl-C stops it)."
        )
        return 1
    from milagro_platform.cli import probe  # only now: a stack runs

    return probe.run(status)
