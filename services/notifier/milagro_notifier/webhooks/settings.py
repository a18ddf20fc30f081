"""The notifier's settings for webhooks (MILAGRO_WEBHOOK_*)."""

from datetime import timedelta

from pydantic import Field

from milagro_kit.settings import Settings

DAY = 86400.0

# After the first attempt, wait this long (plus up to `webhook_jitter` more) before each
# retry: 11 attempts over 3.4 days (more than the common one day of about eight tries), so
# a receiver down over a long weekend still gets everything.
RETRY_SCHEDULE_S = [5, 300, 1800, 7200, 18000, 36000, 36000, 50400, 72000, 72000]


class WebhookSettings(Settings):
    webhook_retry_schedule_s: list[float] = Field(
        default_factory=lambda: [float(s) for s in RETRY_SCHEDULE_S],
        description="Seconds before each retry; when they are spent the delivery is dead",
    )
    webhook_jitter: float = Field(
        0.2, ge=0, description="Each wait is lengthened by up to this share, at random"
    )
    webhook_timeout_s: float = 10.0
    webhook_allow_internal_urls: bool = Field(
        False,
        description="Deliver to loopback, private and link-local addresses too "
        "(development and tests: refused otherwise, against SSRF)",
    )
    webhook_batch: int = Field(200, description="Deliveries sent at once by the dispatcher")
    webhook_lease_s: float = Field(
        60.0, description="A claimed delivery whose sender died is retried after this"
    )
    webhook_poll_s: float = 1.0
    webhook_disable_after_s: float = Field(
        5 * DAY, description="An endpoint whose every attempt failed this long is disabled"
    )
    webhook_secret_grace_s: float = Field(
        DAY, description="How long a rotated-out secret still signs deliveries"
    )

    @property
    def webhook_grace(self) -> timedelta:
        return timedelta(seconds=self.webhook_secret_grace_s)
