"""`milagro token` signs with this machine's development key, which services trust."""

import jwt
import pytest

from milagro_kit.settings import Settings
from milagro_platform.cli import main as milagro


def test_milagro_token_mints_with_the_local_key(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MILAGRO_HOME", str(tmp_path))
    with pytest.raises(SystemExit) as exited:
        milagro(
            [
                "token",
                "--partner",
                "IT-SIENA",
                "--role",
                "coordinator",
                "--role",
                "staff",
                "--ttl",
                "15m",
            ]
        )
    assert exited.value.code == 0
    token = capsys.readouterr().out.strip()
    public = (tmp_path / "keys" / "dev-signing-key.pub.pem").read_text()
    settings = Settings()
    claims = jwt.decode(
        token,
        public,
        algorithms=["EdDSA"],
        audience=settings.auth_audience,
        issuer=settings.auth_issuer,
    )
    assert claims["partner"] == "IT-SIENA" and claims["roles"] == ["coordinator", "staff"]
    assert 890 <= claims["exp"] - claims["iat"] <= 900
    assert oct((tmp_path / "keys" / "dev-signing-key.pem").stat().st_mode)[-3:] == "600"
    with pytest.raises(SystemExit) as refused:
        milagro(["token", "--role", "staff"])  # a person needs a partner
    assert refused.value.code == 2
