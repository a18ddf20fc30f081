"""Registry POST /v1/participants against a bare FastAPI + asyncpg endpoint inserting one row.

    uv run python bench/registry_post.py [--seconds 10] [--runs 3]

Both run as one uvicorn process (uvloop, httptools) on the same PostgreSQL, loaded by wrk
(2 threads, 32 connections) in the same run; the registry does everything it does in
production (JWT check, validation, duplicate check, insert, consent, audit entry, outbox
row in one transaction, relay to JetStream). Then an open-loop load of 300 requests/s for
the registry's latency percentiles. Bars (quality.md): >= 50% of the baseline's req/s,
p99 <= 50 ms at 300 req/s. Needs wrk (apt-get install wrk).
"""

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psutil

from milagro_kit.auth.mint import TokenMint
from milagro_kit.migrations import ensure_database
from milagro_kit.testing.auth import trusting
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres, free_port, wait_for_port
from milagro_platform.stack import Stack

LUA = """
local counter = 0
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args) n = 0; prefix = tostring(id) .. "x" .. tostring(os.time()) end
function request()
  n = n + 1
  -- birth dates spread over 60 years, as a partner's are; confirmed as different people,
  -- since the names differ only by a counter (the duplicate rules still run in full)
  local born = string.format("%04d-%02d-%02d", 1950 + (n * 7 + id) % 60, 1 + n % 12, 1 + n % 28)
  local body = string.format('{"partner":"IT-SIENA","given_name":"Amina","family_name":"H%s%d",'
    .. '"email":"p%s-%d@example.org","birth_date":"%s","group":"migrant",'
    .. '"migrant_status":"refugee","languages":["ar","it"],"confirm_new_person":true}',
    prefix, n, prefix, n, born)
  return wrk.format("POST", "/v1/participants",
    {["Content-Type"]="application/json", ["Authorization"]="Bearer TOKEN"}, body)
end
"""


def wrk(url: str, script: Path, seconds: int) -> tuple[float, str]:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"errors under load:\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+(\S+)", out).group(1)  # type: ignore[union-attr]
    return rate, p99


async def open_loop(url: str, token: str, rate: int, seconds: int) -> tuple[list[float], int]:
    """Requests started on a fixed schedule (not when the previous answered); returns the
    latencies of the answered ones and how many failed."""
    latencies: list[float] = []
    failures = 0
    async with httpx.AsyncClient(
        base_url=url, timeout=10, limits=httpx.Limits(max_connections=64)
    ) as client:

        async def one(n: int) -> None:
            body = {
                "partner": "IT-SIENA",
                "given_name": "Omar",
                "family_name": f"K{uuid.uuid4().hex}",
                "group": "local",
                "email": f"{uuid.uuid4().hex}@example.org",
                "languages": ["it"],
            }
            started = time.perf_counter()
            response = await client.post(
                "/v1/participants", json=body, headers={"Authorization": f"Bearer {token}"}
            )
            latencies.append(time.perf_counter() - started)
            assert response.status_code == 201, response.text

        tasks = []
        begin = time.perf_counter()
        for n in range(rate * seconds):
            await asyncio.sleep(max(0.0, begin + n / rate - time.perf_counter()))
            tasks.append(asyncio.create_task(one(n)))
        await asyncio.gather(*tasks)
    return sorted(latencies), failures


async def main(seconds: int, runs: int) -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    root = Path(tempfile.mkdtemp(prefix="bench-registry-"))
    postgres = EmbeddedPostgres(root / "postgres", free_port())
    nats = EmbeddedNats(root / "nats", free_port())
    postgres.start()
    nats.start()
    mint = TokenMint.generate()
    environment = {f"MILAGRO_{k.upper()}": str(v) for k, v in trusting(mint).items() if v}
    environment |= {"MILAGRO_LOG_LEVEL": "WARNING"}
    stack = Stack(
        root,
        postgres.url,
        nats.url,
        ports={"registry": free_port()},
        environment=environment,
        database_prefix="bench",
    )
    bare_port = free_port()
    bare = None
    try:
        await stack.prepare()
        stack.start()
        await stack.wait_ready(60)
        registry = stack.services["registry"].url
        async with httpx.AsyncClient(base_url=registry) as client:
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
        await ensure_database(postgres.url, "bench_bare")
        dsn = f"postgresql://postgres@127.0.0.1:{postgres.port}/bench_bare"
        bare = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bare_insert:app",
                "--port",
                str(bare_port),
                "--loop",
                "uvloop",
                "--http",
                "httptools",
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cwd=Path(__file__).parent,
            env={**os.environ, "MILAGRO_BENCH_DSN": dsn},
        )
        wait_for_port(bare_port, bare, "bare app", root / "none.log")
        script = root / "post.lua"
        script.write_text(LUA.replace("TOKEN", token))
        registry_rates, bare_rates = [], []
        rss = 0.0
        for run in range(runs):
            bare_rate, bare_p99 = wrk(f"http://127.0.0.1:{bare_port}", script, seconds)
            registry_rate, registry_p99 = wrk(registry, script, seconds)
            process = stack.services["registry"].process
            assert process is not None
            rss = max(rss, psutil.Process(process.pid).memory_info().rss / 2**20)
            bare_rates.append(bare_rate)
            registry_rates.append(registry_rate)
            print(
                f"run {run + 1}: bare {bare_rate:,.0f} req/s (p99 {bare_p99}), "
                f"registry {registry_rate:,.0f} req/s (p99 {registry_p99})"
            )
        b, r = statistics.median(bare_rates), statistics.median(registry_rates)
        print(
            f"median of {runs}: bare FastAPI+asyncpg {b:,.0f} req/s, registry {r:,.0f} req/s,"
            f" ratio {r / b:.0%} (bar >= 50%); registry RSS max {rss:.0f} MB"
        )
        latencies = await open_loop(registry, token, 300, seconds)
        q = statistics.quantiles(latencies, n=100)
        print(
            f"registry at 300 req/s open loop, {len(latencies)} requests: "
            f"p50 {q[49] * 1000:.1f} ms, p95 {q[94] * 1000:.1f} ms, p99 {q[98] * 1000:.1f} ms"
            " (bar p99 <= 50 ms)"
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
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.seconds, arguments.runs))
