"""A 3-node NATS cluster with R3 streams: one node killed under load, the relay publishes
and the consumer consumes on, nothing lost, nothing doubled.

Short in CI (`MILAGRO_CLUSTER_EVENTS`, default 300 events); a longer run, e.g.
`MILAGRO_CLUSTER_EVENTS=5000 uv run pytest services/kit/tests/test_cluster.py`.
"""

import asyncio
import os
import time

from nats.js.errors import BadRequestError, ServiceUnavailableError

from milagro_kit import bus as kit_bus
from milagro_kit.database import Database
from milagro_kit.outbox import record
from milagro_kit.testing.plugin import eventually, running
from milagro_platform.servers import nats_cluster

EVENTS = int(os.environ.get("MILAGRO_CLUSTER_EVENTS", "300"))
BATCH = 10


async def provisioned(js, settings) -> bool:
    """Whether the R3 streams could be made: once the cluster has elected its JetStream
    meta leader and every node has joined it."""
    try:
        await kit_bus.provision_streams(js, settings)
    except (BadRequestError, ServiceUnavailableError, TimeoutError):
        return False
    return True


async def test_one_node_killed_under_load_loses_and_doubles_nothing(
    tally, service_settings, tmp_path
):
    with nats_cluster(tmp_path / "cluster") as nodes:
        urls = ",".join(node.url for node in nodes)
        settings = await service_settings(
            tally.service,
            nats_url=urls,
            nats_user=None,
            nats_password=None,
            stream_replicas=3,
            consumer_ack_wait_s=5.0,
            relay_publish_timeout_s=2.0,
            relay_poll_interval_s=0.2,
        )
        admin = await kit_bus.connect(settings, name="cluster-admin")
        js = admin.jetstream(timeout=2)
        await eventually(lambda: provisioned(js, settings), timeout=30)
        database = Database(settings.database_url.get_secret_value())
        async with running(tally.service, settings):
            leader = (await js.stream_info("REGISTRY")).cluster.leader
            victim = next(n for n in nodes if f"milagro-{n.port}" == leader)
            killed_at = 0.0
            for round_ in range(EVENTS // BATCH):
                async with database.transaction() as session:
                    await record(session, *(tally.registered() for _ in range(BATCH)), source="/t")
                if round_ == EVENTS // BATCH // 3:
                    victim.kill()  # the stream's leader, kill -9, mid-stream
                    killed_at = time.monotonic()
                await asyncio.sleep(0.02)

            async def all_counted() -> bool:
                return (await tally.counts(database))[1] == EVENTS

            await eventually(all_counted, timeout=60)
            recovered = time.monotonic() - killed_at
            assert (await js.stream_info("REGISTRY")).cluster.leader != leader
            await eventually(lambda: kit_bus.caught_up(js, "REGISTRY", "tally"), timeout=30)
        assert await tally.counts(database) == (EVENTS, EVENTS)  # each handled once
        info = await js.stream_info("REGISTRY")
        assert info.config.num_replicas == 3
        ids = [
            (await js.get_msg("REGISTRY", seq)).headers["Nats-Msg-Id"]
            for seq in range(info.state.first_seq, info.state.last_seq + 1)
        ]
        assert len(ids) == len(set(ids)) == EVENTS  # on the stream once each
        print(f"{EVENTS} events, all in {recovered:.1f} s after the leader was killed")
        await admin.close()
        await database.close()
