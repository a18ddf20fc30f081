"""This machine's platform: where `milagro up` keeps its servers, data and signing key."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from milagro_kit.auth.mint import TokenMint
from milagro_kit.permissions import PROVISIONER
from milagro_kit.settings import Settings
from milagro_platform import busauth
from milagro_platform.devkeys import PRIVATE_KEY_FILE, dev_environment, dev_mint, ensure_dev_key
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres
from milagro_platform.home import HOME, STATUS_FILE, WORKER_PORTS
from milagro_platform.mailcatcher import MailCatcher
from milagro_platform.services import discover, service_ports
from milagro_platform.stack import Stack


class LocalSettings(BaseSettings):
    """Where `milagro up` keeps its servers and data on this machine."""

    model_config = SettingsConfigDict(env_prefix="MILAGRO_", env_file=".env", extra="ignore")

    home: str = HOME
    postgres_port: int = 55432
    nats_port: int = 42220
    mail_port: int = Field(42225, description="the local mail catcher's SMTP port")
    port_base: int = Field(8100, description="each service on base + its port_offset")

    @property
    def folder(self) -> Path:
        return Path(self.home).resolve()


@dataclass
class Local:
    """The embedded servers, the services and the development key of `milagro up`."""

    settings: LocalSettings = field(default_factory=LocalSettings)

    @property
    def home(self) -> Path:
        return self.settings.folder

    @property
    def postgres(self) -> EmbeddedPostgres:
        return EmbeddedPostgres(self.home / "postgres", self.settings.postgres_port)

    def nats_passwords(self) -> dict[str, str]:
        """The NATS users' passwords (made on the first run, kept in the home folder)."""
        return busauth.passwords(self.home / "keys", list(busauth.users(discover())))

    @property
    def nats(self) -> EmbeddedNats:
        """nats-server with one user per service and the provisioning user."""
        users = busauth.users(discover())
        authorization = busauth.authorization(users, self.nats_passwords())
        port = self.settings.nats_port
        return EmbeddedNats(self.home / "nats", port, authorization=authorization)

    def bus_settings(self) -> Settings:
        """Settings to reach the bus as the provisioning user (`milagro status`)."""
        password = self.nats_passwords()[PROVISIONER]
        return Settings(nats_url=self.nats.url, nats_user=PROVISIONER, nats_password=password)

    @property
    def mail(self) -> MailCatcher:
        return MailCatcher(self.home / "mail", self.settings.mail_port)

    def mint(self) -> TokenMint:
        """Signs with this machine's development key, for the issuer services expect."""
        auth = Settings()
        return dev_mint(self.home, auth.auth_issuer, auth.auth_audience)

    def command_credentials(self) -> dict[str, str]:
        """What a service's command gets to call its own API: an admin token, and the
        development key, with which a demo acts as the coaches and newcomers it animates."""
        token = self.mint().token(roles=["admin"], subject="milagro-run", ttl_s=8 * 3600)
        key = ensure_dev_key(self.home) / PRIVATE_KEY_FILE
        return {"MILAGRO_ADMIN_TOKEN": token, "MILAGRO_DEMO_SIGNING_KEY_FILE": str(key)}

    def notifier_environment(self, ports: dict[str, int]) -> dict[str, str]:
        """The notifier writes to the mail catcher (listed at its /dev/mail), looks
        contacts up in the registry with a service token of the development key, and
        delivers webhooks to receivers on this machine."""
        token = self.mint().token(service="notifier", subject="notifier", ttl_s=30 * 86400)
        return {
            "MILAGRO_SMTP_URL": self.mail.url,
            "MILAGRO_DEV_MAIL_DIR": str(self.mail.folder),
            "MILAGRO_REGISTRY_URL": f"http://127.0.0.1:{ports.get('registry', 0)}",
            "MILAGRO_SERVICE_TOKEN": token,
            "MILAGRO_WEBHOOK_ALLOW_INTERNAL_URLS": "true",
        }

    @property
    def status_file(self) -> Path:
        """Where the supervisor of `milagro up` keeps the state of every process."""
        return self.home / STATUS_FILE

    def stack(
        self,
        servers: dict[str, EmbeddedPostgres | EmbeddedNats] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> Stack:
        """Every installed service, on its port, trusting the development key; `servers`
        are supervised with the services, `say` prints their restarts."""
        auth = Settings()
        ports = service_ports(self.settings.port_base)
        return Stack(
            self.home,
            self.postgres.url,
            self.nats.url,
            ports,
            environment=dev_environment(self.home, auth.auth_issuer, auth.auth_audience),
            environments={"notifier": self.notifier_environment(ports)},
            nats_users=self.nats_passwords(),
            worker_ports=service_ports(self.settings.port_base + WORKER_PORTS),
            servers=servers or {},
            say=say,
        )
