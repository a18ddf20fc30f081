"""Name and e-mail keys as stored: computed in Python (domain.names), written beside the
name, and recomputed for every existing row when the rules that make them change."""

from datetime import date
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.engine import Connection

from milagro_registry.domain.duplicates import Person
from milagro_registry.domain.names import email_key, name_keys
from milagro_registry.store.models import Participant

KEY_COLUMNS = ("name_key", "name_search", "name_core", "name_sound", "name_grams", "email_key")


def key_columns(given_name: str, family_name: str, email: str | None) -> dict[str, Any]:
    """The key columns of a participant with this name and e-mail."""
    keys = name_keys(given_name, family_name)
    return {
        "name_key": keys.exact,
        "name_search": keys.search_text,
        "name_core": keys.core,
        "name_sound": keys.sound,
        "name_grams": keys.grams,
        "email_key": email_key(email),
    }


def person(id: UUID | None, keys: dict[str, Any], birth_date: date | None) -> Person:
    """What the duplicate rules read of a participant, from its key columns."""
    return Person(
        id=id,
        exact=keys["name_key"],
        loose=keys["name_search"].strip(),
        core=keys["name_core"],
        sound=keys["name_sound"],
        birth_date=birth_date,
        email=keys["email_key"],
    )


_TABLE = cast(Table, Participant.__table__)
_SET_KEYS = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("p_id"))
    .values({column: bindparam(f"p_{column}") for column in KEY_COLUMNS})
)


def rekey(connection: Connection, batch: int = 5000) -> int:
    """Recompute the keys of every participant (run by the migration that adds them);
    returns how many rows were keyed."""
    rows = connection.execute(
        select(Participant.id, Participant.given_name, Participant.family_name, Participant.email)
    ).all()
    for start in range(0, len(rows), batch):
        connection.execute(
            _SET_KEYS,
            [
                {"p_id": row.id} | {f"p_{k}": v for k, v in key_columns(*row[1:]).items()}
                for row in rows[start : start + batch]
            ],
        )
    return len(rows)
