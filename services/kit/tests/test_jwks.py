"""Production verification: tokens checked against an identity provider's JWKS over HTTP."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from jwt.algorithms import OKPAlgorithm

from milagro_kit.auth.verify import InvalidToken, TokenVerifier
from milagro_kit.settings import Settings
from milagro_platform.embedded import free_port

ISSUER, AUDIENCE = "https://id.example.org", "milagro"


class IdentityProvider:
    """A JWKS endpoint on loopback whose keys can be rotated."""

    def __init__(self) -> None:
        self.keys: dict[str, Ed25519PrivateKey] = {}
        self.fetches = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.fetches += 1
                body = json.dumps(
                    {
                        "keys": [
                            json.loads(OKPAlgorithm.to_jwk(key.public_key()))
                            | {"kid": kid, "use": "sig"}
                            for kid, key in provider.keys.items()
                        ]
                    }
                ).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/jwks.json"

    def token(self, kid: str, key: Ed25519PrivateKey | None = None, **claims: object) -> str:
        now = int(time.time())
        body = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "u1",
            "iat": now,
            "exp": now + 60,
            "partner": "IT-SIENA",
            "roles": ["coordinator"],
        } | claims
        return jwt.encode(body, key or self.keys[kid], algorithm="EdDSA", headers={"kid": kid})


@pytest.fixture
def provider():
    idp = IdentityProvider()
    idp.keys["2026-a"] = Ed25519PrivateKey.generate()
    yield idp
    idp.server.shutdown()


@pytest.fixture
def verifier(provider):
    return TokenVerifier(
        Settings(
            auth_jwks_url=provider.url,
            auth_issuer=ISSUER,
            auth_audience=AUDIENCE,
            auth_public_key=None,
        )
    )


async def test_a_token_signed_by_a_published_key_is_accepted(provider, verifier):
    principal = await verifier.verify(provider.token("2026-a"))
    assert principal.partner == "IT-SIENA"
    assert {r.value for r in principal.roles} == {"coordinator"}


async def test_keys_are_cached_and_unknown_key_ids_cannot_flood_the_provider(provider, verifier):
    await verifier.verify(provider.token("2026-a"))
    await verifier.verify(provider.token("2026-a"))
    assert provider.fetches == 1
    for n in range(20):
        with pytest.raises(InvalidToken):
            await verifier.verify(provider.token(f"made-up-{n}", key=Ed25519PrivateKey.generate()))
    assert provider.fetches <= 2  # PyJWKClient refetches at most once per cooldown


async def test_a_rotated_key_is_fetched_when_first_seen(provider, verifier):
    await verifier.verify(provider.token("2026-a"))
    verifier._jwks.cooldown_duration = 0  # the 30 s refresh cooldown would make us wait
    provider.keys["2026-b"] = Ed25519PrivateKey.generate()
    assert (await verifier.verify(provider.token("2026-b"))).partner == "IT-SIENA"
    assert provider.fetches == 2


async def test_a_forged_or_unknown_key_is_refused(provider, verifier):
    forged = provider.token("2026-a", key=Ed25519PrivateKey.generate())
    with pytest.raises(InvalidToken):
        await verifier.verify(forged)
    with pytest.raises(InvalidToken, match="signing key is unknown"):
        await verifier.verify(provider.token("nobody", key=Ed25519PrivateKey.generate()))


async def test_claims_are_still_checked_with_jwks(provider, verifier):
    with pytest.raises(InvalidToken):
        await verifier.verify(provider.token("2026-a", aud="someone-else"))
    with pytest.raises(InvalidToken):
        await verifier.verify(provider.token("2026-a", exp=int(time.time()) - 3600))
