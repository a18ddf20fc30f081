"""Each service's main write endpoint on the full stack, against a bare write, same run.

    uv run python bench/write_endpoints.py [--seconds 10] [--runs 3] [--open-loop 300]
        [--rooms 60] [--profile DIR] [--only registry events]
        [--env MILAGRO_TRACE_SAMPLE_RATIO=0.1]

The whole platform starts the way `milagro up` starts it (every discovered service as its
own process, one uvicorn worker each, uvloop + httptools, migrated, consumers provisioned)
on an embedded PostgreSQL and nats-server. The baseline (`bare_insert.py`: FastAPI +
asyncpg, the rows and an outbox row per row in one transaction, the same body and path as
the service's) runs under uvicorn with the same options. wrk (2 threads, 32 connections,
unique bodies, a valid token) loads the bare endpoint and then the service's, run after
run, so each ratio compares like with like. Then an open-loop load (`--open-loop`
requests/s, started on a fixed schedule by `openloop.py` in a process of its own) gives
the latency percentiles, the errors, and whether the outbox is empty afterwards.
`--profile DIR` records py-spy (collapsed stacks) of the service during its first wrk run
(DIR/SERVICE.txt; read them with `flame.py`).

Endpoints:
- registry, POST /v1/participants: a registration of a new person.
- coaching, POST /v1/matches/{id}/sessions: bookings of quarter-hour sessions by a
  coordinator, spread over 20 accepted matches, each at a time of its own (the coach's and
  the newcomer's rows are locked, both availabilities and their sessions checked).
- notifier, PUT /v1/participants/{id}/preferences: a staff member replacing a person's
  e-mail opt-outs, spread over 200 people the notifier knows (registered on the bus).
- events, POST /v1/activities/{id}/attendance: single check-ins of people not known yet,
  spread over 20 activities (each check-in locks its activity's row). After the wrk runs,
  the 500-person check-in: `--rooms` requests of 500 registered people each, to
  activities of their own, two at a time, at the bare route and then at the service
  (p50, p99, max and their ratio; with `--profile`, DIR/events-rooms.txt).

To add an endpoint: a `WriteEndpoint` in ENDPOINTS with its Lua body, its set-up (a token
and the paths it writes to, taken in turn), optionally a further measurement, a body in
`openloop.py`, and a bare route taking the same body and path.
Bars (quality.md): >= 50% of the baseline's req/s; registry p99 <= 50 ms at 300 req/s;
events: a 500-person check-in p99 <= 200 ms.
Needs wrk (apt-get install wrk).
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
import psutil

from milagro_contracts import new_envelope
from milagro_contracts.event import Group
from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered
from milagro_kit import bus
from milagro_kit.auth.mint import TokenMint
from milagro_kit.database import asyncpg_dsn, database_url
from milagro_kit.migrations import ensure_database
from milagro_kit.settings import Settings
from milagro_kit.testing.auth import trusting
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres, free_port, wait_for_port
from milagro_platform.services import discover
from milagro_platform.stack import Stack

HERE = Path(__file__).parent

# wrk's request(): `n` counts this thread's requests, `id` is the thread, `prefix` and
# `base` make bodies unique across runs; each endpoint's BODY is a Lua expression over
# them. PATHS are the endpoint's paths (from its set-up), taken in turn.
LUA = """
PATHS = {PATH_LIST}
local counter = 0
local C, V = {"b","d","f","g","k","l","m","n","p","r","s","t","v","z"}, {"a","e","i","o","u"}
-- a pronounceable word per number: names that sound different, as people's do
function word(x)
  local s = ""
  repeat
    local c = x % 14; x = (x - c) / 14
    local v = x % 5; x = (x - v) / 5
    s = s .. C[c + 1] .. V[v + 1]
  until x < 1
  return s
end
-- a UUID per number below 2^48, in 16-bit pieces (LuaJIT's %x stops at 32 bits)
function uuid(x)
  return string.format("00000000-0000-4000-8000-%04x%04x%04x",
    math.floor(x / 4294967296), math.floor(x / 65536) % 65536, x % 65536)
end
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args)
  n = 0; prefix = tostring(id) .. "x" .. tostring(os.time())
  base = ((os.time() % 1000000) * 100 + id) * 1000000
