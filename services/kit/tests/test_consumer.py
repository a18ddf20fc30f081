"""Idempotent consumers and dead letters against real PostgreSQL and nats-server."""

import asyncio
import json
import uuid

import pytest

from milagro_contracts import new_envelope
from milagro_kit.database import Database
from milagro_kit.testing.plugin import eventually, running

SUBJECT = "milagro.registry.participant.registered"
TYPE = "eu.milagro.registry.participant.registered.v1"


async def publish(bus, body: bytes, msg_id: str | None = None) -> None:
    await bus.js.publish(SUBJECT, body, headers={"Nats-Msg-Id": msg_id or str(uuid.uuid4())})


def envelope_bytes(payload) -> bytes:
    return new_envelope(payload, source="/test").model_dump_json().encode()


async def dead_letters(bus) -> list:
    info = await bus.js.stream_info("DEADLETTER")
    return (
        [
            await bus.js.get_msg("DEADLETTER", seq)
            for seq in range(info.state.first_seq, info.state.last_seq + 1)
        ]
        if info.state.messages
        else []
    )


@pytest.fixture
async def consuming(tally, service_settings):
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    async with running(tally.service, settings):
        yield database
    await database.close()


async def test_the_same_event_delivered_twice_counts_once(tally, consuming, bus):
    body = envelope_bytes(tally.registered())
    await publish(bus, body)
    await publish(bus, body)  # another message id: JetStream keeps both, the consumer must not
    other = envelope_bytes(tally.registered())
    await publish(bus, other)

    await eventually(lambda: bus.drained("REGISTRY", "tally"))
    assert await tally.counts(consuming) == (2, 2)


async def test_copies_inside_one_batch_count_once(tally, service_settings, bus):
    """Copies fetched together: the processed-event claim must not let both through."""
    bodies = [envelope_bytes(tally.registered()) for _ in range(3)]
    for body in [*bodies, *bodies, bodies[0]]:
        await publish(bus, body)  # before the consumer runs: one fetch takes them all
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    async with running(tally.service, settings):
        await eventually(lambda: bus.drained("REGISTRY", "tally"))
    assert await tally.counts(database) == (3, 3)
    await database.close()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\x00 not json", "not a CloudEvents envelope"),
        (
            json.dumps({"specversion": "1.0", "id": str(uuid.uuid4())}).encode(),
            "not a CloudEvents envelope",
        ),
        (None, "unknown event type"),
        (b"bad-payload", "invalid eu.milagro.registry.participant.registered.v1 payload"),
    ],
    ids=["garbage", "no-type", "unknown-version", "invalid-payload"],
)
async def test_an_unreadable_event_is_dead_lettered_and_the_next_counted(
    tally, consuming, bus, body, reason
):
    if body is None:  # a major version this consumer does not know
        envelope = json.loads(envelope_bytes(tally.registered()))
        body = json.dumps(envelope | {"type": TYPE.replace(".v1", ".v9")}).encode()
    elif body == b"bad-payload":
        envelope = json.loads(envelope_bytes(tally.registered()))
        envelope["data"]["attributes"]["group"] = "martians"
        body = json.dumps(envelope).encode()
    await publish(bus, body)
    await publish(bus, envelope_bytes(tally.registered()))

    async def counted() -> bool:
        return await tally.counts(consuming) == (1, 1)

    await eventually(counted)
    letters = await dead_letters(bus)
    assert len(letters) == 1
    assert letters[0].subject == "milagro.deadletter.tally"
    assert letters[0].data == body
    assert reason in letters[0].headers["Milagro-Dead-Letter-Reason"]
    assert letters[0].headers["Milagro-Original-Subject"] == SUBJECT


async def test_a_poison_event_is_retried_then_dead_lettered_and_others_go_on(tally, consuming, bus):
    before = [envelope_bytes(tally.registered()) for _ in range(3)]
    poison = envelope_bytes(tally.registered(partner=tally.poison_partner))
    after = [envelope_bytes(tally.registered()) for _ in range(3)]
    for body in [*before, poison, *after]:
        await publish(bus, body)

    async def settled() -> bool:
        return len(await dead_letters(bus)) == 1 and await tally.counts(consuming) == (6, 6)

    await eventually(settled, timeout=20)
    letter = (await dead_letters(bus))[0]
    assert letter.data == poison
    assert "failed 3 times" in letter.headers["Milagro-Dead-Letter-Reason"]
    assert "the tally cannot count poison" in letter.headers["Milagro-Dead-Letter-Reason"]
    await asyncio.sleep(0.5)  # nothing more arrives: the poison was let go
    assert await bus.drained("REGISTRY", "tally")
    assert len(await dead_letters(bus)) == 1


async def test_the_per_batch_hook_runs_once_per_transaction_with_the_new_events(
    tally, service_settings, bus
):
    bodies = [envelope_bytes(tally.registered()) for _ in range(3)]
    for body in [*bodies, bodies[0]]:
        await publish(bus, body)  # before the consumer runs: one fetch takes them all
    calls: list[list[str]] = []

    async def hook(session, events) -> None:
        assert session.in_transaction()  # the same transaction as the handlers' effect
        calls.append([str(e.envelope.id) for e in events])

    consumer = next(c for c in tally.service.consumers if c.name == "tally")
    consumer.after_batch(hook)
    try:
        settings = await service_settings(tally.service)
        async with running(tally.service, settings):
            await eventually(lambda: bus.drained("REGISTRY", "tally"))
    finally:
        consumer.after.remove(hook)
    assert len(calls) == 1 and len(calls[0]) == 3  # once, and the copy is not new
