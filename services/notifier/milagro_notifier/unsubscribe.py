"""Unsubscribe tokens: (participant id, kind) signed with the notifier's secret, so a link
in an e-mail works without logging in and cannot be forged for someone else."""

import base64
import hashlib
import hmac
import uuid


def _mac(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token(secret: str, participant_id: uuid.UUID, kind: str) -> str:
    payload = f"{participant_id.hex}.{kind}"
    return f"{payload}.{_mac(secret, payload)}"


def read(secret: str, text: str) -> tuple[uuid.UUID, str] | None:
    """The (participant id, kind) of a genuine token, else None."""
    payload, _, mac = text.rpartition(".")
    person, _, kind = payload.partition(".")
    if not kind or not hmac.compare_digest(mac, _mac(secret, payload)):
        return None
    try:
        return uuid.UUID(hex=person), kind
    except ValueError:
        return None
