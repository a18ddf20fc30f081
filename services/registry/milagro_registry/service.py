from pathlib import Path

from milagro_kit.service import Service
from milagro_registry.api import router
from milagro_registry.store import metadata

service = Service(
    name="registry",
    title="MILAGRO registry",
    description="Partners and participants: the only home of personal data in the platform.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    routers=[router],
)
