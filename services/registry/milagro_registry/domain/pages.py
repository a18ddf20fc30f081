"""Cursor pagination by (registered_at, id), after the name rank when searching by name:
stable while others register people."""

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
    """The last row of a page; the next page starts strictly after it. `rank` is the
    name rank of that row when the list is a name search (absent otherwise)."""

    registered_at: datetime
    id: uuid.UUID
    rank: int | None = None

    def encode(self) -> str:
        last: list[object] = [self.registered_at.isoformat(), str(self.id)]
        if self.rank is not None:
            last.append(self.rank)
        raw = json.dumps(last).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, *, ranked: bool = False) -> "Cursor":
        """The cursor in `text`; `ranked` says whether it must carry a name rank."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            at, ident, *rank = json.loads(raw)
            cursor = cls(datetime.fromisoformat(at), uuid.UUID(ident), *rank)
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
            raise BadCursor("this cursor was not issued by this API") from exc
        if cursor.registered_at.tzinfo is None or ranked != (type(cursor.rank) is int):
            raise BadCursor("this cursor was not issued by this API, or for another search")
        return cursor
