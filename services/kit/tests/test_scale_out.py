"""Replicas of a service share one durable consumer and one outbox: work is split, never
duplicated, and a replica that stops mid-stream loses nothing."""

import asyncio

from milagro_kit.database import Database
from milagro_kit.outbox import record
from milagro_kit.testing.plugin import eventually, running


async def test_two_replicas_handle_each_event_once(tally, service_settings, bus):
    settings = await service_settings(tally.service, consumer_batch=20)
    database = Database(settings.database_url.get_secret_value())
    async with running(tally.service, settings), running(tally.service, settings):
        for _ in range(20):
            async with database.transaction() as session:
                await record(session, *(tally.registered() for _ in range(10)), source="/t")

        async def all_counted() -> bool:
            return (await tally.counts(database))[1] == 200

        await eventually(all_counted, timeout=30)
    assert await tally.counts(database) == (200, 200)
    assert (await bus.js.stream_info("REGISTRY")).state.messages == 200
    await database.close()


async def test_a_replica_stopping_mid_stream_loses_nothing(tally, service_settings, bus):
    settings = await service_settings(tally.service, consumer_batch=10, consumer_ack_wait_s=2.0)
    database = Database(settings.database_url.get_secret_value())
    async with running(tally.service, settings):
        doomed = running(tally.service, settings)
        await doomed.__aenter__()
        for round_ in range(30):
            async with database.transaction() as session:
                await record(session, *(tally.registered() for _ in range(10)), source="/t")
            if round_ == 10:
                await doomed.__aexit__(None, None, None)  # cancelled wherever it was
            await asyncio.sleep(0.01)

        async def all_counted() -> bool:
            return (await tally.counts(database))[1] == 300

        await eventually(all_counted, timeout=30)
    assert await tally.counts(database) == (300, 300)
    await database.close()