end
function request()
  n = n + 1
  local body = BODY
  return wrk.format("METHOD", PATHS[(n + 10 * id) % #PATHS + 1],
    {["Content-Type"]="application/json", ["Authorization"]="Bearer TOKEN"}, body)
end
"""


@dataclass(frozen=True)
class Prepared:
    """What an endpoint's set-up made: a valid token, and the paths to write to."""

    token: str
    paths: list[str]


async def _registry_setup(stack: Stack, mint: TokenMint) -> Prepared:
    """A partner to register people for, and a coordinator's token of it."""
    async with httpx.AsyncClient(base_url=stack.services["registry"].url) as client:
        answer = await client.post(
            "/v1/partners",
            headers={"Authorization": f"Bearer {mint.token(roles=['admin'])}"},
            json={
                "code": "IT-SIENA",
                "name": "Siena",
                "country": "IT",
                "city": "Siena",
                "kind": "full",
            },
        )
        answer.raise_for_status()
    token = mint.token(partner="IT-SIENA", roles=["coordinator"], ttl_s=3600)
    return Prepared(token, ["/v1/participants"])


ACTIVITIES = 20
ROOM = 500  # the most people one check-in request may carry


async def _schedule(client: httpx.AsyncClient, n: int) -> list[str]:
    """`n` activities of IT-SIENA starting now (check-in is open), unlimited, two hours."""
    starts = datetime.now(UTC)
    ids = []
    for i in range(n):
        answer = await client.post(
            "/v1/activities",
            json={
                "partner": "IT-SIENA",
                "kind": "structured_meeting",
                "title": f"Democracy in the neighbourhood {i + 1}",
                "place": "Siena",
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=2)).isoformat(),
            },
        )
        answer.raise_for_status()
        ids.append(answer.json()["id"])
    return ids


async def _events_setup(stack: Stack, mint: TokenMint) -> Prepared:
    """ACTIVITIES activities to check people in to, and a coordinator's token.

    Every check-in locks its activity's row (by design: the present count and the
    capacity are decided under it), so writes to one activity queue on one another;
    spread over ACTIVITIES rooms, as a partner's day is, they do not serialise on one lock.
    """
    token = mint.token(partner="IT-SIENA", roles=["coordinator"], ttl_s=3600)
    headers = {"Authorization": f"Bearer {token}"}
    url = stack.services["events"].url
    async with httpx.AsyncClient(base_url=url, headers=headers) as client:
        ids = await _schedule(client, ACTIVITIES)
    return Prepared(token, [f"/v1/activities/{i}/attendance" for i in ids])


async def _register(nats_url: str, people: list[uuid.UUID]) -> None:
    """People registered at IT-SIENA, announced on the bus as the registry's relay would
    (through the registry's API, tens of thousands would take minutes); returns once every
    consumer of the registry's stream has caught up, so the stack is quiet again."""
    nc = await bus.connect(Settings(nats_url=nats_url), name="bench", persist=False)
    js = nc.jetstream()
    now, attributes = datetime.now(UTC), ParticipantAttributes(group=Group.migrant)
    try:
        for start in range(0, len(people), ROOM):
            await asyncio.gather(
                *(
                    bus.publish_straight(
                        js,
                        new_envelope(
                            ParticipantRegistered(
                                partner="IT-SIENA",
                                participant_id=person,
                                registered_at=now,
                                attributes=attributes,
                            ),
                            source="/milagro/bench",
                        ),
                    )
                    for person in people[start : start + ROOM]
                )
            )
        durables = [consumer.name for consumer in await js.consumers_info("REGISTRY")]
        deadline = time.monotonic() + 300
        while not all([await bus.caught_up(js, "REGISTRY", d) for d in durables]):
            if time.monotonic() > deadline:
                raise RuntimeError("the registry's events were not consumed within 300 s")
            await asyncio.sleep(0.5)
    finally:
        await nc.close()


