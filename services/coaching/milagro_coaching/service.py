from pathlib import Path

from milagro_coaching.api import calendars, sessions
from milagro_coaching.demo import load_demo, simulate
from milagro_coaching.store import metadata, participants
from milagro_kit.service import Service

service = Service(
    name="coaching",
    title="MILAGRO coaching",
    description="Coaching across the continents: academies, coaches, newcomers, sessions.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    routers=[sessions.router, calendars.router],
    consumers=[participants.consumer],
    commands={"demo": load_demo, "simulate": simulate},
    port_offset=3,
)
