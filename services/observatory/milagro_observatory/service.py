from pathlib import Path

from milagro_kit.service import Service
from milagro_observatory import api, dashboard, feeds
from milagro_observatory.handlers import CONSUMERS
from milagro_observatory.store import metadata

service = Service(
    name="observatory",
    title="MILAGRO observatory",
    description="Live impact indicators of the programme, aggregate-only and safe to publish. "
    "Open data under CC BY 4.0.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    routers=[api.router, feeds.router, dashboard.router],
    consumers=list(CONSUMERS),
)
