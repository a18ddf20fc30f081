from pathlib import Path

from milagro_coaching.demo import load_demo, simulate
from milagro_coaching.handlers import registry_events
from milagro_coaching.store import metadata
from milagro_kit.service import Service

service = Service(
    name="coaching",
    title="MILAGRO coaching",
    description="Coaching across the continents: academies, coaches, newcomers, sessions.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    consumers=[registry_events],
    commands={"demo": load_demo, "simulate": simulate},
    port_offset=3,
)
