"""Every service's migrations build exactly the tables its store declares."""

import asyncio

import pytest

from milagro_kit.migrations import differences
from milagro_platform.services import discover


@pytest.mark.parametrize("service", list(discover().values()), ids=list(discover()))
async def test_migrated_database_equals_the_metadata(service, service_settings):
    settings = await service_settings(service)  # a new database, migrated to head
    url = settings.database_url.get_secret_value()
    assert await asyncio.to_thread(differences, url, service.metadata) == []
