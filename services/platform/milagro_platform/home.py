"""Where `milagro up` keeps its servers, data and status on this machine.

Without pydantic: `milagro status` finds the status file here and answers at once when
the stack is down (importing pydantic alone takes seconds on a loaded machine).
"""

import os
from pathlib import Path

from dotenv import dotenv_values

HOME = ".milagro"
"""The default of MILAGRO_HOME, relative to the current directory."""

STATUS_FILE = "status.json"
"""In the home: the supervisor's state of every process, for `milagro status`."""

WORKER_PORTS = 20
"""A worker's health port is its service's + this (8121 for the registry's on 8101)."""


def home_folder() -> Path:
    """MILAGRO_HOME as `LocalSettings` reads it: the environment, then `.env`."""
    home = os.environ.get("MILAGRO_HOME") or dotenv_values(".env").get("MILAGRO_HOME") or HOME
    return Path(home).resolve()
