"""Development signing keys and tokens: what `milagro up`, `milagro token` and tests use.

Production never mints: its tokens come from the identity provider and are checked
against its JWKS. Locally, an Ed25519 key pair under `<home>/keys/` stands in for it.
"""

import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ALGORITHM = "EdDSA"
PRIVATE_KEY_FILE = "dev-signing-key.pem"
PUBLIC_KEY_FILE = "dev-signing-key.pub.pem"


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


def ensure_dev_key(home: Path) -> Path:
    """The development key pair under `<home>/keys/`, created on first use; its directory."""
    keys = home / "keys"
    private = keys / PRIVATE_KEY_FILE
    if not private.exists():
        keys.mkdir(parents=True, exist_ok=True)
        os.chmod(keys, 0o700)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        descriptor = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(pem)
        (keys / PUBLIC_KEY_FILE).write_text(TokenMint(key).public_pem)
    return keys


def dev_mint(home: Path, issuer: str = "milagro-local", audience: str = "milagro") -> TokenMint:
    """The mint of this machine's development key (created if missing)."""
    private = ensure_dev_key(home) / PRIVATE_KEY_FILE
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{private} is not an Ed25519 key")
    return TokenMint(key, issuer, audience)


def dev_environment(
    home: Path, issuer: str = "milagro-local", audience: str = "milagro"
) -> dict[str, str]:
    """What `milagro up` tells services so they accept the development tokens."""
    return {
        "MILAGRO_AUTH_PUBLIC_KEY_FILE": str(ensure_dev_key(home) / PUBLIC_KEY_FILE),
        "MILAGRO_AUTH_ISSUER": issuer,
        "MILAGRO_AUTH_AUDIENCE": audience,
    }
