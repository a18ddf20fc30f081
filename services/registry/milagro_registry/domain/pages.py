"""Cursor pagination by (registered_at, id): stable while others register people."""

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from datetime import datetime


class BadCursor(ValueError):
    """The cursor was not made by this API."""


@dataclass(frozen=True)
class Cursor:
    """The last row of a page; the next page starts strictly after it."""

    registered_at: datetime
    id: uuid.UUID

    def encode(self) -> str:
        raw = json.dumps([self.registered_at.isoformat(), str(self.id)]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> "Cursor":
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            at, ident = json.loads(raw)
            cursor = cls(datetime.fromisoformat(at), uuid.UUID(ident))
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
            raise BadCursor("this cursor was not issued by this API") from exc
        if cursor.registered_at.tzinfo is None:
            raise BadCursor("this cursor was not issued by this API")
        return cursor
