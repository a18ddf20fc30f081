"""Observatory public feed GET (cached aggregate) under wrk, and the service's memory.

    uv run python bench/observatory_feed.py [--events 50000] [--runs 3] [--seconds 10]

A real observatory process (`python -m milagro_observatory serve --migrate --provision`:
uvicorn with uvloop and httptools, one worker, its relay and consumers running) projects
N events of the realistic mix (bench/observatory_mix.py), then wrk (Debian package) loads
`GET /v1/progress` and `GET /v1/indicators/participants-registered` for `seconds` each,
`runs` times, while the service's RSS is sampled. The figures do not change during the
load, so every request is the cached body after one read of the projection version.
Bars (quality.md): >= 2,000 req/s; the service <= 200 MB RSS under load.
"""

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
import uvloop
from observatory_mix import Servers, generate, publish, reset_streams, start_servers

from milagro_kit import bus
from milagro_kit.database import database_url
from milagro_kit.migrations import ensure_database
from milagro_kit.settings import Settings
from milagro_observatory.handlers import CONSUMERS
from milagro_platform.embedded import free_port

HERE = Path(__file__).resolve().parent
PATHS = ("/v1/progress", "/v1/indicators/participants-registered")


def wrk(url: str, seconds: float, connections: int) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def ms(label: str) -> float:
        m = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out)
        assert m, out
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    return {
        "rps": rate,
        "p50": ms("50%"),
        "p99": ms("99%"),
        "errors": float(errors.group(1)) if errors else 0.0,
    }


class RssSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = 0
        self.cpu = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.1)


async def observatory_process(
    servers: Servers, events: int
) -> tuple[subprocess.Popen[bytes], str, Any, str]:
    """A real observatory process with N events of the mix projected: (process, base URL,
    a NATS connection, its database URL)."""
    pg = servers.postgres.url
    await ensure_database(pg, "bench_observatory")
    settings = Settings(nats_url=servers.nats.url)
    nc = await bus.connect(settings)
    js = nc.jetstream()
    await reset_streams(js, settings)
    await publish(js, generate(events))
    port = free_port()
    url = database_url(pg, "observatory", "bench")
    env = {
        **os.environ,
        "MILAGRO_SERVICE": "observatory",
        "MILAGRO_PORT": str(port),
        "MILAGRO_DATABASE_URL": url,
        "MILAGRO_NATS_URL": servers.nats.url,
        "MILAGRO_LOG_LEVEL": "WARNING",
    }
    log = (servers.root / "observatory.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "milagro_observatory", "serve", "--migrate", "--provision"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while True:
            try:
                if (await client.get("/readyz")).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
        while True:  # projected everything?
            left = 0
            for c in CONSUMERS:
                info = await js.consumer_info(c.stream, c.name)
                left += info.num_pending + info.num_ack_pending
            if left == 0:
                break
            await asyncio.sleep(0.5)
        print(f"  {events:,} events projected by the service in {time.monotonic() - started:.0f} s")
        for path in PATHS:
            (await client.get(path)).raise_for_status()
    return process, base, nc, url


async def main(events: int, runs: int, seconds: float, connections: int) -> None:
    servers = start_servers("bench-obs-feed-")
    process = None
    try:
        process, base, nc, url = await observatory_process(servers, events)
        service = psutil.Process(process.pid)
        print(f"  RSS idle after projection: {service.memory_info().rss / 2**20:.0f} MB")
        bare_port = free_port()
        bare = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bare_feed:app",
                "--app-dir",
                str(HERE),
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
            env={
                **os.environ,
                "MILAGRO_BENCH_DSN": url.replace("postgresql+asyncpg://", "postgresql://"),
            },
        )
        try:
            async with httpx.AsyncClient(timeout=5) as client:
                for _ in range(100):
                    try:
                        (await client.get(f"http://127.0.0.1:{bare_port}/v1/progress"))
                        break
                    except httpx.HTTPError:
                        await asyncio.sleep(0.1)
            base_runs = [
                wrk(f"http://127.0.0.1:{bare_port}/v1/progress", seconds, connections)
                for _ in range(runs)
            ]
        finally:
            bare.terminate()
            bare.wait(10)
        baseline = statistics.median(r["rps"] for r in base_runs)
        each = ", ".join(f"{r['rps']:,.0f}" for r in base_runs)
        print(
            f"baseline bare FastAPI GET (one asyncpg read, constant body): median "
            f"{baseline:,.0f} req/s ({each}), "
            f"p99 {statistics.median(r['p99'] for r in base_runs):.1f} ms",
            flush=True,
        )
        for path in PATHS:
            results = []
            sampler = RssSampler(process.pid)
            sampler.start()
            cpu0 = sum(service.cpu_times()[:2])
            for run in range(runs):
                r = wrk(base + path, seconds, connections)
                results.append(r)
                print(
                    f"{path} run {run + 1}: {r['rps']:,.0f} req/s, p50 {r['p50']:.1f} ms, "
                    f"p99 {r['p99']:.1f} ms, non-2xx {r['errors']:.0f}",
                    flush=True,
                )
            cpu = sum(service.cpu_times()[:2]) - cpu0
            rps = statistics.median(r["rps"] for r in results)
            sampler.stop.set()
            sampler.join()
            print(
                f"{path}: median of {runs} x {seconds:g} s (wrk -t2 -c{connections}): "
                f"{statistics.median(r['rps'] for r in results):,.0f} req/s "
                f"(bar >= 2,000; {rps / baseline:.0%} of the bare baseline), "
                f"p50 {statistics.median(r['p50'] for r in results):.1f} ms, "
                f"p99 {statistics.median(r['p99'] for r in results):.1f} ms; service peak RSS "
                f"{sampler.peak / 2**20:.0f} MB (bar <= 200 MB), service CPU "
                f"{cpu / (runs * seconds):.0%} of a core"
            )
        await nc.close()
    finally:
        if process is not None:
            process.terminate()
            process.wait(10)
        servers.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=64)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.events, arguments.runs, arguments.seconds, arguments.connections))
