"""The outbox and its relay against real PostgreSQL and nats-server."""

import asyncio
import contextlib
import json

from sqlalchemy import text

from milagro_kit.database import Database
from milagro_kit.outbox import record
from milagro_kit.relay import OutboxRelay
from milagro_kit.testing.plugin import eventually


async def listening(database: Database) -> bool:
    """Whether a connection to the database waits on the outbox's NOTIFY channel."""
    async with database.transaction() as session:
        query = (
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND query LIKE 'LISTEN %'"
        )
        return bool((await session.execute(text(query))).scalar())


async def test_committed_events_leave_in_commit_order_with_their_id(tally, service_settings, bus):
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    payloads = [tally.registered() for _ in range(25)]
    async with database.transaction() as session:
        envelopes = await record(session, *payloads[:10], source="/test")
    async with database.transaction() as session:
        envelopes += await record(session, *payloads[10:], source="/test")

    assert await OutboxRelay(database, bus.js, settings).relay_once() == 25

    messages = await bus.messages("REGISTRY")
    assert [m.headers["Nats-Msg-Id"] for m in messages] == [str(e.id) for e in envelopes]
    assert [json.loads(m.data)["id"] for m in messages] == [str(e.id) for e in envelopes]
    assert all(m.subject == "milagro.registry.participant.registered" for m in messages)
    async with database.transaction() as session:
        unsent = await session.scalar(
            text("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        )
    assert unsent == 0
    await database.close()


async def test_rolled_back_events_never_leave(tally, service_settings, bus):
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    try:
        async with database.transaction() as session:
            await record(session, tally.registered(), source="/test")
            raise RuntimeError("the business change failed")
    except RuntimeError:
        pass
    assert await OutboxRelay(database, bus.js, settings).relay_once() == 0
    assert await bus.messages("REGISTRY") == []
    await database.close()


async def test_republishing_after_a_lost_mark_is_deduplicated(tally, service_settings, bus):
    """A relay that crashed between PubAck and marking sent publishes again: JetStream's
    duplicate window (Nats-Msg-Id = event id) keeps one copy."""
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    async with database.transaction() as session:
        await record(session, *(tally.registered() for _ in range(5)), source="/test")
    relay = OutboxRelay(database, bus.js, settings)
    assert await relay.relay_once() == 5
    async with database.transaction() as session:
        await session.execute(text("UPDATE outbox SET published_at = NULL"))
    assert await relay.relay_once() == 5
    assert len(await bus.messages("REGISTRY")) == 5
    await database.close()


async def test_concurrent_relays_publish_each_event_once_in_order(tally, service_settings, bus):
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    async with database.transaction() as session:
        envelopes = await record(session, *(tally.registered() for _ in range(300)), source="/test")
    relays = [
        OutboxRelay(database, bus.js, settings.model_copy(update={"relay_batch": 20}))
        for _ in range(3)
    ]

    async def drain(relay: OutboxRelay) -> None:
        for _ in range(100):
            await relay.relay_once()
            await asyncio.sleep(0)

    await asyncio.gather(*(drain(r) for r in relays))
    messages = await bus.messages("REGISTRY")
    assert [m.headers["Nats-Msg-Id"] for m in messages] == [str(e.id) for e in envelopes]
    await database.close()


async def test_the_relay_wakes_on_notify_without_waiting_for_the_poll(tally, service_settings, bus):
    settings = await service_settings(tally.service, relay_poll_interval_s=30.0)
    database = Database(settings.database_url.get_secret_value())
    relay = asyncio.create_task(OutboxRelay(database, bus.js, settings).run())
    await eventually(lambda: listening(database))
    async with database.transaction() as session:
        await record(session, tally.registered(), source="/test")
    with contextlib.suppress(AssertionError):  # the assertion below says what went wrong
        await eventually(lambda: bus.messages("REGISTRY"), timeout=2)
    relay.cancel()
    assert len(await bus.messages("REGISTRY")) == 1, "the NOTIFY did not wake the relay"
    await database.close()
