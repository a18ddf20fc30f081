"""The partner clients (clients/): generated from the services' current OpenAPI documents,
and a partner front-end built on them works against the running platform."""

import asyncio
import filecmp
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from milagro_kit.testing.auth import bearer

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = ROOT / "clients"
PARTNER = "IT-SIENA"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", CLIENTS / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _generator()


LOCAL = ["__pycache__", ".ruff_cache", ".mypy_cache", "node_modules"]
"""What tools leave beside the generated files (git ignores it), not compared."""


def differences(left: Path, right: Path) -> list[str]:
    """Files that differ, or are only on one side, between two folders (recursively)."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{n}" for n in compared.left_only + compared.right_only)
        found.extend(f"{prefix}{n}" for n in compared.diff_files + compared.funny_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=LOCAL), "")
    return found


REGENERATE = "regenerate with `uv run python clients/generate.py`"


def test_the_documents_are_what_the_services_serve() -> None:
    for name, document in generate.documents().items():
        committed = json.loads((CLIENTS / "openapi" / f"{name}.json").read_text())
        assert committed == document, f"clients/openapi/{name}.json is stale: {REGENERATE}"


@pytest.mark.timeout(300)
def test_the_python_clients_are_generated_from_the_documents(tmp_path: Path) -> None:
    for document in sorted((CLIENTS / "openapi").glob("*.json")):
        fresh = tmp_path / document.stem
        generate.write_python(document.stem, json.loads(document.read_text()), fresh)
        stale = differences(CLIENTS / "python" / document.stem, fresh)
        assert not stale, f"clients/python/{document.stem} differs in {stale}: {REGENERATE}"


@pytest.mark.timeout(300)
def test_the_typescript_types_are_generated_and_the_example_type_checks(tmp_path: Path) -> None:
    generate.write_typescript(CLIENTS / "openapi", tmp_path)
    stale = differences(CLIENTS / "typescript" / "src", tmp_path)
    assert not stale, f"clients/typescript/src differs in {stale}: {REGENERATE}"
    checked = subprocess.run(
        [str(generate.TYPESCRIPT / "node_modules" / ".bin" / "tsc"), "--noEmit"],
        cwd=generate.TYPESCRIPT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


async def test_the_python_example_runs_a_partner_round(stack, mint) -> None:
    url = {name: running.url for name, running in stack.services.items()}
    admin = bearer(mint.token(roles=["admin"]))
    partner = {"code": PARTNER, "name": "Siena", "country": "IT", "city": "Siena"}
    async with httpx.AsyncClient(base_url=url["registry"]) as registry:
        created = await registry.post("/v1/partners", json=partner, headers=admin)
        assert created.status_code == 201, created.text
    environment = os.environ | {
        "MILAGRO_TOKEN": mint.token(partner=PARTNER, roles=["coordinator"]),
        **{f"MILAGRO_{name.upper()}_URL": u for name, u in url.items()},
    }
    ran = await asyncio.create_subprocess_exec(
        sys.executable,
        str(CLIENTS / "examples" / "partner_front_end.py"),
        PARTNER,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(ran.communicate(), timeout=90)
    assert ran.returncode == 0, err.decode()
    said = dict(line.split(" ", 1) for line in out.decode().splitlines())
    session_id = said["booked"].split()[1]

    coordinator = bearer(mint.token(partner=PARTNER, roles=["coordinator"]))
    async with httpx.AsyncClient(base_url=url["coaching"]) as coaching:
        session = (await coaching.get(f"/v1/sessions/{session_id}", headers=coordinator)).json()
    assert session["state"] == "scheduled"
    meeting_id = said["recorded"].split()[-1]
    async with httpx.AsyncClient(base_url=url["events"]) as events:
        answer = await events.get(f"/v1/activities/{meeting_id}/attendance", headers=coordinator)
    assert answer.status_code == 200, answer.text
    assert len(answer.json()["items"]) == 2
