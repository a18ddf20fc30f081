"""Settings from the environment (12-factor): every variable is MILAGRO_<FIELD>."""

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """What a service process needs to know, with development defaults.

    `milagro up` sets the per-process values (service name, port, database URL); in
    production they come from the deployment's environment.
    """

    model_config = SettingsConfigDict(env_prefix="MILAGRO_", env_file=".env", extra="ignore")

    service: str = "milagro"
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = Field(None, description="Base URL others use to reach the service")

    database_url: SecretStr = SecretStr("postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    database_pool_size: int = 10
    nats_url: str = "nats://127.0.0.1:4222"
    nats_user: str | None = None
    nats_password: SecretStr | None = None

    # Streams (provisioned by `milagro up` or a deploy job, never by services at start-up)
    stream_max_age_days: int = 3650
    # JetStream reserves each stream's limit on disk when it is created, and refuses the
    # stream when the reservations pass 75% of the free disk: five streams of 10 GiB made
    # `milagro up` fail on a machine with 52 GB free. A programme's ten years of events
    # fit in far less than 1 GiB a stream.
    stream_max_bytes: int = 1024**3
    stream_duplicate_window_s: float = 600.0
    stream_replicas: int = 1

    separate_worker: bool = Field(
        False,
        description="`serve` runs only the API; the relay, the consumers and the background "
        "tasks run in `work`, a process of their own",
    )

    # Outbox relay
    relay_batch: int = 500
    relay_poll_interval_s: float = 1.0
    relay_publish_timeout_s: float = 5.0

    # Consumers
    consumer_batch: int = 500
    consumer_fetch_timeout_s: float = 0.5
    consumer_max_deliver: int = 5
    consumer_ack_wait_s: float = 30.0
    consumer_nak_delay_s: float = 1.0

    # HTTP
    max_body_bytes: int = 1024 * 1024

    # Access: bearer JWTs, verified against a JWKS URL (production) or a public key (development)
    auth_issuer: str = "milagro-local"
    auth_audience: str = "milagro"
    auth_jwks_url: str | None = Field(None, description="The identity provider's JWKS URL")
    auth_public_key: str | None = Field(None, description="A PEM public key (development)")
    auth_public_key_file: str | None = Field(None, description="A file holding a PEM public key")
    auth_algorithms: list[str] = Field(default_factory=lambda: ["EdDSA", "RS256", "ES256"])
    auth_leeway_s: float = 10.0
    auth_jwks_cache_s: int = 300

    # Telemetry
    log_level: str = "INFO"
    log_json: bool = True
    otlp_endpoint: str | None = Field(None, description="OTLP/HTTP traces endpoint, e.g. :4318")
    trace_sample_ratio: float = Field(
        1.0,
        ge=0.0,
        le=1.0,
        description="Share of new traces recorded; a request, event or job that arrives with "
        "a trace context follows its parent's decision",
    )


@lru_cache
def settings() -> Settings:
    """The process's settings, read once."""
    return Settings()
