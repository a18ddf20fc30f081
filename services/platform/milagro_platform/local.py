"""This machine's platform: where `milagro up` keeps its servers, data and signing key."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from milagro_kit.auth.mint import TokenMint
from milagro_kit.settings import Settings
from milagro_platform.devkeys import PRIVATE_KEY_FILE, dev_environment, dev_mint, ensure_dev_key
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres
from milagro_platform.home import STATUS_FILE, WORKER_PORTS, LocalSettings
from milagro_platform.mailcatcher import MailCatcher
from milagro_platform.services import service_ports
from milagro_platform.stack import Stack


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

    @property
    def nats(self) -> EmbeddedNats:
        return EmbeddedNats(self.home / "nats", self.settings.nats_port)

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
        """The notifier writes to the mail catcher (listed at its /dev/mail) and looks
        contacts up in the registry with a service token of the development key."""
        token = self.mint().token(service="notifier", subject="notifier", ttl_s=30 * 86400)
        return {
            "MILAGRO_SMTP_URL": self.mail.url,
            "MILAGRO_DEV_MAIL_DIR": str(self.mail.folder),
            "MILAGRO_REGISTRY_URL": f"http://127.0.0.1:{ports.get('registry', 0)}",
            "MILAGRO_SERVICE_TOKEN": token,
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
            worker_ports=service_ports(self.settings.port_base + WORKER_PORTS),
            servers=servers or {},
            say=say,
        )
