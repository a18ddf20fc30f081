"""Pruning the kit's tables keeps exactly-once: a replay or a redelivery after pruning
still counts once (`milagro_kit.retention`)."""

import re

from opentelemetry import metrics
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import MeterProvider
from sqlalchemy import text

from milagro_kit import bus as kit_bus
from milagro_kit import retention
from milagro_kit.consumer import ConsumerRunner
from milagro_kit.database import Database
from milagro_kit.outbox import record
from milagro_kit.testing.plugin import eventually, outbox_drained, running

KEEP_NOTHING = {"outbox_keep_days": 1e-9, "processed_keep_days": 1e-9}


async def rows(database: Database, table: str) -> int:
    async with database.transaction() as session:
        return int(await session.scalar(text(f"SELECT count(*) FROM {table}")) or 0)


async def replay(bus, settings, durable) -> None:
    """The durable consumer deleted and made again: JetStream delivers the stream anew."""
    await bus.js.delete_consumer(durable.stream, durable.name)
    await kit_bus.provision_consumer(bus.js, durable, settings)
    await eventually(lambda: bus.drained(durable.stream, durable.name), timeout=20)


async def test_a_replay_after_pruning_counts_once(tally, service_settings, bus):
    if not isinstance(metrics.get_meter_provider(), MeterProvider):  # as under `serve`
        metrics.set_meter_provider(MeterProvider(metric_readers=[PrometheusMetricReader()]))
    settings = await service_settings(tally.service, **KEEP_NOTHING)
    durable = tally.service.consumers[0].durable
    database = Database(settings.database_url.get_secret_value())
    async with running(tally.service, settings) as client:
        async with database.transaction() as session:
            await record(session, *(tally.registered() for _ in range(20)), source="/test")
        await eventually(lambda: outbox_drained(settings))
        await eventually(lambda: bus.drained("REGISTRY", "tally"))
        assert await tally.counts(database) == (20, 20)

        pruned = await retention.prune(database, bus.js, [durable], settings)
        assert (pruned.outbox, pruned.processed) == (20, 20)
        assert await rows(database, "outbox") == await rows(database, "processed_events") == 0
        assert set(pruned.sizes) == {"outbox", "processed_events"}
        scraped = (await client.get("/metrics")).text
        sizes = re.findall(r"milagro_kit_table_rows\{([^}]*)\} (\S+)", scraped)
        assert any(
            'table="processed_events"' in labels and value == "0.0" for labels, value in sizes
        )

        await replay(bus, settings, durable)
        assert await tally.counts(database) == (20, 20)  # the checkpoint covered them
        async with database.transaction() as session:  # and a new event still counts
            await record(session, tally.registered(), source="/test")
        await eventually(lambda: outbox_drained(settings))
        await eventually(lambda: bus.drained("REGISTRY", "tally"))
        assert await tally.counts(database) == (21, 21)

        # Without its checkpoint the same replay would count the pruned events again.
        assert (await retention.prune(database, bus.js, [durable], settings)).processed == 21
        async with database.transaction() as session:
            await session.execute(text("DELETE FROM consumer_checkpoints"))
        await replay(bus, settings, durable)
        assert await tally.counts(database) == (42, 21)
    await database.close()


async def test_a_redelivery_after_pruning_counts_once(tally, service_settings, bus):
    """An event handled but not acknowledged (the ack lost): pruning takes no checkpoint
    while it awaits its ack, so its record stays and its redelivery is a duplicate."""
    settings = await service_settings(tally.service, consumer_ack_wait_s=1.0, **KEEP_NOTHING)
    durable = tally.service.consumers[0].durable
    await kit_bus.provision_consumer(bus.js, durable, settings)
    database = Database(settings.database_url.get_secret_value())
    runner = ConsumerRunner(tally.service.consumers[0], database, bus.js, settings)
    await bus.publish(tally.registered())
    pull = await bus.js.pull_subscribe_bind(durable=durable.name, stream=durable.stream)
    [msg] = await pull.fetch(1, timeout=5)

    async def lost() -> None:
        return None

    msg.ack = lost  # type: ignore[method-assign]
    await runner.handle([msg])
    pruned = await retention.prune(database, bus.js, [durable], settings)
    assert pruned.processed == 0 and await rows(database, "processed_events") == 1

    [again] = await pull.fetch(1, timeout=5)  # redelivered after ack_wait
    assert again.metadata.num_delivered == 2
    await runner.handle([again])
    assert await tally.counts(database) == (1, 1)
    await database.close()
