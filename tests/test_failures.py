"""The failure suite (quality.md, "Reliability"): `milagro up` under a mixed load of
registrations, check-ins and coaching sessions sent over HTTP, while its processes are
killed with SIGKILL one at a time: a service's API, the process with its relay, a
consumer, nats-server and PostgreSQL. The stack must recover by itself (its supervisor
restarts what died); afterwards every acknowledged request is in its owning service
exactly once, every event is on its stream once, and every observatory figure equals the
ground truth computed from the owning services' APIs. The recovery time after each kill
is printed.

CI runs a short version (a few seconds of load around each kill); the full one is
`MILAGRO_FAILURE_SECONDS=60 uv run pytest tests/test_failures.py -s` (README, "Failures").

The load behaves like a careful front-end: a 503 or a refused connection was not done,
so it is sent again; an answer lost after the request left may or may not have been done,
so a check-in or a "held" (both idempotent) is sent again and a registration or a booking
is counted as unknown: it may be in its service once, never twice.
"""

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import nats
import psutil
import pytest

from milagro_kit import bus
from milagro_kit.testing.auth import bearer
from milagro_kit.testing.bodies import always_available, consents
from milagro_platform.embedded import free_port, port_is_open
from milagro_platform.home import WORKER_PORTS
from milagro_platform.local import Local, LocalSettings
from milagro_platform.services import service_ports

SECONDS = float(os.environ.get("MILAGRO_FAILURE_SECONDS", "4"))
"""Seconds of load before each kill, and after the last one."""
# MILAGRO_FAILURE_VICTIMS="postgres nats" kills only those (roles as `Platform.pids` names
# them); "none" kills nothing, which shows the checks hold without failures.
PARTNER = "IT-SIENA"
ALWAYS = always_available("Europe/Rome")
CONSENTS = consents()
ROSTER = {"coach": "coaches", "newcomer": "newcomers"}
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def health_ports(base: int) -> dict[str, int]:
    """Where `milagro up` serves each service's API, and each worker's health."""
    workers = service_ports(base + WORKER_PORTS)
    return service_ports(base) | {f"{name}-work": port for name, port in workers.items()}


def port_base() -> int:
    """A base with a free port for every service and worker (base + each one's offset)."""
    while True:
        base = free_port() // 10 * 10 % 50000 + 10000
        if not any(port_is_open(p) for p in health_ports(base).values()):
            return base


