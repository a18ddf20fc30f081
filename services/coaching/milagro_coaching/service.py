from pathlib import Path

from milagro_coaching import forgetting
from milagro_coaching.api import academies, calendars, matching, open_directory, sessions
from milagro_coaching.certification import activity_events
from milagro_coaching.demo import load_demo, simulate
from milagro_coaching.store import metadata, participants
from milagro_kit.service import Service

participants.handle(on_merged=forgetting.merge, on_erased=forgetting.forget)

service = Service(
    name="coaching",
    title="MILAGRO coaching",
    description="Coaching across the continents: academies, coaches, newcomers, explainable "
    "optimal matching, sessions, calendars, and the open directory of the academies' offer.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    routers=[
        academies.router,
        matching.router,
        sessions.router,
        calendars.router,
        open_directory.router,
    ],
    consumers=[participants.consumer, activity_events],
    commands={"demo": load_demo, "simulate": simulate},
    publishes="coaching",
    port_offset=3,
)
