"""The events service on the bus as its own NATS user (`milagro_kit.permissions`): it
publishes activities' events and runs its own consumers, and nothing else."""

import asyncio
import json
import logging

import pytest
from nats.errors import TimeoutError as NatsTimeout
from nats.js.api import StreamConfig

from milagro_kit import bus as kit_bus
from milagro_kit.bus import DurableConsumer
from milagro_kit.testing.plugin import eventually

VIOLATION = "permissions violation"


async def test_its_own_flow_works_under_its_permissions(events):
    assert events.settings.nats_user == "events"
    [person] = await events.people(1)  # consumed by events-directory, acked
    activity = await events.schedule()
    assert (await events.check_in(activity["id"], person)).status_code == 200
    assert (await events.close(activity["id"])).status_code == 200
    [held] = await events.published("activity.held")  # relayed by its outbox
    assert held["data"]["activity_id"] == activity["id"]
    # An unreadable event goes to its consumer's dead-letter subject, which it may use.
    await events.bus.js.publish("milagro.registry.participant.registered", b"{not json")

    async def dead_lettered() -> bool:
        letters = await events.bus.messages("DEADLETTER")
        return any((m.headers or {}).get("Milagro-Consumer") == "events-directory" for m in letters)

    await eventually(dead_lettered)


async def test_a_forged_publish_on_another_services_subject_is_refused(events, caplog):
    caplog.set_level(logging.WARNING, logger="milagro_kit.bus")
    nc = await kit_bus.connect(events.settings, name="forger", persist=False)
    js = nc.jetstream(timeout=1)
    try:
        forged = {"type": "eu.milagro.registry.participant.registered.v1", "data": {}}
        with pytest.raises(NatsTimeout):
            await js.publish(
                "milagro.registry.participant.registered", json.dumps(forged).encode(), timeout=1
            )
        # Reading another service's consumer, administering a stream: refused as well.
        other = DurableConsumer("observatory-registry", "REGISTRY", ("milagro.registry.>",))
        await kit_bus.provision_consumer(events.bus.js, other, events.bus.settings)
        pull = await js.pull_subscribe_bind(durable=other.name, stream=other.stream)
        with pytest.raises(NatsTimeout):
            await pull.fetch(1, timeout=1)
        with pytest.raises(NatsTimeout):
            await js.add_stream(StreamConfig(name="FORGED", subjects=["forged.>"]))
        await nc.subscribe("milagro.registry.>")
        await nc.flush()
        # the server tells of a refused subscription asynchronously: wait for its word
        for _ in range(50):
            if any("subscription to" in r.getMessage().lower() for r in caplog.records):
                break
            await asyncio.sleep(0.1)
    finally:
        await nc.close()
    refused = [r.getMessage().lower() for r in caplog.records if VIOLATION in r.getMessage()]
    for subject in (
        '"milagro.registry.participant.registered"',
        '"$JS.API.CONSUMER.MSG.NEXT.REGISTRY.observatory-registry"',
        '"$JS.API.STREAM.CREATE.FORGED"',
        'Subscription to "milagro.registry.>"',
    ):
        assert any(subject.lower() in message for message in refused), (subject, refused)
    assert not await events.bus.messages("REGISTRY")  # nothing forged reached the stream
