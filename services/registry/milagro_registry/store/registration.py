"""A registration in two statements after BEGIN: the partner and the duplicate locks in
one, the duplicate candidates and every write in the next, then COMMIT.

Why not one: a statement reads from a snapshot taken when it starts, before the locks it
waits for, so the candidates must be read by a statement after the one taking the locks;
otherwise a concurrent registration of the same person, committed while this one waited,
would not be seen. The writes go with the candidate read (data-modifying CTEs, which do
not see each other's rows): if the rules then refuse the registration, the request's
transaction rolls them back with everything else.
"""

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, exists, false, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert

from milagro_registry.domain.duplicates import Person
from milagro_registry.store.models import AuditEntry, ConsentChange, Participant, Partner
from milagro_registry.store.queries import (
    candidates_query,
    duplicate_lock_keys,
    locking,
    people,
    people_query,
)

PARTICIPANTS = cast(Table, Participant.__table__)
CONSENT_CHANGES = cast(Table, ConsentChange.__table__)
AUDIT = cast(Table, AuditEntry.__table__)


async def lock_partner(session: AsyncSession, partner: str, new: Person) -> bool:
    """Take the duplicate rules' locks for `new`; whether the partner exists."""
    known = exists().where(Partner.code == partner)
    keys = duplicate_lock_keys(partner, new.birth_date, new.email)
    query = select(known, locking(keys)) if keys else select(known)
    return bool((await session.execute(query)).scalar_one())


def participant_insert(participant: Participant) -> Insert:
    """The INSERT of a participant built in Python (every column set, no ORM flush)."""
    return insert(PARTICIPANTS).values(
        {column.key: getattr(participant, column.key) for column in PARTICIPANTS.columns}
    )


async def write_and_find_candidates(
    session: AsyncSession, partner: str, new: Person, writes: Sequence[Insert]
) -> list[Person]:
    """Run the writes and read the partner's duplicate candidates of `new`, in one
    statement; the candidates are from before the writes."""
    query = candidates_query(partner, new)
    if query is None:
        query = people_query().where(false())
    ctes: list[Any] = [write.cte(f"write_{n}") for n, write in enumerate(writes)]
    return people((await session.execute(query.add_cte(*ctes))).all())
