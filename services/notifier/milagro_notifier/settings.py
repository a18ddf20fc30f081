"""The notifier's own settings, beside the kit's (every one is MILAGRO_<FIELD>)."""

from datetime import time
from pathlib import Path

from pydantic import Field, SecretStr

from milagro_notifier.webhooks.settings import WebhookSettings


class NotifierSettings(WebhookSettings):
    """E-mail's settings here; the webhooks' in their own module."""

    registry_url: str = Field("http://127.0.0.1:8101", description="Where contacts are looked up")
    service_token: SecretStr | None = Field(
        None, description="The notifier's bearer token for the registry (minted by `milagro up`)"
    )
    service_token_file: str | None = Field(
        None, description="A file holding that token (compose's provision job writes one)"
    )
    smtp_url: str = Field(
        "smtp://127.0.0.1:1025", description="smtp://user:pass@host:port?starttls=true"
    )
    smtp_fallback_url: str | None = Field(None, description="Tried when the first relay fails")
    smtp_timeout_s: float = 10.0
    smtp_connections: int = Field(
        4, ge=1, description="Connections per relay the e-mails share, open while there is work"
    )
    mail_from: str = "MILAGRO <noreply@milagro.local>"
    unsubscribe_secret: SecretStr = Field(
        SecretStr("milagro-development-unsubscribe"), description="Signs unsubscribe links"
    )
    quiet_from: time = time(22, 0)
    quiet_until: time = time(7, 0)
    dispatch_batch: int = Field(100, ge=1, le=500, description="The registry looks up 500 at most")
    dispatch_lanes: int = Field(
        2, ge=1, le=8, description="Batches sent at once, each claiming its own due e-mails"
    )
    dispatch_poll_s: float = 5.0
    send_max_attempts: int = 8
    retry_base_s: float = 30.0
    retry_max_s: float = 6 * 3600.0
    dev_mail_dir: str | None = Field(
        None, description="A Maildir of caught mail listed at /dev/mail (development only)"
    )

    def registry_token(self) -> str | None:
        """The bearer token for the registry: given, or read from its file."""
        if self.service_token is not None:
            return self.service_token.get_secret_value()
        if self.service_token_file:
            return Path(self.service_token_file).read_text().strip()
        return None