async def _rooms_at(url: str, token: str, rooms: list[tuple[str, bytes]]) -> list[float]:
    """Latencies (ms) of these check-ins, two at a time; each must record its whole room."""
    latencies: list[float] = []
    queue = list(reversed(rooms))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as client:

        async def worker() -> None:
            while queue:
                path, body = queue.pop()
                began = time.perf_counter()
                answer = await client.post(path, content=body)
                latencies.append((time.perf_counter() - began) * 1000)
                answer.raise_for_status()
                figures = answer.json()
                if figures["recorded"] != ROOM or figures.get("awaiting_registration"):
                    raise RuntimeError(f"{url}{path}: {figures}")

        await asyncio.gather(*(worker() for _ in range(2)))
    return latencies


async def _events_rooms(
    stack: Stack, bare: str, prepared: Prepared, arguments: argparse.Namespace
) -> None:
    """The 500-person check-in: `--rooms` requests of ROOM people each, registered
    beforehand (so the directory knows them all), each to an activity of its own, two at a
    time, at the bare route and then at the service. Bar: the service's p99 <= 200 ms.
    With `--profile`, py-spy records the service while it checks the rooms in."""
    url = stack.services["events"].url
    headers = {"Authorization": f"Bearer {prepared.token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers) as client:
        activities = await _schedule(client, arguments.rooms)
    people = [uuid.uuid4() for _ in range(arguments.rooms * ROOM)]
    began = time.monotonic()
    await _register(stack.nats_url, people)
    print(
        f"events rooms: {len(people):,} people registered, consumed by every service in "
        f"{time.monotonic() - began:.1f} s",
        flush=True,
    )
    rooms = [
        (
            f"/v1/activities/{activity}/attendance",
            json.dumps(
                {
                    "attendance": [
                        {"participant_id": str(p), "present": True}
                        for p in people[i * ROOM : (i + 1) * ROOM]
                    ]
                }
            ).encode(),
        )
        for i, activity in enumerate(activities)
    ]
    figures = {}
    for side, at in (("bare", bare), ("events", url)):
        spy = None
        if arguments.profile and side == "events":
            process = stack.services["events"].process
            assert process is not None
            spy = profile(process.pid, 3600, Path(arguments.profile) / "events-rooms.txt")
        latencies = await _rooms_at(at, prepared.token, rooms)
        if spy is not None:
            spy.send_signal(signal.SIGINT)  # py-spy writes what it has and stops
            spy.wait()
        figures[side] = statistics.quantiles(latencies, n=100, method="inclusive")
        print(
            f"events rooms ({arguments.rooms} x {ROOM} people, 2 at a time), {side}: "
            f"p50 {figures[side][49]:.0f} ms, p99 {figures[side][98]:.0f} ms, "
            f"max {max(latencies):.0f} ms; load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
    ratio = figures["events"][98] / figures["bare"][98]
    print(
        f"events rooms: p50 {figures['events'][49] / figures['bare'][49]:.1f}x bare, "
        f"p99 {ratio:.1f}x bare; service p99 {figures['events'][98]:.0f} ms (bar <= 200 ms)",
        flush=True,
    )


PAIRS = 20
ALWAYS = {
    "zone": "UTC",
    "slots": [{"weekday": day, "start": "00:00", "end": "24:00"} for day in range(7)],
}


async def _coaching_setup(stack: Stack, mint: TokenMint) -> Prepared:
    """An academy of IT-SIENA with PAIRS accepted matches (a coach and a newcomer each,
    available around the clock), put in by SQL (the academies' and matching API is
    another change), and a coordinator's token: a coordinator books for both sides."""
    dsn = asyncpg_dsn(database_url(stack.postgres_url, "coaching", "bench"))
    connection = await asyncpg.connect(dsn)
    academy, now, matches = uuid.uuid4(), datetime.now(UTC), []
    try:
        async with connection.transaction():
            await connection.execute(
                "INSERT INTO academies VALUES ($1, 'IT-SIENA', 'Siena', 'Siena', "
                "'Europe/Rome', $2)",
                academy,
                now,
            )
            for _ in range(PAIRS):
                coach, newcomer, match = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
                await connection.execute(
                    "INSERT INTO coaches (id, academy_id, participant_id, languages, topics, "
                    "availability, capacity, state, enrolled_at, updated_at) VALUES ($1, $2, "
                    "$3, '{en}', '{work}', $4::jsonb, 5, 'available', $5, $5)",
                    coach,
                    academy,
                    uuid.uuid4(),
                    json.dumps(ALWAYS),
                    now,
                )
                await connection.execute(
                    "INSERT INTO newcomers (id, academy_id, participant_id, languages, needs, "
                    "availability, state, enrolled_at, updated_at) VALUES ($1, $2, $3, "
                    "'{en}', '{work}', $4::jsonb, 'matched', $5, $5)",
                    newcomer,
                    academy,
                    uuid.uuid4(),
                    json.dumps(ALWAYS),
                    now,
                )
                await connection.execute(
                    "INSERT INTO matches (id, academy_id, coach_id, newcomer_id, state, score, "
                    "reasons, proposed_at) VALUES ($1, $2, $3, $4, 'accepted', 1, 'bench', $5)",
                    match,
                    academy,
                    coach,
                    newcomer,
                    now,
                )
                matches.append(match)
    finally:
        await connection.close()
    token = mint.token(partner="IT-SIENA", roles=["coordinator"], ttl_s=3600)
    return Prepared(token, [f"/v1/matches/{m}/sessions" for m in matches])


PEOPLE = 200


async def _notifier_setup(stack: Stack, mint: TokenMint) -> Prepared:
    """PEOPLE participants of IT-SIENA the notifier knows (announced on the bus, consumed
    by every service), and a staff member's token: preference changes are what a partner's
    front-end sends the notifier most, one per person who asks for fewer e-mails."""
    people = [uuid.uuid4() for _ in range(PEOPLE)]
    await _register(stack.nats_url, people)
    token = mint.token(partner="IT-SIENA", roles=["staff"], ttl_s=3600)
    return Prepared(token, [f"/v1/participants/{p}/preferences" for p in people])


@dataclass(frozen=True)
class WriteEndpoint:
    service: str
    lua_body: str
    """A Lua expression of a unique JSON body (also accepted by the bare endpoint)."""
    setup: Callable[[Stack, TokenMint], Awaitable[Prepared]]
    """Prepares what the writes need on the service, in the stack."""
    then: Callable[[Stack, str, Prepared, argparse.Namespace], Awaitable[None]] | None = None
    """A further measurement after the wrk runs (given the stack and the bare app's URL)."""
    method: str = "POST"
    open_loop: bool = True
    """Whether `--open-loop` loads it too (openloop.py POSTs a body of its own per service)."""


ENDPOINTS = [
    WriteEndpoint(
        "registry",
        # family names unique and of different sounds, birth dates spread over 60 years,
        # as a partner's are (the duplicate rules run in full and find few candidates);
        # confirmed as new people, so a name merely alike to another does not stop them
        """string.format('{"partner":"IT-SIENA","given_name":"Amina","family_name":"%s",'
    .. '"email":"p%s-%d@example.org","birth_date":"%04d-%02d-%02d","group":"migrant",'
    .. '"migrant_status":"refugee","languages":["ar","it"],"confirm_new_person":true}',
    word(base + n), prefix, n, 1950 + (n * 7 + id) % 60, 1 + n % 12, 1 + n % 28)""",
        _registry_setup,
    ),
    WriteEndpoint(
        "events",
        # single check-ins, each of a person not yet known (awaiting their registration)
        """string.format('{"attendance":[{"participant_id":"%s","present":true}]}',
    uuid(base + n))""",
        _events_setup,
        _events_rooms,
    ),
    WriteEndpoint(
        "coaching",
        # quarter-hour sessions, each in a quarter of its own from 2027-01-01 on: thread and
        # run (from `base`: the second of the last 100 it began in) and `n` pick it, so
        # nothing double-books whichever match a request goes to, within a run or across
        """string.format('{"starts_at":"%s","duration_minutes":15}', os.date("!%Y-%m-%dT%H:%M:%SZ",
    1798761600 + ((math.floor(base / 1000000) % 10000) * 20000 + n) * 900))""",
        _coaching_setup,
    ),
    WriteEndpoint(
        "notifier",
        # each person's opt-outs replaced, one kind or two, as a preferences page sends them
        """(n % 2 == 0) and '{"opted_out":["activity_reminder"]}'
    or '{"opted_out":["activity_reminder","session_scheduled"]}'""",
        _notifier_setup,
        method="PUT",
        open_loop=False,
    ),
]


@dataclass(frozen=True)
class Load:
    """One wrk run against one process."""

    rate: float
    """Requests/s."""
    p99: float
    """ms."""
    cpu: float
    """The process's CPU time per request (ms): on a machine shared with other work, what
    a request costs whatever share of the cores the process was given."""


def wrk(url: str, script: Path, seconds: int, process: psutil.Process) -> Load:
    """One wrk run; any non-2xx answer fails the benchmark."""
    before = process.cpu_times()
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    out = subprocess.run(
        [*command, "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = process.cpu_times()
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"errors under load:\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    used = (after.user + after.system) - (before.user + before.system)
    return Load(
        rate, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit], used * 1000 / requests
    )


def profile(pid: int, seconds: int, out: Path) -> subprocess.Popen[bytes]:
    """py-spy (collapsed stacks) of a process for `seconds`; needs `py-spy` on PATH."""
    py_spy = shutil.which("py-spy") or sys.exit("py-spy is missing: pip install py-spy")
    return subprocess.Popen(
        [
            py_spy,
            "record",
            "-p",
            str(pid),
            "-d",
            str(seconds),
            "-r",
            "200",
            "-f",
            "raw",
            "-o",
            str(out),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def unpublished(dsn: str, within: float) -> int:
    """Outbox rows still unpublished once the relay has had `within` seconds."""
    connection = await asyncpg.connect(dsn)
    try:
        deadline = time.monotonic() + within
        while True:
            left = await connection.fetchval(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL"
            )
            if left == 0 or time.monotonic() > deadline:
                return int(left)
            await asyncio.sleep(0.2)
    finally:
        await connection.close()


def start_bare(port: int, dsn: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bare_insert:app",
            "--port",
            str(port),
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=HERE,
        env={**os.environ, "MILAGRO_BENCH_DSN": dsn},
    )


async def bench(
    endpoint: WriteEndpoint,
    stack: Stack,
    bare: str,
    bare_process: psutil.Process,
    mint: TokenMint,
    arguments: argparse.Namespace,
    root: Path,
) -> None:
    service = stack.services[endpoint.service]
    prepared = await endpoint.setup(stack, mint)
    script = root / f"{endpoint.service}.lua"
    script.write_text(
        LUA.replace("BODY", endpoint.lua_body)
        .replace("PATH_LIST", ", ".join(f'"{p}"' for p in prepared.paths))
        .replace("TOKEN", prepared.token)
        .replace("METHOD", endpoint.method)
    )
    assert service.process is not None
    process = psutil.Process(service.process.pid)
    runs: list[tuple[Load, Load]] = []
    rss = 0.0
    for run in range(arguments.runs):
        base = wrk(bare, script, arguments.seconds, bare_process)
        spy = None
        if arguments.profile and run == 0:
            out = Path(arguments.profile) / f"{endpoint.service}.txt"
            spy = profile(process.pid, arguments.seconds, out)
        load = wrk(service.url, script, arguments.seconds, process)
        if spy is not None:
            spy.wait()
        rss = max(rss, process.memory_info().rss / 2**20)
        runs.append((base, load))
        print(
            f"{endpoint.service} run {run + 1}: bare {base.rate:,.0f} req/s "
            f"(p99 {base.p99:.1f} ms, CPU {base.cpu:.2f} ms/req), {endpoint.service} "
            f"{load.rate:,.0f} req/s (p99 {load.p99:.1f} ms, CPU {load.cpu:.2f} ms/req), "
            f"ratio {load.rate / base.rate:.0%}, CPU ratio {base.cpu / load.cpu:.0%}; "
            f"load {os.getloadavg()[0]:.2f}",
            flush=True,
        )

    def median(figure: Callable[[tuple[Load, Load]], float]) -> float:
        return statistics.median(figure(r) for r in runs)

    b, r = median(lambda r: r[0].rate), median(lambda r: r[1].rate)
    print(
        f"{endpoint.service} median of {arguments.runs}: bare {b:,.0f} req/s "
        f"(p99 {median(lambda r: r[0].p99):.1f} ms, CPU {median(lambda r: r[0].cpu):.2f} "
        f"ms/req), {endpoint.service} {r:,.0f} req/s (p99 {median(lambda r: r[1].p99):.1f} "
        f"ms, CPU {median(lambda r: r[1].cpu):.2f} ms/req), ratio "
        f"{median(lambda r: r[1].rate / r[0].rate):.0%} (bar >= 50%), CPU ratio "
        f"{median(lambda r: r[0].cpu / r[1].cpu):.0%}; RSS max {rss:.0f} MB",
        flush=True,
    )
    if endpoint.then is not None:
        await endpoint.then(stack, bare, prepared, arguments)
    if arguments.open_loop and endpoint.open_loop:
        loop = subprocess.run(
            [
                sys.executable,
                str(HERE / "openloop.py"),
                endpoint.service,
                service.url,
                prepared.token,
                str(arguments.open_loop),
                str(arguments.seconds * 3),
                *prepared.paths,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(loop.stdout)
        dsn = asyncpg_dsn(database_url(stack.postgres_url, endpoint.service, "bench"))
        left = await unpublished(dsn, within=10)
        print(
            f"{endpoint.service} open loop {figures['rate']} req/s for "
            f"{figures['seconds']} s: {figures['sent']} sent, {figures['errors']} errors, "
            f"p50 {figures['p50']:.1f} ms, p99 {figures['p99']:.1f} ms, max "
            f"{figures['max']:.1f} ms, client lag max {figures['lag_max']:.1f} ms; "
            f"outbox unpublished after 10 s: {left}; load {os.getloadavg()[0]:.2f}",
            flush=True,
        )


async def main(arguments: argparse.Namespace) -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    root = Path(tempfile.mkdtemp(prefix="bench-writes-"))
    postgres = EmbeddedPostgres(root / "postgres", free_port())
    nats = EmbeddedNats(root / "nats", free_port())
    postgres.start()
    nats.start()
    mint = TokenMint.generate()
    environment = {f"MILAGRO_{k.upper()}": str(v) for k, v in trusting(mint).items() if v}
    environment |= {"MILAGRO_LOG_LEVEL": "WARNING"} | dict(
        setting.split("=", 1) for setting in arguments.env
    )
    stack = Stack(
        root,
        postgres.url,
        nats.url,
        ports={n: free_port() for n in discover()},
        environment=environment,
        database_prefix="bench",
    )
    bare_port, bare = free_port(), None
    try:
        await stack.prepare()
        stack.start()
        await stack.wait_ready(120)
        await ensure_database(postgres.url, "bench_bare")
        bare = start_bare(bare_port, f"postgresql://postgres@127.0.0.1:{postgres.port}/bench_bare")
        wait_for_port(bare_port, bare, "bare app", root / "none.log")
        print(
            f"stack: {', '.join(stack.services)}; {os.cpu_count()} cores, "
            f"load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
        for endpoint in ENDPOINTS:
            if not arguments.only or endpoint.service in arguments.only:
                await bench(
                    endpoint,
                    stack,
                    f"http://127.0.0.1:{bare_port}",
                    psutil.Process(bare.pid),
                    mint,
                    arguments,
                    root,
                )
    finally:
        if bare is not None:
            bare.terminate()
            bare.wait()
        stack.stop()
        nats.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--open-loop", type=int, default=300, help="req/s; 0 skips it")
    parser.add_argument("--rooms", type=int, default=60, help="500-person check-ins per side")
    parser.add_argument("--profile", help="a folder for py-spy's collapsed stacks")
    parser.add_argument("--only", nargs="*", help="services to load (default: all)")
    parser.add_argument(
        "--env", action="append", default=[], help="KEY=VALUE for every service, repeatable"
    )
    asyncio.run(main(parser.parse_args()))