@dataclass
class Platform:
    """`milagro up` as a child process, and what a front-end needs to call it."""

    process: subprocess.Popen[bytes]
    local: Local

    @property
    def urls(self) -> dict[str, str]:
        """Each service's API."""
        return {name: f"http://127.0.0.1:{port}" for name, port in self.ports.items()}

    @property
    def ports(self) -> dict[str, int]:
        return service_ports(self.local.settings.port_base)

    def pids(self) -> dict[str, int]:
        """Every process of the stack by role: a service's API (`registry`), its worker
        (`registry-work`) if it has one, `nats` and `postgres` (the postmaster)."""
        found = {}
        for child in psutil.Process(self.process.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                line = child.cmdline()  # empty for a dead child not yet reaped
                if not line:
                    continue
                if "milagro_platform.launch" in " ".join(line):
                    service, command = line[line.index("milagro_platform.launch") + 1 :][:2]
                    found[service if command == "serve" else f"{service}-{command}"] = child.pid
                elif Path(line[0]).name == "nats-server":
                    found["nats"] = child.pid
                elif Path(line[0]).name == "postgres" and "-D" in line:
                    found["postgres"] = child.pid
        return found

    async def ready(self) -> bool:
        """Whether every API and every worker answers `/readyz` with 200."""
        async with httpx.AsyncClient(timeout=1) as client:
            for port in health_ports(self.local.settings.port_base).values():
                try:
                    if (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code != 200:
                        return False
                except httpx.HTTPError:
                    return False
        return True

    async def recover(self, role: str, killed: int, timeout: float = 120) -> float:
        """Seconds until `role` runs again (a new pid) and every service is ready."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            assert self.process.poll() is None, "milagro up stopped instead of recovering"
            pid = self.pids().get(role)
            if pid not in (None, killed) and await self.ready():
                return time.monotonic() - started
            await asyncio.sleep(0.1)
        raise AssertionError(f"{role} did not recover in {timeout:.0f} s")


def start_up(home: Path, settings: dict[str, str]) -> subprocess.Popen[bytes]:
    """`milagro up` the way the README says, with this test's home and ports."""
    milagro = Path(sys.executable).parent / "milagro"
    with (home / "up.log").open("wb") as log:
        return subprocess.Popen([milagro, "up"], env=os.environ | settings, stdout=log, stderr=log)


@contextlib.asynccontextmanager
async def platform(home: Path) -> AsyncIterator[Platform]:
    settings = {
        "MILAGRO_HOME": str(home),
        "MILAGRO_PORT_BASE": str(port_base()),
        "MILAGRO_POSTGRES_PORT": str(free_port()),
        "MILAGRO_NATS_PORT": str(free_port()),
        "MILAGRO_MAIL_PORT": str(free_port()),
        "MILAGRO_DISCLOSURE_THRESHOLD": "1",  # every figure published
        "MILAGRO_CONSUMER_ACK_WAIT_S": "5",  # an ack lost in a kill redelivered soon
    }
    places = ("home", "port_base", "postgres_port", "nats_port", "mail_port")
    local = Local(LocalSettings(**{p: settings[f"MILAGRO_{p.upper()}"] for p in places}))
    process = start_up(home, settings)
    running = Platform(process, local)
    try:
        deadline = time.monotonic() + 180
        while not await running.ready():
            assert process.poll() is None, (home / "up.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "milagro up was not ready in 180 s"
            await asyncio.sleep(0.2)
        yield running
    finally:
        stack = psutil.Process(process.pid).children(recursive=True)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(60)
        finally:
            process.kill()
        _, alive = psutil.wait_procs(stack, timeout=10)
        assert not alive, f"left running after Ctrl-C: {alive}"


@dataclass
class Ledger:
    """What the front-end was told: acknowledged ids, and answers it never got."""

    registered: dict[str, str] = field(default_factory=dict)  # id -> group
    checked_in: set[str] = field(default_factory=set)
    held: set[str] = field(default_factory=set)
    unknown: Counter[str] = field(default_factory=Counter)
    outages: Counter[str] = field(default_factory=Counter)  # 503s seen, by service


class FrontEnd:
    """A partner's front-end under load: its calls, retries and its own ledger."""

    def __init__(self, running: Platform) -> None:
        mint = running.local.mint()
        self.mint = mint
        self.admin = bearer(mint.token(roles=["admin"]))
        self.coordinator = bearer(mint.token(partner=PARTNER, roles=["coordinator"]))
        self.clients = {
            name: httpx.AsyncClient(base_url=url, timeout=10) for name, url in running.urls.items()
        }
        self.ledger = Ledger()

    async def send(
        self,
        service: str,
        method: str,
        path: str,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        idempotent: bool = False,
    ) -> httpx.Response | None:
        """The answer, or None when it was lost after the request left (and the request
        cannot be repeated safely). Outages and refused connections are waited out."""
        while True:
            try:
                response = await self.clients[service].request(
                    method, path, json=body, headers=headers or self.coordinator
                )
            except NOT_SENT:
                await asyncio.sleep(0.2)
                continue
            except httpx.TransportError:
                if idempotent:
                    await asyncio.sleep(0.2)
                    continue
                return None
            if response.status_code == 503 or (
                response.status_code == 409 and "retry-after" in response.headers
            ):
                if response.status_code == 503:
                    self.ledger.outages[service] += 1
                await asyncio.sleep(min(float(response.headers.get("retry-after", 1)), 1))
                continue
            assert response.status_code < 500, f"{method} {path}: {response.text}"
            return response

    async def must(
        self, service: str, method: str, path: str, body: Any = None, **headers: str
    ) -> Any:
        response = await self.send(
            service, method, path, body, headers=headers or None, idempotent=True
        )
        assert response is not None and response.status_code < 300, (
            f"{path}: {response and response.text}"
        )
        return response.json()

    def person(self, group: str, **fields: Any) -> dict[str, Any]:
        return {
            "partner": PARTNER,
            "given_name": f"G{uuid.uuid4().hex[:10]}",
            "family_name": f"F{uuid.uuid4().hex[:10]}",
            "birth_date": "1991-04-05",
            "group": group,
            "migrant_status": "refugee" if group == "migrant" else None,
            "consents": CONSENTS,
            "confirm_new_person": True,
        } | fields


@dataclass
class Programme:
    """What the load works on: an activity open for check-in, and accepted matches with
    each one's coach token and the next free hour in the past."""

    activity: str
    academy: str
    matches: dict[str, dict[str, str]]
    hour: Counter[str] = field(default_factory=Counter)


async def set_up(front: FrontEnd) -> Programme:
    await front.must(
        "registry",
        "POST",
        "/v1/partners",
        {"code": PARTNER, "name": "Siena", "country": "IT", "city": "Siena"},
        **front.admin,
    )
    now = datetime.now(UTC)
    activity = await front.must(
        "events",
        "POST",
        "/v1/activities",
        {
            "partner": PARTNER,
            "kind": "structured_meeting",
            "title": "Open evening",
            "place": "Siena",
            "starts_at": (now - timedelta(minutes=5)).isoformat(),
            "ends_at": (now + timedelta(hours=12)).isoformat(),
        },
    )
    academy = await front.must(
        "coaching",
        "POST",
        "/v1/academies",
        {
            "partner": PARTNER,
            "name": "Siena academy",
            "city": "Siena",
            "time_zone": "Europe/Rome",
        },
    )
    people: dict[str, str] = {}
    for role, count in (("coach", 3), ("newcomer", 3)):
        for _ in range(count):
            body = front.person(
                "local" if role == "coach" else "migrant", roles=[role], languages=["it", "en"]
            )
            pid = (await front.must("registry", "POST", "/v1/participants", body))["id"]
            front.ledger.registered[pid] = body["group"]
            enrol = {"participant_id": pid, "languages": ["it"], "availability": ALWAYS}
            enrol |= {"topics": ["work"], "capacity": 1} if role == "coach" else {"needs": ["work"]}
            added = await front.must(
                "coaching",
                "POST",
                f"/v1/academies/{academy['id']}/{role}es"
                if role == "coach"
                else f"/v1/academies/{academy['id']}/{role}s",
                enrol,
            )
            people[added["id"]] = pid
    run = await front.must("coaching", "POST", f"/v1/academies/{academy['id']}/matching")
    matches = {}
    for proposal in run["proposals"]:
        await front.must("coaching", "POST", f"/v1/matches/{proposal['id']}/accept", {})
        coach = front.mint.token(
            partner=PARTNER, roles=["coach"], participant=people[proposal["coach_id"]]
        )
        matches[proposal["id"]] = bearer(coach)
    assert len(matches) == 3, run
    return Programme(activity["id"], academy["id"], matches)


async def registrations(front: FrontEnd, programme: Programme, until: Callable[[], bool]) -> None:
    """A person registered, then checked in to the open activity; about ten a second."""
    n = 0
    while not until():
        n += 1
        body = front.person("migrant" if n % 2 else "local")
        answer = await front.send("registry", "POST", "/v1/participants", body)
        if answer is None:
            front.ledger.unknown["registration"] += 1
            continue
        assert answer.status_code == 201, answer.text
        pid = answer.json()["id"]
        front.ledger.registered[pid] = body["group"]
        room = {"attendance": [{"participant_id": pid}]}
        checked = await front.send(
            "events",
            "POST",
            f"/v1/activities/{programme.activity}/attendance",
            room,
            idempotent=True,
        )
        assert checked is not None and checked.status_code < 300, checked
        front.ledger.checked_in.add(pid)
        await asyncio.sleep(0.1)


async def sessions(front: FrontEnd, programme: Programme, until: Callable[[], bool]) -> None:
    """A session booked after the fact on each match in turn, then marked held by its coach."""
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=80)
    while not until():
        for match, coach in programme.matches.items():
            hour = programme.hour[match]
            programme.hour[match] += 2
            when = {
                "starts_at": (start + timedelta(hours=hour)).isoformat(),
                "duration_minutes": 60,
            }
            answer = await front.send("coaching", "POST", f"/v1/matches/{match}/sessions", when)
            if answer is None:
                front.ledger.unknown["booking"] += 1
                continue
            assert answer.status_code == 201, answer.text
            booked = answer.json()["id"]
            held = await front.send(
                "coaching",
                "POST",
                f"/v1/sessions/{booked}/held",
                {"duration_minutes": 60, "topics": ["work"]},
                headers=coach,
                idempotent=True,
            )
            # a repeat after a lost answer finds it held already: 409, done
            assert held is not None and (held.status_code < 300 or held.status_code == 409), held
            front.ledger.held.add(booked)
        await asyncio.sleep(0.3)


async def every_page(front: FrontEnd, service: str, path: str, **params: Any) -> list[dict]:
    items, cursor = [], None
    while True:
        query = params | ({"cursor": cursor} if cursor else {})
        page = await front.must(service, "GET", f"{path}?{httpx.QueryParams(query)}")
        items += page["items"]
        if not (cursor := page.get("next_cursor")):
            return items


async def stream_events(local: Local, stream: str) -> list[dict[str, Any]]:
    """Every event on a stream, in order (JetStream's direct get, one by one)."""
    nc = await bus.connect(local.bus_settings(), name="failure-suite", persist=False)
    try:
        js = nc.jetstream()
        info = await js.stream_info(stream)
        events = []
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            with contextlib.suppress(nats.js.errors.NotFoundError):
                events.append(json.loads((await js.get_msg(stream, seq)).data or b"{}"))
        return events
    finally:
        await nc.close()


def once_each(events: list[dict[str, Any]], kind: str, key: str) -> Counter[str]:
    return Counter(e["data"][key] for e in events if e["type"].endswith(f".{kind}.v1"))


@pytest.mark.timeout(900)  # each kill waits for its recovery
async def test_killing_each_part_under_load_loses_and_doubles_nothing(tmp_path):
    async with platform(tmp_path) as running:
        front = FrontEnd(running)
        programme = await set_up(front)
        stop = asyncio.Event()
        load = [
            asyncio.create_task(registrations(front, programme, stop.is_set)),
            asyncio.create_task(sessions(front, programme, stop.is_set)),
        ]
        roles = running.pids()
        victims = os.environ.get("MILAGRO_FAILURE_VICTIMS", "").split() or [
            "registry",
            "registry-work" if "registry-work" in roles else None,
            "observatory-work" if "observatory-work" in roles else "observatory",
            "nats",
            "postgres",
        ]
        recovery = {}
        try:
            for victim in [v for v in victims if v not in (None, "none")]:
                await asyncio.sleep(SECONDS)
                pid = running.pids()[victim]
                os.kill(pid, signal.SIGKILL)
                recovery[victim] = await running.recover(victim, pid)
                print(f"killed {victim}: recovered in {recovery[victim]:.1f} s")
            await asyncio.sleep(SECONDS)
        finally:
            stop.set()
            await asyncio.gather(*load)
        ledger = front.ledger
        print(
            f"acknowledged: {len(ledger.registered)} registrations, {len(ledger.checked_in)} "
            f"check-ins, {len(ledger.held)} sessions held; unknown {dict(ledger.unknown)}; "
            f"503s {dict(ledger.outages)}"
        )

        # every acknowledged request in its owning service, once
        participants = await every_page(
            front, "registry", "/v1/participants", partner=PARTNER, limit=100
        )
        group = {p["id"]: p["group"] for p in participants}
        assert len(group) == len(participants)
        assert set(ledger.registered) <= set(group)
        assert len(group) - len(ledger.registered) <= ledger.unknown["registration"]
        present = (
            await front.must("events", "GET", f"/v1/activities/{programme.activity}/attendance")
        )["items"]
        assert Counter(a["participant_id"] for a in present) == Counter(ledger.checked_in)
        held = await every_page(front, "coaching", "/v1/sessions", state="held", limit=200)
        held_ids = Counter(s["id"] for s in held)
        assert set(ledger.held) <= set(held_ids) and max(held_ids.values(), default=1) == 1
        assert len(held_ids) - len(ledger.held) <= ledger.unknown["booking"]

        # every figure equals the ground truth from the owning services' APIs
        enrolled = await every_page(
            front, "coaching", f"/v1/academies/{programme.academy}/newcomers", limit=100
        )
        migrants = {a["participant_id"] for a in present if group[a["participant_id"]] == "migrant"}
        truth = {
            "participants-registered": len(group),
            "coaching-sessions-held": len(held_ids),
            "locals-reached": sum(group[a["participant_id"]] == "local" for a in present),
            "migrants-reached": len(migrants | {n["participant_id"] for n in enrolled}),
        }

        async def figures() -> dict[str, Any]:
            out = {}
            for name in truth:
                answer = await front.must(
                    "observatory", "GET", f"/v1/indicators/{name}?period=total"
                )
                out[name] = answer["cells"][0]["value"]
            return out

        deadline = time.monotonic() + 60
        while (published := await figures()) != truth and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
        assert published == truth

        # every event on its stream once (all are published: the figures count them),
        # by its id, and once per thing it tells
        streams = {
            name: await stream_events(running.local, name)
            for name in ("REGISTRY", "ACTIVITIES", "COACHING")
        }
        for name, events in streams.items():
            assert events and max(Counter(e["id"] for e in events).values()) == 1, name
        registered = once_each(streams["REGISTRY"], "participant.registered", "participant_id")
        assert registered == Counter(list(group))
        attended = once_each(streams["ACTIVITIES"], "attendance.recorded", "participant_id")
        assert attended == Counter(a["participant_id"] for a in present)
        assert once_each(streams["COACHING"], "session.held", "session_id") == held_ids
        for client in front.clients.values():
            await client.aclose()
