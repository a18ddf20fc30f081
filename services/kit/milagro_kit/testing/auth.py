"""Test helpers for access control: settings that trust a mint, and the header of a token.

The session's mint is the plugin's `mint` fixture.
"""

from typing import Any

from milagro_kit.auth.mint import TokenMint


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
