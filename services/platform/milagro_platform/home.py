"""Where `milagro up` keeps its servers and data on this machine, and on which ports.

Light on imports: `milagro status` reads it to answer at once when the stack is down.
"""

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

STATUS_FILE = "status.json"
"""In the home: the supervisor's state of every process, for `milagro status`."""


class LocalSettings(BaseSettings):
    """Where `milagro up` keeps its servers and data on this machine."""

    model_config = SettingsConfigDict(env_prefix="MILAGRO_", env_file=".env", extra="ignore")

    home: str = ".milagro"
    postgres_port: int = 55432
    nats_port: int = 42220
    mail_port: int = Field(42225, description="the local mail catcher's SMTP port")
    port_base: int = Field(8100, description="each service on base + its port_offset")

    @property
    def folder(self) -> Path:
        return Path(self.home).resolve()


WORKER_PORTS = 20
"""A worker's health port is its service's + this (8121 for the registry's on 8101)."""
