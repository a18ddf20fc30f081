"""`milagro observatory rebuild`: drop the observatory's projections and replay the streams.

It runs the observatory's own command in a child process, against the servers `milagro up`
runs, so the CLI imports no service code.
"""

import os
import subprocess
import sys
from pathlib import Path

from milagro_kit.embedded import EmbeddedNats, EmbeddedPostgres
from milagro_kit.settings import LocalSettings
from milagro_kit.stack import database_url


def rebuild() -> int:
    """Rebuild every observatory projection from the streams, with a progress bar."""
    local = LocalSettings()
    home = Path(local.home).resolve()
    postgres = EmbeddedPostgres(home / "postgres", local.postgres_port)
    nats = EmbeddedNats(home / "nats", local.nats_port)
    env = {
        **os.environ,
        "MILAGRO_SERVICE": "observatory",
        "MILAGRO_DATABASE_URL": os.environ.get(
            "MILAGRO_DATABASE_URL", database_url(postgres.url, "observatory")
        ),
        "MILAGRO_NATS_URL": os.environ.get("MILAGRO_NATS_URL", nats.url),
    }
    return subprocess.call([sys.executable, "-m", "milagro_observatory", "rebuild"], env=env)
