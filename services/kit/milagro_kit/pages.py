"""Keyset pages: a cursor names the last row of a page by its time and id (and its rank
when the list is ranked, as a name search is), so pages stay stable while rows are added."""

import base64
import binascii
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from milagro_kit.problems import Problem


class BadCursor(ValueError):
    """The cursor was not made by this API."""


@dataclass(frozen=True)
class Cursor:
    """The last row of a page; the next page starts strictly after it. `rank` is
    that row's rank when the list is ranked (absent otherwise)."""

    at: datetime
    id: uuid.UUID
    rank: int | None = None

    def encode(self) -> str:
        last: list[object] = [self.at.isoformat(), str(self.id)]
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
        if cursor.at.tzinfo is None or ranked != (type(cursor.rank) is int):
            raise BadCursor("this cursor was not issued by this API, or for another search")
        return cursor


def cursor_after(text: str | None) -> Cursor | None:
    """The keyset cursor a list was given, if any (422 if this API did not make it)."""
    try:
        return Cursor.decode(text) if text else None
    except BadCursor as exc:
        raise Problem(422, "invalid-cursor", "Invalid cursor", str(exc)) from exc


def next_cursor(rows: Sequence[Mapping[Any, Any]], limit: int, at: str) -> str | None:
    """Where the next page starts, if `rows` (asked for `limit` + 1, ordered by the time
    in column `at`, then id) has one more."""
    if len(rows) <= limit:
        return None
    return Cursor(rows[limit - 1][at], rows[limit - 1]["id"]).encode()
