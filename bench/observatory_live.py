"""The live stream with a large audience: every client gets each new version, and plain
GETs stay fast while they are connected.

    uv run python bench/observatory_live.py [--clients 1000] [--events 20000] [--seconds 8]

A real observatory process (as in bench/observatory_feed.py) projects N events; then
`clients` Server-Sent-Events clients connect to `/v1/stream` (raw asyncio streams in this
process, one TCP connection each) and read their first version. While they stay
connected:

  versions   a registration is published on the bus, five times, 2 s apart; for each,
             the time from publishing until each client has received the new version
             (projection, release of the version, render and fan-out included);
  GET        wrk with 4 connections on `GET /v1/indicators/participants-registered` for
             `seconds` (p50, p99: what a reader waits, not the saturated service, which
             bench/observatory_feed.py measures), compared with the same load without any
             client connected, measured in the same run.

Bars (issue 17): with 1,000 clients connected, indicator GET p99 <= 50 ms, and every
client receives each new version within 1 s; the service <= 200 MB RSS.
"""

import argparse
import asyncio
import statistics
import time
import uuid
from datetime import UTC, datetime

import psutil
import uvloop
from observatory_feed import RssSampler, observatory_process, wrk
from observatory_mix import start_servers

from milagro_contracts import new_envelope, spec_of
from milagro_contracts.event import Group
from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered

GET = "/v1/indicators/participants-registered"
PROBES = 4  # wrk connections: a reader's latency, not the service saturated (see feed bench)


class Listener:
    """One SSE client: the latest version id it has read, and when."""

    def __init__(self) -> None:
        self.version = -1
        self.seen: dict[int, float] = {}
        self.first = asyncio.Event()

    async def run(self, host: str, port: int) -> None:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(
            f"GET /v1/stream HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode()
        )
        await writer.drain()
        while line := await reader.readline():
            if line.startswith(b"id: "):
                self.version = int(line[4:])
                self.seen[self.version] = time.monotonic()
                self.first.set()


async def main(clients: int, events: int, seconds: float) -> None:
    servers = start_servers("bench-obs-live-")
    process = None
    try:
        process, base, nc, _ = await observatory_process(servers, events)
        js = nc.jetstream()
        host, port = base.removeprefix("http://").split(":")
        quiet = wrk(base + GET, seconds, PROBES)
        print(f"GET without listeners: {quiet['rps']:,.0f} req/s, p99 {quiet['p99']:.1f} ms")
        sampler = RssSampler(process.pid)
        sampler.start()
        listeners = [Listener() for _ in range(clients)]
        tasks = [asyncio.create_task(li.run(host, int(port))) for li in listeners]
        await asyncio.wait_for(asyncio.gather(*(li.first.wait() for li in listeners)), 60)
        print(f"{clients} listeners connected, each read its first version", flush=True)
        delays: list[float] = []
        for _ in range(5):
            before = max(li.version for li in listeners)
            payload = ParticipantRegistered(
                partner="IT-SIENA",
                participant_id=uuid.uuid4(),
                registered_at=datetime.now(UTC),
                attributes=ParticipantAttributes(group=Group.migrant),
            )
            envelope = new_envelope(payload, source="/bench")
            published = time.monotonic()
            await js.publish(
                spec_of(type(payload)).subject,
                envelope.model_dump_json().encode(),
                headers={"Nats-Msg-Id": str(envelope.id)},
            )
            deadline = published + 10
            while time.monotonic() < deadline and any(li.version <= before for li in listeners):
                await asyncio.sleep(0.01)
            late = [li for li in listeners if li.version <= before]
            arrived = [
                min(t for v, t in li.seen.items() if v > before) - published
                for li in listeners
                if li.version > before
            ]
            delays += arrived
            print(
                f"  version after {before}: {len(arrived)} of {clients} clients, slowest "
                f"{max(arrived, default=float('nan')):.3f} s, not within 10 s: {len(late)}",
                flush=True,
            )
            await asyncio.sleep(2)
        loud = wrk(base + GET, seconds, PROBES)
        sampler.stop.set()
        sampler.join()
        ordered = sorted(delays)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else float("nan")
        print(
            f"with {clients} listeners: each version reached every client in median "
            f"{statistics.median(ordered):.3f} s, p99 {p99:.3f} s, max {ordered[-1]:.3f} s "
            f"(bar: all within 1 s); GET {loud['rps']:,.0f} req/s, p50 {loud['p50']:.1f} ms, "
            f"p99 {loud['p99']:.1f} ms (bar <= 50 ms; without listeners {quiet['p99']:.1f} ms); "
            f"service peak RSS {sampler.peak / 2**20:.0f} MB (bar <= 200 MB), "
            f"threads {psutil.Process(process.pid).num_threads()}"
        )
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await nc.close()
    finally:
        if process is not None:
            process.terminate()
            process.wait(10)
        servers.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=8)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.clients, arguments.events, arguments.seconds))
