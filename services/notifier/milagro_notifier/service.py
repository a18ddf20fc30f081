from pathlib import Path

from milagro_kit.service import Service
from milagro_notifier.handlers import registry_events
from milagro_notifier.store import metadata
from milagro_notifier.webhooks.api import router as webhooks
from milagro_notifier.webhooks.dispatch import dispatch_webhooks
from milagro_notifier.webhooks.fanout import webhook_events
from milagro_notifier.webhooks.settings import WebhookSettings

service = Service(
    name="notifier",
    title="MILAGRO notifier",
    description="Tells people and partner systems what they need to know: e-mail, webhooks.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    consumers=[registry_events, *webhook_events],
    routers=[webhooks],
    tasks=[dispatch_webhooks],
    settings=WebhookSettings,
    port_offset=5,
)
