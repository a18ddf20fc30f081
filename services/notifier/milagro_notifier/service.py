from pathlib import Path

from milagro_kit.service import Service
from milagro_notifier.handlers import registry_events
from milagro_notifier.store import metadata

service = Service(
    name="notifier",
    title="MILAGRO notifier",
    description="Tells people and partner systems what they need to know: e-mail, webhooks.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    consumers=[registry_events],
    port_offset=5,
)
