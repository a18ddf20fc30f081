"""This machine's development signing key: what `milagro up`, `milagro token` and the
compose provisioning job use.

Production never mints: its tokens come from the identity provider and are checked
against its JWKS. Locally, an Ed25519 key pair under `<home>/keys/` stands in for it.
"""

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from milagro_kit.auth.mint import TokenMint

PRIVATE_KEY_FILE = "dev-signing-key.pem"
PUBLIC_KEY_FILE = "dev-signing-key.pub.pem"


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
    return TokenMint.from_pem_file(ensure_dev_key(home) / PRIVATE_KEY_FILE, issuer, audience)


def dev_environment(
    home: Path, issuer: str = "milagro-local", audience: str = "milagro"
) -> dict[str, str]:
    """What `milagro up` tells services so they accept the development tokens."""
    return {
        "MILAGRO_AUTH_PUBLIC_KEY_FILE": str(ensure_dev_key(home) / PUBLIC_KEY_FILE),
        "MILAGRO_AUTH_ISSUER": issuer,
        "MILAGRO_AUTH_AUDIENCE": audience,
    }
