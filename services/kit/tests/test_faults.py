"""Servers stopped and restarted under a live service: nothing lost, nothing twice."""

import asyncio
import dataclasses

import pytest
from fastapi import APIRouter
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from milagro_contracts import new_envelope
from milagro_kit.database import Database, unreachable
from milagro_kit.driver import Driver, DriverStatement
from milagro_kit.outbox import record
from milagro_kit.service import Session
from milagro_kit.testing.plugin import eventually, running


@pytest.fixture
def embedded(servers):
    if servers.nats is None or servers.postgres is None:
        pytest.skip("restarts need the embedded servers (MILAGRO_TEST_BACKEND unset)")
    return servers


async def register(database: Database, tally, how_many: int) -> None:
    for _ in range(how_many):
        async with database.transaction() as session:
            await record(session, tally.registered(), source="/test")


async def stream_count(bus) -> int:
    return (await bus.js.stream_info("REGISTRY")).state.messages


@pytest.mark.parametrize("stop", ["kill", "stop"])
async def test_nats_down_while_registering_then_back(embedded, tally, service_settings, bus, stop):
    """nats-server dies (kill -9, or a clean stop) under a live relay and pull consumer
    (nats.py issue 504); events committed meanwhile all arrive once it is back."""
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    async with running(tally.service, settings):
        await register(database, tally, 10)

        async def first_ten() -> bool:
            return await tally.counts(database) == (10, 10)

        await eventually(first_ten)
        getattr(embedded.nats, stop)()
        await register(database, tally, 30)
        await asyncio.sleep(1.0)  # the relay and the consumer meet a dead server
        embedded.nats.start()

        async def all_forty() -> bool:
            return await tally.counts(database) == (40, 40)

        await eventually(all_forty, timeout=30)
    assert await stream_count(bus) == 40
    await database.close()


async def test_postgres_down_under_a_live_consumer_then_back(
    embedded, tally, service_settings, bus
):
    """Events that arrive while PostgreSQL is down wait; none is dead-lettered or lost."""
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    async with running(tally.service, settings):
        await register(database, tally, 5)

        async def first_five() -> bool:
            return await tally.counts(database) == (5, 5)

        await eventually(first_five)
        embedded.postgres.kill()
        for _ in range(20):  # published straight to the bus: the outbox is down too
            envelope = new_envelope(tally.registered(), source="/test")
            await bus.js.publish(
                "milagro.registry.participant.registered",
                envelope.model_dump_json().encode(),
                headers={"Nats-Msg-Id": str(envelope.id)},
            )
        await asyncio.sleep(2.0)  # more than max_deliver quick retries would take
        embedded.postgres.start()

        async def all_twenty_five() -> bool:
            try:
                return await tally.counts(database) == (25, 25)
            except Exception:
                return False

        await eventually(all_twenty_five, timeout=30)
    info = await bus.js.stream_info("DEADLETTER")
    assert info.state.messages == 0
    await database.close()


clock = APIRouter()


@clock.get("/clock")
async def database_clock(session: Session) -> dict[str, str]:
    return {"now": str(await session.scalar(text("SELECT now()")))}


NOW = DriverStatement(select(func.now()))


@clock.get("/driver/clock")
async def driver_clock(db: Driver) -> dict[str, str]:
    return {"now": str((await db.fetch(NOW, {}))[0][0])}


@pytest.mark.parametrize("path", ["/clock", "/driver/clock"])
async def test_postgres_down_is_a_503_to_retry_and_back_is_served(
    embedded, tally, service_settings, path
):
    """Without a ping before each checkout, a request meeting a dead or stale connection
    answers 503 problem+json with Retry-After, never 500, and its retry is served: through
    a session or on asyncpg directly."""
    service = dataclasses.replace(tally.service, routers=[clock])
    settings = await service_settings(service)
    async with running(service, settings) as http:
        assert (await http.get(path)).status_code == 200  # a pooled connection
        embedded.postgres.kill()
        down = await http.get(path)
        assert down.status_code == 503, down.text
        assert down.headers["content-type"] == "application/problem+json"
        assert down.headers["retry-after"] == "1"
        embedded.postgres.start()
        first = await http.get(path)  # may meet a connection from before the restart
        assert first.status_code in (200, 503), first.text
        assert (await http.get(path)).status_code == 200


@pytest.mark.parametrize(
    ("sqlstate", "outage"),
    [
        ("57P03", True),
        ("57P01", True),
        ("08006", True),
        ("57014", False),
        ("23505", False),
        (None, False),
    ],
)
def test_a_server_starting_up_is_an_outage_not_a_bug(sqlstate, outage):
    class Raised(Exception):  # what asyncpg's dialect hands SQLAlchemy
        pass

    raised = Raised("the database system is starting up")
    raised.sqlstate = sqlstate  # type: ignore[attr-defined]
    assert unreachable(DBAPIError("INSERT ...", {}, raised)) is outage


def test_an_os_error_of_our_own_is_a_bug_not_an_outage():
    assert unreachable(ConnectionRefusedError(111, "Connect call failed"))
    assert unreachable(OSError("Multiple exceptions: [Errno 111] ..., [Errno 99] ..."))
    assert not unreachable(OSError(36, "File name too long"))  # ZoneInfo("a" * 300)
