"""Every service conforms to its own OpenAPI document, running as a process of the
platform: schemathesis's stateful phase with an admin token (real, signed by a key the
services trust) finds no 5xx, no undocumented status or content type, a 405 with the
path's methods in `Allow`, a deleted resource gone and a created one readable.

Bounded for CI (`CONFORMANCE_SECONDS` per service); a longer run:
`MILAGRO_CONFORMANCE_SECONDS=600 MILAGRO_CONFORMANCE_EXAMPLES=100 uv run pytest
tests/test_conformance.py -s`. (Each operation alone is fuzzed in process by every
service's own tests: services/*/tests/test_fuzz.py, tests/test_fuzz_services.py.)
"""

import os

import pytest

from milagro_kit.testing.auth import bearer
from milagro_kit.testing.fuzz import stateful

SECONDS = int(os.environ.get("MILAGRO_CONFORMANCE_SECONDS", "45"))
EXAMPLES = int(os.environ.get("MILAGRO_CONFORMANCE_EXAMPLES", "10"))
SKIP = {"observatory": ("/v1/stream",)}
"""A live stream never ends its response (the observatory's tests/test_live.py reads it)."""


@pytest.mark.timeout(SECONDS + 120)
@pytest.mark.parametrize("service", ["registry", "events", "coaching", "observatory", "notifier"])
async def test_the_api_conforms_to_its_document(stack, mint, service):
    admin = bearer(mint.token(roles=["admin"], subject="admin@consortium"))
    url = stack.services[service].url
    passed, report = await stateful(url, admin, EXAMPLES, SECONDS, SKIP.get(service, ()))
    print(report[-3000:])
    assert passed, report[-30000:]
