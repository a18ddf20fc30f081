"""The supervised stack, as `milagro up` runs it: kill -9 a service's API process, its
worker, nats-server or PostgreSQL, and each comes back, restarted by the supervisor, and
the stack registers and publishes again. Only the registry runs, to keep it short."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import psutil
import pytest

from milagro_kit.auth.mint import TokenMint
from milagro_kit.database import database_url
from milagro_kit.settings import Settings
from milagro_kit.testing.auth import trusting
from milagro_kit.testing.plugin import calling, eventually, outbox_drained
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres, free_port, stop_all
from milagro_platform.home import STATUS_FILE
from milagro_platform.stack import Stack
from milagro_platform.supervisor import read_status

PARTNER = "IT-SIENA"


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory, mint: TokenMint) -> AsyncIterator[Stack]:
    home = tmp_path_factory.mktemp("supervised")
    postgres = EmbeddedPostgres(home / "postgres", free_port(), durable=False)
    nats = EmbeddedNats(home / "nats", free_port())
    environment = {f"MILAGRO_{k.upper()}": str(v) for k, v in trusting(mint).items() if v}
    running = Stack(
        home,
        postgres.url,
        nats.url,
        ports={"registry": free_port()},
        environment=environment | {"MILAGRO_RELAY_POLL_INTERVAL_S": "0.2"},
        servers={"postgres": postgres, "nats": nats},
    )
    try:
        postgres.start()
        nats.start()
        await running.prepare()
        running.start()
        await running.wait_ready(90)
        async with calling(running.services["registry"].url, mint) as registry:
            await registry.add_partners(PARTNER)
        yield running
    finally:
        running.stop()
        stop_all(nats, postgres)


async def registers_and_publishes(stack: Stack, mint: TokenMint) -> None:
    """A registration is taken (the API) and its event leaves the outbox (the worker)."""
    token = mint.token(partner=PARTNER, roles=["coordinator"])
    person = {
        "partner": PARTNER,
        "given_name": "Amina",
        "family_name": f"Haddad-{uuid.uuid4().hex[:8]}",
        "email": f"{uuid.uuid4().hex[:12]}@example.org",
        "birth_date": "1994-05-17",
        "group": "migrant",
        "migrant_status": "refugee",
        "languages": ["ar"],
        "confirm_new_person": True,
    }
    async with httpx.AsyncClient(base_url=stack.services["registry"].url, timeout=20) as api:
        response = await api.post(
            "/v1/participants", json=person, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status_code == 201, response.text
    url = database_url(stack.postgres_url, "registry", stack.database_prefix)
    await eventually(lambda: outbox_drained(Settings(database_url=url)), timeout=30)


@pytest.mark.parametrize("victim", ["registry", "registry-work", "nats", "postgres"])
async def test_a_killed_process_comes_back_and_the_stack_serves_again(
    stack: Stack, mint: TokenMint, victim: str
) -> None:
    await registers_and_publishes(stack, mint)
    before = stack.restarts()[victim]
    pid = stack.pids()[victim]
    os.kill(pid, signal.SIGKILL)  # as an operator or the OOM killer would: not reaped here

    async def restarted() -> bool:
        return stack.pids().get(victim, pid) != pid

    await eventually(restarted, timeout=45, interval=0.2)
    await stack.wait_ready(90)
    assert stack.restarts()[victim] == before + 1
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    await registers_and_publishes(stack, mint)
    status = read_status(stack.home / STATUS_FILE)
    assert status is not None and status["processes"][victim]["restarts"] == before + 1
    assert (
        f"{victim} (pid {pid}) was killed by SIGKILL"
        in (stack.home / "logs" / "supervisor.log").read_text()
    )


def test_status_of_a_stack_that_is_down_answers_at_once(tmp_path: Path) -> None:
    milagro = Path(sys.executable).parent / "milagro"
    environment = os.environ | {
        "MILAGRO_HOME": str(tmp_path),
        "MILAGRO_POSTGRES_PORT": str(free_port()),
        "MILAGRO_NATS_PORT": str(free_port()),
    }
    started = time.monotonic()
    answered = subprocess.run(
        [milagro, "status"], env=environment, capture_output=True, text=True, timeout=10
    )
    took = time.monotonic() - started
    assert answered.returncode == 1
    assert "MILAGRO is down" in answered.stdout
    assert "uv run milagro up" in answered.stdout
    assert took < 2, f"milagro status took {took:.1f} s"
