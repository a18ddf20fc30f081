"""Signing bearer tokens the way an identity provider does: for development and tests.

Production never mints: its tokens come from the identity provider and are checked
against its JWKS. The development platform keeps a key pair on disk for this (see
`milagro_platform.devkeys`); tests make one per session.
"""

import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ALGORITHM = "EdDSA"


@dataclass(frozen=True)
class TokenMint:
    """Signs development tokens for one issuer and audience."""

    private_key: Ed25519PrivateKey
    issuer: str = "milagro-local"
    audience: str = "milagro"

    @classmethod
    def generate(cls, issuer: str = "milagro-local", audience: str = "milagro") -> "TokenMint":
        """A mint with a fresh key pair (tests: one per session)."""
        return cls(Ed25519PrivateKey.generate(), issuer, audience)

    @classmethod
    def from_pem_file(
        cls, path: Path, issuer: str = "milagro-local", audience: str = "milagro"
    ) -> "TokenMint":
        """The mint of an Ed25519 private key kept in a PEM file (the development key)."""
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 key")
        return cls(key, issuer, audience)

    @property
    def public_pem(self) -> str:
        return (
            self.private_key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )

    def token(
        self,
        *,
        partner: str | None = None,
        roles: list[str] | tuple[str, ...] = (),
        service: str | None = None,
        subject: str | None = None,
        ttl_s: float = 3600,
        **claims: Any,
    ) -> str:
        """A signed token; extra keyword arguments override or add claims."""
        now = int(time.time())
        if subject is None:
            subject = f"service:{service}" if service else f"dev:{partner or 'consortium'}"
        body: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject,
            "iat": now,
            "nbf": now,
            "exp": now + int(ttl_s),
            "jti": str(uuid.uuid4()),
            "roles": list(roles),
        }
        if partner is not None:
            body["partner"] = partner
        if service is not None:
            body["service"] = service
        body.update(claims)
        body = {k: v for k, v in body.items() if v is not None}
        return jwt.encode(body, self.private_key, algorithm=ALGORITHM)
