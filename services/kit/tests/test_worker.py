"""A service as an API process and a worker: the API answers and records, the worker
publishes and consumes; each runs only its own tasks."""

import asyncio
import dataclasses

from fastapi import FastAPI

from milagro_kit.database import Database
from milagro_kit.outbox import record
from milagro_kit.service import Role
from milagro_kit.testing.plugin import eventually, outbox_drained, running


async def test_the_api_leaves_background_work_to_the_worker(tally, service_settings, bus):
    ran: list[tuple[str, str]] = []

    async def background(app: FastAPI) -> None:
        ran.append(("background", app.title))

    async def cache(app: FastAPI) -> None:
        ran.append(("request", app.title))

    service = dataclasses.replace(tally.service, tasks=[background], request_tasks=[cache])
    settings = await service_settings(service, relay_poll_interval_s=0.1)
    database = Database(settings.database_url.get_secret_value())
    async with running(service, settings, Role.api) as api:
        assert (await api.get("/readyz")).status_code == 200
        async with database.transaction() as session:
            await record(session, *(tally.registered() for _ in range(10)), source="/t")
        await asyncio.sleep(1)  # ten relay polls, had the API a relay
        assert not await outbox_drained(settings)
        assert await tally.counts(database) == (0, 0)
        async with running(service, settings, Role.worker) as worker:
            assert (await worker.get("/readyz")).status_code == 200
            assert (await worker.get("/metrics")).status_code == 200
            assert (await worker.get("/openapi.json")).json()["paths"].keys() <= {
                "/healthz",
                "/readyz",
            }

            async def all_counted() -> bool:
                return (await tally.counts(database))[1] == 10

            await eventually(all_counted, timeout=30)
            assert await outbox_drained(settings)
    assert sorted(ran) == [("background", "Tally: worker"), ("request", "Tally")]
    await database.close()


async def test_one_process_does_it_all(tally, service_settings, bus):
    ran: list[str] = []

    async def background(app: FastAPI) -> None:
        ran.append("background")

    async def cache(app: FastAPI) -> None:
        ran.append("request")

    service = dataclasses.replace(tally.service, tasks=[background], request_tasks=[cache])
    settings = await service_settings(service)
    database = Database(settings.database_url.get_secret_value())
    async with running(service, settings):
        async with database.transaction() as session:
            await record(session, tally.registered(), source="/t")

        async def counted() -> bool:
            return (await tally.counts(database))[1] == 1

        await eventually(counted, timeout=30)
    assert sorted(ran) == ["background", "request"]
    await database.close()
