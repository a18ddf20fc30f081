"""NATS JetStream wiring: connecting, and provisioning streams and durable consumers.

Provisioning is idempotent and done by `milagro up` or a deploy job with admin rights,
never by every service at start-up.
"""

import logging
from dataclasses import dataclass

import nats
from nats.aio.client import DEFAULT_INBOX_PREFIX
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from milagro_contracts import STREAMS, Envelope, spec_for
from milagro_kit.settings import Settings

log = logging.getLogger(__name__)


async def connect(settings: Settings, *, name: str | None = None, persist: bool = True) -> NATS:
    """A connection that reconnects for ever (services outlive nats-server restarts), to
    any of the servers of `nats_url` (a comma-separated list for a cluster: the servers
    also tell clients about every member).

    With `persist=False` it fails at once instead, for short-lived tools.
    """

    async def on_error(error: Exception) -> None:
        log.warning("nats: %s", error)

    user = settings.nats_user

    return await nats.connect(
        settings.nats_url.split(","),
        name=name or settings.service,
        user=user,
        password=settings.nats_password.get_secret_value() if settings.nats_password else None,
        # replies come to the user's own inbox, the only subjects a service may subscribe to
        inbox_prefix=inbox_prefix(user) if user else DEFAULT_INBOX_PREFIX,
        max_reconnect_attempts=-1 if persist else 0,
        reconnect_time_wait=0.5,
        connect_timeout=2,
        allow_reconnect=persist,
        error_cb=on_error,
    )


def inbox_prefix(user: str) -> str:
    """The reply subjects of a user's connections (nats-py appends `.<unique id>`)."""
    return f"_INBOX.{user}"


def stream_configs(settings: Settings) -> list[StreamConfig]:
    """The configuration of every stream of the catalogue, limits from settings."""
    return [
        StreamConfig(
            name=stream.name,
            description=stream.description,
            subjects=list(stream.subjects),
            storage=StorageType.FILE,
            max_age=settings.stream_max_age_days * 86400.0,
            max_bytes=settings.stream_max_bytes,
            duplicate_window=settings.stream_duplicate_window_s,
            num_replicas=settings.stream_replicas,
        )
        for stream in STREAMS
    ]


async def provision_streams(js: JetStreamContext, settings: Settings) -> None:
    """Create every stream, or bring an existing one to the configured limits."""
    for config in stream_configs(settings):
        try:
            await js.stream_info(config.name or "")
        except NotFoundError:
            await js.add_stream(config)
            log.info("stream %s created", config.name)
        else:
            await js.update_stream(config)


@dataclass(frozen=True)
class DurableConsumer:
    """A durable pull consumer on one stream, shared by every replica of a service."""

    name: str
    stream: str
    subjects: tuple[str, ...]


async def provision_consumer(
    js: JetStreamContext, consumer: DurableConsumer, settings: Settings
) -> None:
    """Create or update one durable pull consumer; redeliveries are bounded by max_deliver."""
    config = ConsumerConfig(
        durable_name=consumer.name,
        deliver_policy=DeliverPolicy.ALL,
        ack_policy=AckPolicy.EXPLICIT,
        ack_wait=settings.consumer_ack_wait_s,
        max_deliver=settings.consumer_max_deliver,
        max_ack_pending=max(10_000, settings.consumer_batch * 4),
        filter_subjects=list(consumer.subjects),
    )
    await js.add_consumer(consumer.stream, config)


async def publish_straight(
    js: JetStreamContext, envelope: Envelope, *, msg_id: str | None = None
) -> None:
    """Publish one event to its subject without an outbox, with the headers the relay sets
    (`Nats-Msg-Id` = event id unless `msg_id` says otherwise, to fake a redelivery).

    For events no service's outbox holds: the simulated demo activity, and tests.
    """
    await js.publish(
        spec_for(envelope.type).subject,
        envelope.model_dump_json().encode(),
        headers={"Nats-Msg-Id": msg_id or str(envelope.id), "ce-type": envelope.type},
    )


async def caught_up(js: JetStreamContext, stream: str, durable: str) -> bool:
    """Whether a durable consumer has nothing left to deliver and nothing awaiting an ack."""
    consumer = await js.consumer_info(stream, durable)
    return bool(consumer.num_pending == 0 and consumer.num_ack_pending == 0)
