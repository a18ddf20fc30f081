"""Secrets and signatures per the Standard Webhooks specification (standardwebhooks.com)."""

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable

PREFIX = "whsec_"


def new_secret() -> str:
    """`whsec_` and the base64 of 32 random bytes (the spec allows 24 to 64)."""
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(keys: Iterable[str], msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header: one `v1,<base64 HMAC-SHA256>` of
    `{id}.{timestamp}.{body}` per key, space-separated, so a receiver holding any one of
    the keys (the new or, during a rotation's grace, the old) verifies the delivery."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return " ".join(
        "v1," + base64.b64encode(hmac.digest(_key(k), signed, hashlib.sha256)).decode()
        for k in keys
    )


def _key(secret: str) -> bytes:
    return base64.b64decode(secret.removeprefix(PREFIX))
