from pathlib import Path

from milagro_events.api import (
    activities,
    assessments,
    attendance,
    camps,
    instruments,
    mediation,
    trainings,
)
from milagro_events.demo import load_demo, simulate
from milagro_events.directory import registry_events
from milagro_events.store import metadata
from milagro_kit.service import Service

service = Service(
    name="events",
    title="MILAGRO events",
    description="Activities of every kind, attendance, trainings and certification, summer "
    "camps, mediation services, assessments.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    routers=[
        activities.router,
        attendance.router,
        camps.router,
        trainings.router,
        mediation.router,
        instruments.router,
        assessments.router,
    ],
    consumers=[registry_events],
    commands={"demo": load_demo, "simulate": simulate},
    publishes="activities",
    port_offset=2,
)
