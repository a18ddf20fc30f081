"""Schemathesis fuzzes the registry from its own OpenAPI document: no 5xx, responses as
documented, with an admin token so the cases reach real code."""

import pytest

from milagro_kit.testing.fuzz import fuzz
from milagro_registry.service import service

EXAMPLES = 40


@pytest.mark.timeout(240)
async def test_registry_api_survives_fuzzing(serve):
    async with serve(service, partners=("IT-SIENA", "RS-BELGRADE")) as api:
        found = await fuzz(api.client, api.admin, EXAMPLES)
    assert not found.failures, "\n".join(found.failures)
    print("fuzzed:", dict(found.statuses))
    assert found.statuses[200] + found.statuses[201] > EXAMPLES, found.statuses  # real code
