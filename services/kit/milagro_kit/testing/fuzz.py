"""Schemathesis over a service's own OpenAPI document: no 5xx, and every response as
documented (status, content type, schema, a 405's `Allow`).

`fuzz` tries each operation alone, through any httpx client (an ASGI app in process, or a
running service): cases are generated in a worker thread and sent on the test's event
loop. `stateful` runs schemathesis's own engine (its command line, as CI or a developer
would) against a running service: sequences of calls, each response's ids feeding the
next (the links it infers between create, read, update and delete).
"""

import asyncio
import contextlib
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass
class Fuzzed:
    """What a run found: each failing operation's reason, and the statuses answered."""

    failures: list[str] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)


async def fuzz(
    client: httpx.AsyncClient,
    headers: dict[str, str] | None = None,
    examples: int = 40,
    skip: tuple[str, ...] = (),
) -> Fuzzed:
    """Fuzz every operation of the app behind `client` with `examples` cases each, but the
    paths in `skip` (a stream that never ends, say)."""
    document = (await client.get("/openapi.json")).json()
    schema = schemathesis.openapi.from_dict(document)
    loop = asyncio.get_running_loop()
    found = Fuzzed()

    def send(case: Any) -> None:
        kwargs = case.as_transport_kwargs(base_url="http://test")
        kwargs["headers"] = {**(kwargs.get("headers") or {}), **(headers or {})}
        kwargs.pop("cookies", None)
        request = client.request(**kwargs)
        response = asyncio.run_coroutine_threadsafe(request, loop).result(30)
        found.statuses[response.status_code] += 1
        if response.status_code >= 500:  # said outright: not every check run reports it
            found.failures.append(
                f"{case.method} {case.formatted_path} answered {response.status_code}: "
                f"{response.text[:500]} (query {case.query!r:.300}, body {case.body!r:.300})"
            )
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as exc:  # collect and report every operation's failure
            found.failures.append(f"{case.method} {case.formatted_path}: {exc}"[:2000])
            raise

    def run() -> None:
        for result in schema.get_all_operations():
            if not isinstance(result, Ok):
                found.failures.append(f"an operation the fuzzer cannot read: {result.err()}")
                continue
            operation = result.ok()
            if operation.path in skip:
                continue

            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy())
            def one(case: Any) -> None:
                send(case)

            # failures are collected by `send`; go on with the next operation
            with contextlib.suppress(Exception, BaseExceptionGroup):
                one()

    await asyncio.to_thread(run)
    found.failures = list(dict.fromkeys(found.failures))
    return found


STATEFUL_CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance,unsupported_method,allow_header_conformance,use_after_free"
)
"""Besides the checks of `fuzz`: a method the path lacks is a 405 whose `Allow` lists the
path's methods, and a deleted resource is gone. (Not `ensure_resource_availability`: it
takes a 404 for a record named in the body, a merge's unknown duplicate, for the created
record of the path.)"""


async def stateful(
    url: str,
    headers: dict[str, str],
    examples: int = 10,
    max_time_s: int = 60,
    skip: tuple[str, ...] = (),
) -> tuple[bool, str]:
    """Schemathesis against the running service at `url`, as `headers` (a real token),
    on every operation but the paths in `skip`: each operation alone, then sequences of
    calls, each response's ids feeding the next through the links it infers; `examples`
    per operation within `max_time_s`. Returns whether it passed, and its report."""
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{url}/openapi.json"]
    command += ["--phases", "fuzzing,stateful", "--checks", STATEFUL_CHECKS, "--no-color"]
    command += ["--max-examples", str(examples), "--max-time", str(max_time_s)]
    command += ["--generation-database", "none", "--request-timeout", "30"]
    for name, value in headers.items():
        command += ["--header", f"{name}: {value}"]
    for path in skip:
        command += ["--exclude-path", path]
    with tempfile.TemporaryDirectory() as scratch:  # where it keeps its cache of crashes
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, cwd=scratch
        )
        report, _ = await process.communicate()
    return process.returncode == 0, report.decode(errors="replace")
