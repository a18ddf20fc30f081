"""An open-loop load: POSTs started on a fixed schedule, whether or not earlier ones have
answered (no coordinated omission), over keep-alive HTTP/1.1 connections.

    python bench/openloop.py ENDPOINT URL TOKEN RATE SECONDS PATH [PATH ...]
        -> JSON figures on stdout

Run by write_endpoints.py in a process of its own. Each request's latency is counted from
its scheduled start, so a late client or a queue in the server both show; any answer but
2xx is an error. Limits: one Python process (uvloop) writing raw HTTP/1.1; its own lag
behind the schedule is reported (`lag_max`), and at a few hundred requests/s it uses a few
percent of a core. Request n goes to the n-th PATH in turn, with a unique body of
ENDPOINT's in BODIES (the registry's: unique names and e-mails; the events service's: a
check-in of one new person; the coaching service's: a quarter-hour session, request n in
the n-th quarter from 8000-01-01, after any time wrk books); another endpoint's body goes
there.
"""

import asyncio
import json
import statistics
import sys
import time
import uuid
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import uvloop

BODIES = {
    "registry": (
        '{{"partner":"IT-SIENA","given_name":"Omar","family_name":"{name}","group":"local",'
        '"email":"{key.hex}@example.org","languages":["it"],"birth_date":"19{year:02d}-03-04",'
        '"confirm_new_person":true}}'
    ),
    "events": '{{"attendance":[{{"participant_id":"{key}","present":true}}]}}',
    "coaching": '{{"starts_at":"{quarter:%Y-%m-%dT%H:%M:%S}Z","duration_minutes":15}}',
}
FAR = datetime(8000, 1, 1)


def word(x: int) -> str:
    """A pronounceable name per number (as write_endpoints.py's Lua): different sounds."""
    syllables = ""
    while True:
        x, c = divmod(x, 14)
        x, v = divmod(x, 5)
        syllables += "bdfgklmnprstvz"[c] + "aeiou"[v]
        if x == 0:
            return syllables.capitalize()


TIMEOUT_S = 10.0


class Client:
    """Idle keep-alive connections, and a new one whenever none is idle."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port, self.token = host, port, token
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, path: str, body: bytes) -> int:
        if self.idle:
            reader, writer = self.idle.pop()
        else:
            reader, writer = await asyncio.open_connection(self.host, self.port)
        writer.write(
            f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\n"
            f"Authorization: Bearer {self.token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.lower().split(b"\r\n")
            if line.startswith(b"content-length:")
        )
        await reader.readexactly(length)
        self.idle.append((reader, writer))
        return status


async def main(
    endpoint: str, url: str, token: str, rate: int, seconds: int, paths: list[str]
) -> dict[str, float]:
    parts = urlsplit(url)
    client = Client(parts.hostname or "127.0.0.1", parts.port or 80, token)
    latencies: list[float] = []
    lags: list[float] = []
    errors = 0

    async def one(n: int, due: float) -> None:
        nonlocal errors
        lags.append(time.perf_counter() - due)
        key = uuid.uuid4()
        name = word(key.int % 10**12)
        try:  # an answer later than TIMEOUT_S counts as an error, its connection dropped
            async with asyncio.timeout(TIMEOUT_S):
                body = BODIES[endpoint].format(
                    name=name, key=key, year=n % 90 + 10, quarter=FAR + n * timedelta(minutes=15)
                )
                status = await client.post(paths[n % len(paths)], body.encode())
        except (OSError, asyncio.IncompleteReadError, TimeoutError):
            status = 0
        latencies.append(time.perf_counter() - due)
        errors += not 200 <= status < 300

    begin = time.perf_counter() + 0.1
    tasks = []
    for n in range(rate * seconds):
        due = begin + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        tasks.append(asyncio.create_task(one(n, due)))
    await asyncio.gather(*tasks)
    q = statistics.quantiles(latencies, n=100)
    return {
        "rate": rate,
        "seconds": seconds,
        "sent": len(latencies),
        "errors": errors,
        "p50": q[49] * 1000,
        "p99": q[98] * 1000,
        "max": max(latencies) * 1000,
        "lag_max": max(lags) * 1000,
    }


if __name__ == "__main__":
    endpoint, url, token, rate, seconds, *paths = sys.argv[1:]
    print(json.dumps(uvloop.run(main(endpoint, url, token, int(rate), int(seconds), paths))))
