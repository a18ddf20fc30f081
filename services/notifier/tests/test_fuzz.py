"""Schemathesis fuzzes the notifier from its own OpenAPI document: no 5xx, responses as
documented, with an admin token so the cases reach real code."""

import pytest

from milagro_kit.testing.fuzz import fuzz

EXAMPLES = 30


@pytest.mark.timeout(300)
async def test_notifier_api_survives_fuzzing(notifier):
    async with notifier() as api:
        found = await fuzz(api.client, api.admin, EXAMPLES)
    assert not found.failures, "\n".join(found.failures)
    print("fuzzed:", dict(found.statuses))
    assert found.statuses[200] + found.statuses[202] > EXAMPLES, found.statuses
