"""Every service's migrations build exactly the tables its store declares."""

import asyncio

import pytest

from milagro_coaching.service import service as coaching
from milagro_events.service import service as events
from milagro_kit.migrations import differences
from milagro_notifier.service import service as notifier
from milagro_observatory.service import service as observatory
from milagro_registry.service import service as registry


@pytest.mark.parametrize("service", [registry, events, coaching, observatory, notifier])
async def test_migrated_database_equals_the_metadata(service, service_settings):
    settings = await service_settings(service)  # a new database, migrated to head
    url = settings.database_url.get_secret_value()
    assert await asyncio.to_thread(differences, url, service.metadata) == []
