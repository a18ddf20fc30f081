"""`milagro run <service> <command>`: one of a service's own commands (`milagro-<service>
<command>`, e.g. `milagro run observatory rebuild`) against the servers `milagro up` runs.

It runs in a child process, as `milagro up` runs the service itself, so the command sees
the service's database, the bus and the development key exactly as the service does.
"""

import os
import subprocess
import sys

from milagro_platform.local import Local
from milagro_platform.services import load
from milagro_platform.stack import command_line

# Which servers the command talks to, if the caller's environment says otherwise.
_OVERRIDABLE = ("MILAGRO_DATABASE_URL", "MILAGRO_NATS_URL")


def run(service: str, arguments: list[str]) -> int:
    try:
        load(service)
    except LookupError as exc:
        print(exc, file=sys.stderr)
        return 2
    local = Local()
    environment = local.stack().environment_of(service) | local.command_credentials()
    environment |= {k: os.environ[k] for k in _OVERRIDABLE if k in os.environ}
    return subprocess.call(command_line(service, *arguments), env=environment)
