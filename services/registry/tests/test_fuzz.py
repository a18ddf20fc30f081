"""Schemathesis fuzzes the registry from its own OpenAPI document: no 5xx, responses as
documented. In process: cases are generated in a worker thread and sent to the ASGI app
on the test's event loop, with an admin token so they reach real code."""

import asyncio
import contextlib
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from milagro_registry.service import service

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 40


@pytest.mark.timeout(240)
async def test_registry_api_survives_fuzzing(serve):
    async with serve(service, partners=("IT-SIENA", "RS-BELGRADE")) as api:
        client, admin = api.client, api.admin
        document = (await client.get("/openapi.json")).json()
        schema = schemathesis.openapi.from_dict(document)
        loop = asyncio.get_running_loop()
        failures: list[str] = []
        statuses: Counter[int] = Counter()

        def send(case: schemathesis.Case) -> None:
            kwargs = case.as_transport_kwargs(base_url="http://test")
            kwargs["headers"] = {**(kwargs.get("headers") or {}), **admin}
            kwargs.pop("cookies", None)
            request = client.request(**kwargs)
            response = asyncio.run_coroutine_threadsafe(request, loop).result(30)
            statuses[response.status_code] += 1
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as exc:  # collect and report every operation's failure
                failures.append(f"{case.method} {case.formatted_path}: {exc}"[:2000])
                raise

        def fuzz() -> None:
            for result in schema.get_all_operations():
                operation = result.ok()

                @settings(
                    max_examples=EXAMPLES,
                    deadline=None,
                    database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                @given(case=operation.as_strategy())
                def one(case: schemathesis.Case) -> None:
                    send(case)

                # failures are collected by `send`; go on with the next operation
                with contextlib.suppress(Exception):
                    one()

        await asyncio.to_thread(fuzz)
        assert not failures, "\n".join(dict.fromkeys(failures))
        print("fuzzed:", dict(statuses))
        assert statuses[200] + statuses[201] > EXAMPLES, statuses  # real code was reached
