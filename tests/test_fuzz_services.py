"""Schemathesis fuzzes the events and coaching services from their own OpenAPI documents:
no 5xx, every response as documented, with an admin token so the cases reach real code.
(The registry's, the observatory's and the notifier's fuzzing need partners, skip a stream
or a fake registry: they live with those services.)"""

import pytest

from milagro_coaching.service import service as coaching
from milagro_events.service import service as events
from milagro_kit.service import Service
from milagro_kit.testing.fuzz import fuzz

EXAMPLES = 30


@pytest.mark.timeout(300)
@pytest.mark.parametrize("service", [events, coaching], ids=lambda s: s.name)
async def test_the_api_survives_fuzzing(serve, service: Service):
    async with serve(service) as api:
        found = await fuzz(api.client, api.admin, EXAMPLES)
    assert not found.failures, "\n".join(found.failures)
    print(service.name, "fuzzed:", dict(found.statuses))
    assert found.statuses[200] + found.statuses[201] > EXAMPLES, found.statuses  # real code
