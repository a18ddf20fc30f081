"""Each service's main write endpoint on the full stack, against a bare write, same run.

    uv run python bench/write_endpoints.py [--seconds 10] [--runs 3] [--open-loop 300]
        [--profile DIR] [--only registry] [--env MILAGRO_TRACE_SAMPLE_RATIO=0.1]

The whole platform starts the way `milagro up` starts it (every discovered service as its
own process, one uvicorn worker each, uvloop + httptools, migrated, consumers provisioned)
on an embedded PostgreSQL and nats-server. The baseline (`bare_insert.py`: FastAPI +
asyncpg, the row and an outbox row in one transaction) runs under uvicorn with the same
options. wrk (2 threads, 32 connections, unique bodies, a valid token) loads the bare
endpoint and then the service's, run after run, so each ratio compares like with like.
Then an open-loop load (`--open-loop` requests/s, started on a fixed schedule by
`openloop.py` in a process of its own) gives the latency percentiles, the errors, and
whether the outbox is empty afterwards. `--profile DIR` records py-spy (collapsed stacks)
of the service during its first wrk run.

To add an endpoint: a `WriteEndpoint` in ENDPOINTS with its Lua body and its set-up.
Bars (quality.md): >= 50% of the baseline's req/s; registry p99 <= 50 ms at 300 req/s.
Needs wrk (apt-get install wrk).
"""

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import psutil

from milagro_kit.auth.mint import TokenMint
from milagro_kit.database import asyncpg_dsn, database_url
from milagro_kit.migrations import ensure_database
from milagro_kit.testing.auth import trusting
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres, free_port, wait_for_port
from milagro_platform.services import discover
from milagro_platform.stack import Stack

HERE = Path(__file__).parent

# wrk's request(): `n` counts this thread's requests, `id` is the thread, `prefix` makes
# bodies unique across runs; each endpoint's BODY is a Lua expression over them.
LUA = """
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
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args)
  n = 0; prefix = tostring(id) .. "x" .. tostring(os.time())
  base = ((os.time() % 1000000) * 100 + id) * 1000000
end
function request()
  n = n + 1
  local body = BODY
  return wrk.format("POST", "PATH",
    {["Content-Type"]="application/json", ["Authorization"]="Bearer TOKEN"}, body)
end
"""


async def _registry_setup(url: str, mint: TokenMint) -> str:
    """A partner to register people for, and a coordinator's token of it."""
    async with httpx.AsyncClient(base_url=url) as client:
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
    return mint.token(partner="IT-SIENA", roles=["coordinator"], ttl_s=3600)


@dataclass(frozen=True)
class WriteEndpoint:
    service: str
    path: str
    lua_body: str
    """A Lua expression of a unique JSON body (also accepted by the bare endpoint)."""
    setup: Callable[[str, TokenMint], Awaitable[str]]
    """Prepares what the writes need on the service at this URL; returns a valid token."""


ENDPOINTS = [
    WriteEndpoint(
        "registry",
        "/v1/participants",
        # family names unique and of different sounds, birth dates spread over 60 years,
        # as a partner's are (the duplicate rules run in full and find few candidates);
        # confirmed as new people, so a name merely alike to another does not stop them
        """string.format('{"partner":"IT-SIENA","given_name":"Amina","family_name":"%s",'
    .. '"email":"p%s-%d@example.org","birth_date":"%04d-%02d-%02d","group":"migrant",'
    .. '"migrant_status":"refugee","languages":["ar","it"],"confirm_new_person":true}',
    word(base + n), prefix, n, 1950 + (n * 7 + id) % 60, 1 + n % 12, 1 + n % 28)""",
        _registry_setup,
    ),
]


def wrk(url: str, script: Path, seconds: int) -> tuple[float, float]:
    """Requests/s and p99 (ms) of one wrk run; any non-2xx answer fails the benchmark."""
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"errors under load:\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return rate, float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


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
    mint: TokenMint,
    arguments: argparse.Namespace,
    root: Path,
) -> None:
    service = stack.services[endpoint.service]
    token = await endpoint.setup(service.url, mint)
    script = root / f"{endpoint.service}.lua"
    script.write_text(
        LUA.replace("BODY", endpoint.lua_body)
        .replace("PATH", endpoint.path)
        .replace("TOKEN", token)
    )
    assert service.process is not None
    process = psutil.Process(service.process.pid)
    bare_rates, rates, bare_p99s, p99s, rss = [], [], [], [], 0.0
    for run in range(arguments.runs):
        bare_rate, bare_p99 = wrk(bare, script, arguments.seconds)
        spy = None
        if arguments.profile and run == 0:
            out = Path(arguments.profile) / f"{endpoint.service}.txt"
            spy = profile(process.pid, arguments.seconds, out)
        rate, p99 = wrk(service.url, script, arguments.seconds)
        if spy is not None:
            spy.wait()
        rss = max(rss, process.memory_info().rss / 2**20)
        bare_rates.append(bare_rate), rates.append(rate)
        bare_p99s.append(bare_p99), p99s.append(p99)
        print(
            f"{endpoint.service} run {run + 1}: bare {bare_rate:,.0f} req/s "
            f"(p99 {bare_p99:.1f} ms), {endpoint.service} {rate:,.0f} req/s "
            f"(p99 {p99:.1f} ms), ratio {rate / bare_rate:.0%}; "
            f"load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
    b, r = statistics.median(bare_rates), statistics.median(rates)
    print(
        f"{endpoint.service} median of {arguments.runs}: bare {b:,.0f} req/s "
        f"(p99 {statistics.median(bare_p99s):.1f} ms), {endpoint.service} {r:,.0f} req/s "
        f"(p99 {statistics.median(p99s):.1f} ms), ratio {r / b:.0%} (bar >= 50%); "
        f"RSS max {rss:.0f} MB",
        flush=True,
    )
    if arguments.open_loop:
        loop = subprocess.run(
            [
                sys.executable,
                str(HERE / "openloop.py"),
                service.url + endpoint.path,
                token,
                str(arguments.open_loop),
                str(arguments.seconds * 3),
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
            f"outbox unpublished after 10 s: {left}",
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
                await bench(endpoint, stack, f"http://127.0.0.1:{bare_port}", mint, arguments, root)
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
    parser.add_argument("--profile", help="a folder for py-spy's collapsed stacks")
    parser.add_argument("--only", nargs="*", help="services to load (default: all)")
    parser.add_argument(
        "--env", action="append", default=[], help="KEY=VALUE for every service, repeatable"
    )
    asyncio.run(main(parser.parse_args()))
