from pathlib import Path

from milagro_kit.service import Service
from milagro_observatory.api import router
from milagro_observatory.handlers import registry_events
from milagro_observatory.store import metadata

service = Service(
    name="observatory",
    title="MILAGRO observatory",
    description="Live impact indicators of the programme, aggregate-only and safe to publish.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    routers=[router],
    consumers=[registry_events],
)
