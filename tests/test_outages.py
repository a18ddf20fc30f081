"""PostgreSQL killed (SIGKILL) under a load of registrations: every service answers 503
problem+json with Retry-After while it is down, never a 500, keeps its keep-alive
connections, logs the outage once, and serves again on the same connections once it is
back (issue 19)."""

import asyncio
import contextlib
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import httpx
import pytest

from milagro_kit.testing.auth import bearer

WRITERS = 3
"""Keep-alive connections registering participants."""
READS = {
    "events": "/v1/activities",
    "coaching": "/v1/academies",
    "observatory": "/v1/releases",
    "notifier": "/v1/webhooks/subscriptions",
}
"""A read of its database per other service, each on a keep-alive connection of its own."""


@pytest.fixture
def embedded(servers):
    if servers.postgres is None:
        pytest.skip("killing PostgreSQL needs the embedded servers (MILAGRO_TEST_BACKEND unset)")
    return servers


@dataclass
class Connection:
    """One keep-alive connection's answers, and every local address it was seen on."""

    statuses: Counter[int] = field(default_factory=Counter)
    refusals: list[httpx.Response] = field(default_factory=list)
    addresses: set[tuple[str, int]] = field(default_factory=set)
    served_after_restart: bool = False

    async def send(self, client: httpx.AsyncClient, restarted: asyncio.Event, request):
        response = await client.send(request())
        stream = response.extensions["network_stream"]
        self.addresses.add(stream.get_extra_info("client_addr"))
        self.statuses[response.status_code] += 1
        if response.status_code == 503:
            self.refusals.append(response)
        elif response.is_success and restarted.is_set():
            self.served_after_restart = True


def person(partner: str) -> dict:
    return {
        "partner": partner,
        "given_name": "Amina",
        "family_name": f"Outage {uuid.uuid4().hex[:8]}",
        "group": "migrant",
        "confirm_new_person": True,
    }


def one_line(log: str, needle: str) -> int:
    return sum(needle in line for line in log.splitlines())


@pytest.mark.timeout(300)
async def test_postgres_killed_under_load_is_503_on_the_same_connections(
    embedded, start_platform, mint, tmp_path
):
    admin = bearer(mint.token(roles=["admin"], subject="admin@consortium"))
    partner = bearer(mint.token(partner="IT-SIENA", roles=["coordinator"]))
    async with start_platform(tmp_path) as stack:
        url = {name: service.url for name, service in stack.services.items()}
        async with httpx.AsyncClient(base_url=url["registry"]) as client:
            body = {"code": "IT-SIENA", "name": "Siena", "country": "IT", "city": "Siena"}
            created = await client.post("/v1/partners", json=body, headers=admin)
            assert created.status_code == 201, created.text

        restarted, done = asyncio.Event(), asyncio.Event()
        writers = [Connection() for _ in range(WRITERS)]
        readers = {name: Connection() for name in READS}

        async def keep_sending(connection: Connection, service: str, path: str) -> None:
            limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
            async with httpx.AsyncClient(base_url=url[service], limits=limits) as client:

                def request() -> httpx.Request:
                    if service == "registry":  # a new person each time
                        body = person("IT-SIENA")
                        return client.build_request("POST", path, json=body, headers=partner)
                    return client.build_request("GET", path, headers=admin)

                while not done.is_set():
                    await connection.send(client, restarted, request)
                    if connection.refusals and not restarted.is_set():
                        await asyncio.sleep(0.05)  # a client retrying, not hammering

        load = [
            asyncio.create_task(keep_sending(w, "registry", "/v1/participants")) for w in writers
        ]
        load += [
            asyncio.create_task(keep_sending(readers[name], name, path))
            for name, path in READS.items()
        ]
        try:
            everyone = [*writers, *readers.values()]
            while not all(sum(c.statuses.values()) >= 5 for c in everyone):  # under load
                await asyncio.sleep(0.1)
            embedded.postgres.kill()
            killed = time.monotonic()
            await asyncio.sleep(3)
            await asyncio.to_thread(embedded.postgres.start)
            restarted.set()
            back = time.monotonic()
            deadline = back + 60
            while not all(c.served_after_restart for c in everyone):
                assert time.monotonic() < deadline, "not served again within 60 s"
                await asyncio.sleep(0.1)
            again = time.monotonic() - back
            print(f"down {back - killed:.1f} s, all served again {again:.1f} s later")
        finally:
            done.set()
            for task in load:
                with contextlib.suppress(asyncio.CancelledError):
                    await task  # a dropped connection or a transport error fails here
        logs = {name: service.log.read_text() for name, service in stack.services.items()}

    for name, connection in [("registry", w) for w in writers] + list(readers.items()):
        print(name, dict(connection.statuses))
        assert set(connection.statuses) <= {200, 201, 503}, (name, connection.statuses)
        assert connection.statuses[503], (name, "never refused: the outage went unseen")
        assert len(connection.addresses) == 1, (name, "reconnected", connection.addresses)
        for refusal in connection.refusals:
            assert refusal.headers["content-type"] == "application/problem+json"
            assert int(refusal.headers["retry-after"]) >= 1
            assert refusal.json()["status"] == 503
    for name in ["registry", *READS]:
        assert one_line(logs[name], "answering 503 until it is back") == 1, logs[name][-3000:]
