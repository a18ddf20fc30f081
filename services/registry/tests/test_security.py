"""Access control of the registry (and of every service using the kit): tokens, OpenAPI."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from milagro_kit.auth.mint import TokenMint
from milagro_kit.testing.auth import bearer
from milagro_registry.service import service


@pytest.fixture
async def client(serve):
    async with serve(service) as api:
        yield api.client


def _bad_tokens(mint: TokenMint) -> dict[str, str]:
    now = int(time.time())
    other_key = TokenMint(Ed25519PrivateKey.generate(), mint.issuer, mint.audience)
    coordinator = {"partner": "IT-SIENA", "roles": ["coordinator"]}
    return {
        "expired": mint.token(**coordinator, exp=now - 120, iat=now - 3600),
        "not yet valid": mint.token(**coordinator, nbf=now + 600),
        "wrong audience": mint.token(**coordinator, aud="somebody-else"),
        "wrong issuer": mint.token(**coordinator, iss="https://evil.example"),
        "bad signature": other_key.token(**coordinator),
        "tampered": mint.token(**coordinator)[:-4] + "AAAA",
        "no subject": mint.token(**coordinator, sub=None),
        "no expiry": mint.token(**coordinator, exp=None),
        "no partner": mint.token(roles=["coordinator"]),
        "bad partner": mint.token(partner="it-siena; drop", roles=["coordinator"]),
        "alg none": jwt.encode({"sub": "x", "roles": ["admin"]}, None, algorithm="none"),
        "hs256 (not an accepted algorithm)": jwt.encode(
            {
                "sub": "x",
                "roles": ["admin"],
                "iss": mint.issuer,
                "aud": mint.audience,
                "exp": now + 60,
            },
            b"k" * 32,
            algorithm="HS256",
        ),
        "garbage": "not.a.token",
    }


async def test_invalid_tokens_answer_401_problems(client, mint):
    tokens = _bad_tokens(mint)
    tokens["no roles claim"] = jwt.encode(
        {
            "sub": "x",
            "partner": "IT-SIENA",
            "iss": mint.issuer,
            "aud": mint.audience,
            "exp": int(time.time()) + 60,
        },
        mint.private_key,
        algorithm="EdDSA",
    )
    wrong = []
    for name, token in tokens.items():
        response = await client.get("/v1/participants", headers=bearer(token))
        if response.status_code != 401:
            wrong.append(f"{name}: {response.status_code}")
            continue
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
        assert response.json()["type"].endswith("/unauthenticated")
    assert not wrong


async def test_missing_or_malformed_authorization_answers_401(client, mint):
    for headers in ({}, {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer"}):
        response = await client.get("/v1/participants", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"


async def test_a_valid_token_within_leeway_passes(client, mint):
    now = int(time.time())
    token = mint.token(partner="IT-SIENA", roles=["staff"], exp=now - 3)  # leeway 10 s
    response = await client.get("/v1/participants", headers=bearer(token))
    assert response.status_code == 200


async def test_health_and_docs_stay_public(client):
    for path in ("/healthz", "/readyz", "/openapi.json", "/docs"):
        assert (await client.get(path)).status_code == 200, path


async def test_openapi_declares_security_and_errors_on_every_endpoint(client):
    document = (await client.get("/openapi.json")).json()
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": schemes["bearer"]["description"],
    }
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if path in ("/healthz", "/readyz"):
                assert "security" not in operation
                continue
            assert operation["security"] == [{"bearer": []}], (method, path)
            assert {"401", "403"} <= set(operation["responses"]), (method, path)
            if "{participant_id}" in path:
                assert {"404", "410"} <= set(operation["responses"]), (method, path)


async def test_without_a_configured_key_protected_routes_answer_503(serve):
    async with serve(service, auth_public_key=None, auth_jwks_url=None) as api:
        client = api.client
        response = await client.get("/v1/participants", headers=bearer("x.y.z"))
        assert response.status_code == 503
        assert (await client.get("/healthz")).status_code == 200
