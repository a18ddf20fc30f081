"""The kit's consumer path through faststream's in-memory test broker (no nats-server):
typed reading, the processed-event claim and the handlers, against a real database."""

import pytest

from milagro_contracts import new_envelope
from milagro_kit.testing.in_memory import in_memory


@pytest.fixture
async def database(service_database, tally):
    return await service_database(tally.service)


async def test_events_are_handled_once_each(tally, database):
    again = new_envelope(tally.registered(), source="/test")
    async with in_memory(tally.service.consumers[0], database) as publish:
        await publish(tally.registered(), tally.registered(), again, again)
    assert await tally.counts(database) == (3, 3)


async def test_an_event_the_kit_would_retry_fails_the_test(tally, database):
    async with in_memory(tally.service.consumers[0], database) as publish:
        with pytest.raises(AssertionError, match="cannot count poison"):
            await publish(tally.registered(tally.poison_partner))
        await publish(tally.registered())
    assert await tally.counts(database) == (1, 1)
