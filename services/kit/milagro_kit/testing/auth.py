"""Test helpers for access control: a per-session signing key and settings that trust it.

Import the `mint` fixture into a test module or conftest (`from milagro_kit.testing.auth
import mint`) and pass `**trusting(mint)` to `service_settings`.
"""

from typing import Any

import pytest

from milagro_kit.auth.devkeys import TokenMint


@pytest.fixture(scope="session")
def mint() -> TokenMint:
    """Signs test tokens with a key made for this test session."""
    return TokenMint.generate(issuer="milagro-tests", audience="milagro")


def trusting(mint: TokenMint) -> dict[str, Any]:
    """Settings overrides for a service that accepts the mint's tokens."""
    return {
        "auth_public_key": mint.public_pem,
        "auth_issuer": mint.issuer,
        "auth_audience": mint.audience,
        "auth_jwks_url": None,
    }


def bearer(token: str) -> dict[str, str]:
    """The Authorization header carrying a token."""
    return {"Authorization": f"Bearer {token}"}
