from pathlib import Path

from milagro_kit.service import Service
from milagro_notifier import api, devmail
from milagro_notifier.dispatch import dispatch
from milagro_notifier.handlers import (
    mail_activities,
    mail_coaching,
    merge_person,
    purge,
    registry_events,
)
from milagro_notifier.settings import NotifierSettings
from milagro_notifier.store import metadata, participants
from milagro_notifier.webhooks.api import router as webhooks
from milagro_notifier.webhooks.dispatch import dispatch_webhooks
from milagro_notifier.webhooks.fanout import webhook_events

participants.handle(on_merged=merge_person, on_erased=purge)

service = Service(
    name="notifier",
    title="MILAGRO notifier",
    description="Tells people and partner systems what they need to know: e-mail, webhooks.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    routers=[api.router, devmail.router, webhooks],
    consumers=[
        registry_events,
        participants.consumer,
        mail_activities,
        mail_coaching,
        *webhook_events,
    ],
    tasks=[dispatch, dispatch_webhooks],
    settings=NotifierSettings,
    port_offset=5,
)
