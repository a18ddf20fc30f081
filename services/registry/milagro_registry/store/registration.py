"""A registration in two statements after BEGIN: the partner and the duplicate locks in
one, the duplicate candidates and every write in the next, then COMMIT.

Why not one: a statement reads from a snapshot taken when it starts, before the locks it
waits for, so the candidates must be read by a statement after the one taking the locks;
otherwise a concurrent registration of the same person, committed while this one waited,
would not be seen. The writes go with the candidate read (data-modifying CTEs, which do
not see each other's rows): if the rules then refuse the registration, the request's
transaction rolls them back with everything else.

Both statements are built once, with parameters, and compiled once for asyncpg, which
runs them in the request's transaction without a SQLAlchemy session: building, keying
and compiling them per request, then SQLAlchemy's session and execution machinery, cost
more CPU than their round trips (issue 16's profiles).
"""

from typing import Any, cast

from sqlalchemy import Table, bindparam, exists, insert, select

from milagro_kit.database import rows_insert, rows_json
from milagro_kit.driver import DriverStatement, DriverTransaction
from milagro_kit.outbox import OUTBOX_ROWS
from milagro_registry.domain.duplicates import Person
from milagro_registry.store.models import AuditEntry, ConsentChange, Participant, Partner
from milagro_registry.store.queries import (
    CANDIDATES,
    LOCKING,
    candidate_parameters,
    duplicate_lock_keys,
    people,
)

_PARTICIPANTS = cast(Table, Participant.__table__)
_CONSENTS = cast(Table, ConsentChange.__table__)
_AUDIT = cast(Table, AuditEntry.__table__)

_LOCK_PARTNER = DriverStatement(
    select(exists().where(Partner.code == bindparam("partner")), LOCKING)
)

_REGISTER = DriverStatement(
    CANDIDATES.add_cte(
        insert(_PARTICIPANTS)
        .values({c.key: bindparam(f"p_{c.key}", type_=c.type) for c in _PARTICIPANTS.columns})
        .cte("participant"),
        OUTBOX_ROWS.cte("events"),
        rows_insert(
            _CONSENTS,
            ("participant_id", "purpose", "given", "text_version", "changed_at", "recorded_by"),
            "consent_rows",
        ).cte("consents"),
        rows_insert(
            _AUDIT, ("actor", "actor_partner", "action", "participant_id", "fields"), "audit_rows"
        ).cte("audit"),
    )
)


async def lock_partner(db: DriverTransaction, partner: str, new: Person) -> bool:
    """Take the duplicate rules' locks for `new`; whether the partner exists."""
    keys = duplicate_lock_keys(partner, new.birth_date, new.email)
    row = (await db.fetch(_LOCK_PARTNER, {"partner": partner, "lock_keys": keys}))[0]
    return bool(row[0])


async def register(
    db: DriverTransaction,
    new: Person,
    participant: Participant,
    events: str,
    consents: list[dict[str, Any]],
    audit: list[dict[str, Any]],
) -> list[Person]:
    """Write the participant, its consent decisions, its events (`EventOutbox.rows`) and
    audit entries, and read the partner's duplicate candidates of `new` from before."""
    parameters = candidate_parameters(participant.partner, new) | {
        "outbox_rows": events,
        "consent_rows": rows_json(consents),
        "audit_rows": rows_json(audit),
    }
    for column in _PARTICIPANTS.columns:
        parameters[f"p_{column.key}"] = getattr(participant, column.key)
    return people(await db.fetch(_REGISTER, parameters))
