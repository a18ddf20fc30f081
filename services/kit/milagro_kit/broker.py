"""The bus as faststream declares it: for its AsyncAPI generator and its in-memory test broker.

Every `Consumer` is declared as what it is on the bus: a durable pull subscription in
batches on its stream, filtered to the subjects of its handlers, acknowledged by the kit
(`AckPolicy.MANUAL`: ack after commit, nak with a delay, dead letter then term). Every
event of the catalogue is declared as a publisher on its subject and stream, with its
payload class as the message schema.

Messages are not moved by faststream at run time: the kit's own nats-py loops
(`ConsumerRunner.run`, `OutboxRelay`) are faster or fresher where it counts, measured in
the same runs (bench/faststream_vs_natspy.py, bench/RESULTS.md, "faststream"): a batch
subscriber holds a partial batch until its timeout (p50 ~300 ms from publish to commit on
a quiet bus, against ~3 ms), faststream's OpenTelemetry middleware starts a new trace per
batch instead of continuing the publisher's, and its JetStream publish awaits each PubAck
before the next message (59% of the relay's rate).
"""

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, cast

from faststream import AckPolicy, StreamMessage
from faststream.nats import ConsumerConfig, JStream, NatsBroker, PullSub
from faststream.nats.annotations import NatsMessage
from faststream.specification import AsyncAPI
from nats.aio.msg import Msg

from milagro_contracts import CATALOGUE
from milagro_kit.consumer import Consumer
from milagro_kit.settings import Settings

Batch = Callable[[Sequence[Msg]], Awaitable[None]]


async def _raw(message: StreamMessage[list[Msg]]) -> list[Msg]:
    """Leave the bodies as they came: faststream's default decoder would json-parse every
    message of the batch, which the kit then reads again into typed events."""
    return message.raw_message


def subscribe(broker: NatsBroker, consumer: Consumer, handle: Batch, settings: Settings) -> None:
    """Declare one consumer on a broker; each batch it receives goes to `handle`."""

    @broker.subscriber(
        config=ConsumerConfig(filter_subjects=list(consumer.durable.subjects)),
        durable=consumer.name,
        stream=JStream(consumer.stream, declare=False),  # provisioned by a deploy job
        pull_sub=PullSub(
            batch_size=settings.consumer_batch,
            timeout=settings.consumer_fetch_timeout_s,
            batch=True,
        ),
        ack_policy=AckPolicy.MANUAL,
        decoder=_raw,
        title=consumer.name,
        description=f"Durable pull consumer {consumer.name} on stream {consumer.stream}",
    )
    async def batch(message: NatsMessage) -> None:
        # A batch subscriber's message carries the fetched list (typed as one Msg).
        await handle(cast(list[Msg], message.raw_message))


def declare_publishers(broker: NatsBroker) -> None:
    """Declare every event of the catalogue, on its subject and stream, with its payload."""
    for spec in CATALOGUE.values():
        broker.publisher(
            spec.subject,
            stream=JStream(spec.stream, declare=False),
            schema=spec.payload,
            title=spec.type,
            description=(spec.payload.__doc__ or "").strip(),
        )


async def _described_only(msgs: Sequence[Msg]) -> None:
    raise RuntimeError("declared for the AsyncAPI document; the kit's ConsumerRunner consumes")


def asyncapi(consumers: Iterable[Consumer], settings: Settings | None = None) -> dict[str, Any]:
    """faststream's AsyncAPI 3.0 document of the bus: every event published, every consumer.

    The contracts' own document (`contracts/asyncapi.json`) stays the published one: it
    describes the CloudEvents envelope and headers around each payload, which faststream
    does not model. A test checks that both agree on subjects and payload schemas.
    """
    settings = settings or Settings()
    broker = NatsBroker(settings.nats_url)  # never connected: declarations only
    declare_publishers(broker)
    for consumer in consumers:
        subscribe(broker, consumer, _described_only, settings)
    document = AsyncAPI(broker, title="MILAGRO domain events", schema_version="3.0.0")
    jsonable: dict[str, Any] = document.to_specification().to_jsonable()
    return jsonable
