"""docs/adding-a-service.md, proven: the service its code blocks describe is built in a
throw-away folder, checked like the others (ruff, strict mypy), migrated, served; its
route writes and publishes, its consumer receives the registry's events."""

import importlib
import re
import subprocess
import sys
import tomllib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from milagro_contracts.event import Group
from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered
from milagro_kit.database import Database
from milagro_kit.service import Service
from milagro_kit.testing.plugin import eventually

ROOT = Path(__file__).parents[3]
DOC = ROOT / "docs" / "adding-a-service.md"
BLOCK = re.compile(r"^```\w+ file=(?P<path>\S+)\n(?P<code>.*?)^```$", re.M | re.S)


def files_of(doc: str) -> dict[str, str]:
    """Every code block of the page that names its file, by that file's path."""
    return {m["path"]: m["code"] for m in BLOCK.finditer(doc)}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """services/mentoring/, as the page writes it."""
    root = tmp_path_factory.mktemp("services") / "mentoring"
    for path, code in files_of(DOC.read_text()).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(code)
    (root / "milagro_mentoring" / "py.typed").touch()
    return root


@pytest.fixture(scope="module")
def mentoring(folder: Path) -> Iterator[Service]:
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module("milagro_mentoring.service").service
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m.startswith("milagro_mentoring")]:
            del sys.modules[name]


def test_the_page_gives_every_file_of_the_package(folder):
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.py")) == [
        "milagro_mentoring/__init__.py",
        "milagro_mentoring/__main__.py",
        "milagro_mentoring/api.py",
        "milagro_mentoring/handlers.py",
        "milagro_mentoring/migrations/env.py",
        "milagro_mentoring/migrations/versions/2026_12_01_0001_mentees_sessions.py",
        "milagro_mentoring/service.py",
        "milagro_mentoring/store.py",
    ]
    project = tomllib.loads((folder / "pyproject.toml").read_text())["project"]
    assert project["scripts"] == {"milagro-mentoring": "milagro_mentoring.__main__:main"}
    services = project["entry-points"]["milagro.services"]
    assert services == {"mentoring": "milagro_mentoring.service:service"}


def test_the_code_passes_the_house_checks(folder):
    """ruff and strict mypy with the root configuration, as the checklist has it added."""
    package = str(folder / "milagro_mentoring")
    configuration = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
    first_party = [*configuration["ruff"]["lint"]["isort"]["known-first-party"]]
    first_party.append("milagro_mentoring")
    lint = subprocess.run(
        [
            *(sys.executable, "-m", "ruff", "check", package),
            *("--config", str(ROOT / "pyproject.toml")),
            *("--config", f"lint.isort.known-first-party = {first_party!r}"),
        ],
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    types = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), package],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"MYPYPATH": str(folder)},
    )
    assert types.returncode == 0, types.stdout + types.stderr


async def test_the_service_migrates_serves_publishes_and_consumes(mentoring, serve, bus):
    async with serve(mentoring, partners=()) as api:
        participant = uuid.uuid4()
        await bus.publish(
            ParticipantRegistered(
                partner="IT-SIENA",
                participant_id=participant,
                registered_at=datetime.now(UTC),
                attributes=ParticipantAttributes(group=Group.migrant),
            ),
            source="/milagro/registry",
        )
        await eventually(lambda: bus.drained("REGISTRY", "mentoring-registry"))
        store = importlib.import_module("milagro_mentoring.store")
        database = Database(api.settings.database_url.get_secret_value())
        async with database.transaction() as session:
            admitted = (await session.execute(select(store.mentees))).all()
        await database.close()
        assert [(row.participant_id, row.partner) for row in admitted] == [
            (participant, "IT-SIENA")
        ]

        body = {
            "partner": "IT-SIENA",
            "mentee_id": str(participant),
            "starts_at": datetime.now(UTC).isoformat(),
            "minutes": 45,
        }
        refused = await api.client.post("/v1/sessions", json=body, headers=api.as_("NL-UTRECHT"))
        assert refused.status_code == 403
        held = await api.client.post("/v1/sessions", json=body, headers=api.as_("IT-SIENA"))
        assert held.status_code == 201, held.text

        async def published() -> bool:
            return bool(await bus.events("COACHING"))

        await eventually(published)
        (event,) = await bus.events("COACHING")
        assert event["source"] == mentoring.source == "/milagro/mentoring"
        assert event["data"]["session_id"] == held.json()["id"]
        assert event["data"]["duration_minutes"] == 45
