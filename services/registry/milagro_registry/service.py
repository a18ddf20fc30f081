from pathlib import Path

from milagro_kit.service import Service
from milagro_registry.api import routers
from milagro_registry.demo import load_demo
from milagro_registry.store import metadata

service = Service(
    name="registry",
    title="MILAGRO registry",
    description="Partners and participants: the only home of personal data in the platform. "
    "Every endpoint but the health checks needs a bearer token; a partner's people see only "
    "that partner's records, admins all.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    routers=routers,
    commands={"demo": load_demo},
    publishes="registry",
    port_offset=1,
)
