"""Unsubscribe tokens: (participant id, kind, language of the e-mail) signed with the
notifier's secret, so a link in an e-mail works without logging in, cannot be forged for
someone else, and its page reads in the e-mail's language. Links sent before the language
was added (id and kind only) still work."""

import base64
import hashlib
import hmac
import uuid


def _mac(secret: str, payload: str) -> str:
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token(secret: str, participant_id: uuid.UUID, kind: str, language: str) -> str:
    payload = f"{participant_id.hex}.{kind}.{language}"
    return f"{payload}.{_mac(secret, payload)}"


def read(secret: str, text: str) -> tuple[uuid.UUID, str, str | None] | None:
    """The (participant id, kind, language or None) of a genuine token, else None."""
    payload, _, mac = text.rpartition(".")
    person, _, rest = payload.partition(".")
    kind, _, language = rest.partition(".")
    # as bytes: compare_digest refuses str with non-ASCII characters (a forged link's)
    if not kind or not hmac.compare_digest(mac.encode(), _mac(secret, payload).encode()):
        return None
    try:
        return uuid.UUID(hex=person), kind, language or None
    except ValueError:
        return None
