"""Queries the API runs per request; each is served by an index."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    ScalarSelect,
    Select,
    Text,
    and_,
    bindparam,
    case,
    false,
    func,
    null,
    or_,
    select,
    tuple_,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import ConsentPurpose
from milagro_kit.pages import Cursor
from milagro_registry.domain.consent import Decision
from milagro_registry.domain.duplicates import Person
from milagro_registry.domain.names import Term, search_terms
from milagro_registry.store.models import (
    AuditEntry,
    ConsentChange,
    Erasure,
    Participant,
    ParticipantAlias,
)

PersonColumns = tuple[uuid.UUID, str, str, str, str, date | None, str | None]
PeopleQuery = Select[*PersonColumns]
"""What the duplicate rules read of each participant: id, name keys, birth date, e-mail key."""


def duplicate_lock_keys(partner: str, birth_date: date | None, email: str | None) -> list[str]:
    """The advisory locks a registration or change of identity takes: registrations that
    the duplicate rules could compare (same partner and birth year, or same e-mail key)
    then run one after the other, so two spellings of one person cannot both slip in at
    the same moment. Sorted: one order everywhere, no deadlock between two such locks."""
    keys = []
    if birth_date is not None:
        keys.append(f"{partner}|year|{birth_date.year}")
    if email is not None:
        keys.append(f"{partner}|email|{email}")
    return sorted(keys)


def _locking() -> ScalarSelect[Any]:
    # the locks of parameter `lock_keys`, in the array's order, until the transaction ends
    key = func.unnest(bindparam("lock_keys", type_=ARRAY(Text))).table_valued("k").render_derived()
    return (
        select(func.count(func.pg_advisory_xact_lock(func.hashtextextended(key.c.k, 0))))
        .select_from(key)
        .scalar_subquery()
    )


LOCKING = _locking()
"""Takes the locks of `duplicate_lock_keys` (parameter `lock_keys`). Whatever the caller
then reads must come from a later statement: a statement's snapshot is taken before the
locks it waits for."""
_LOCK = select(LOCKING)


async def lock_for_duplicates(
    session: AsyncSession, partner: str, birth_date: date | None, email: str | None
) -> None:
    """Take the duplicate rules' locks (`duplicate_lock_keys`), in one round trip."""
    keys = duplicate_lock_keys(partner, birth_date, email)
    if keys:
        await session.execute(_LOCK, {"lock_keys": keys})


def people_query() -> PeopleQuery:
    """What the duplicate rules read of each participant."""
    p = Participant
    return select(
        p.id, p.name_key, p.name_search, p.name_core, p.name_sound, p.birth_date, p.email_key
    )


# Statements built once with parameters, not per request: building, keying and compiling
# a statement cost more CPU than its round trip (issue 16's profile). A rule whose
# parameter is null (no e-mail, no birth date) matches nothing.
CANDIDATES = people_query().where(
    Participant.partner == bindparam("c_partner"),
    or_(
        Participant.email_key == bindparam("c_email"),
        Participant.birth_date == bindparam("c_birth_date"),
        and_(
            Participant.name_sound == bindparam("c_sound"),
            Participant.birth_date.between(bindparam("c_year_from"), bindparam("c_year_to")),
        ),
    ),
)
"""Participants of the partner some duplicate rule could match with a person (parameters
from `candidate_parameters`), as the rules read them: the same e-mail key, birth date, or
sound and birth year, each served by an index."""
_OTHER_CANDIDATES = CANDIDATES.where(Participant.id != bindparam("c_id"))


def candidate_parameters(partner: str, person: Person) -> dict[str, Any]:
    born = person.birth_date
    return {
        "c_partner": partner,
        "c_email": person.email,
        "c_birth_date": born,
        "c_sound": person.sound,
        "c_year_from": None if born is None else date(born.year, 1, 1),
        "c_year_to": None if born is None else date(born.year, 12, 31),
    }


def people(rows: Sequence[Row[*PersonColumns]]) -> list[Person]:
    """Rows of `CANDIDATES` or `people_query` as the duplicate rules read them."""
    return [Person(row[0], row[1], row[2].strip(), row[3], row[4], row[5], row[6]) for row in rows]


async def duplicate_candidates(session: AsyncSession, partner: str, person: Person) -> list[Person]:
    """The candidates of `CANDIDATES` but `person` itself."""
    if person.email is None and person.birth_date is None:
        return []
    query = CANDIDATES if person.id is None else _OTHER_CANDIDATES
    parameters = candidate_parameters(partner, person) | {"c_id": person.id}
    return people((await session.execute(query, parameters)).all())


async def people_of(session: AsyncSession, partner: str) -> list[Person]:
    """Every participant of a partner as the duplicate rules read them."""
    query = people_query().where(Participant.partner == partner)
    return people((await session.execute(query)).all())


async def alias_target(session: AsyncSession, id: uuid.UUID) -> uuid.UUID | None:
    """The participant a merged record's id now stands for, if it was merged."""
    query = select(ParticipantAlias.participant_id).where(ParticipantAlias.alias_id == id)
    return (await session.execute(query)).scalar_one_or_none()


async def aliases_of(session: AsyncSession, id: uuid.UUID) -> list[uuid.UUID]:
    """The ids of every record merged into this participant."""
    query = select(ParticipantAlias.alias_id).where(ParticipantAlias.participant_id == id)
    return list((await session.execute(query.order_by(ParticipantAlias.merged_at))).scalars())


async def participant_for_change(session: AsyncSession, id: uuid.UUID) -> Participant | None:
    """A participant, locked until the transaction ends (read afresh, not from the
    session's identity map, so a merge sees what another transaction committed)."""
    query = (
        select(Participant)
        .where(Participant.id == id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def erasure_of(session: AsyncSession, id: uuid.UUID) -> Erasure | None:
    return await session.get(Erasure, id)


@dataclass(frozen=True)
class Search:
    """Filters of the participant list; `partner` None means every partner (admins)."""

    partner: str | None = None
    name: str | None = None
    role: str | None = None
    group: str | None = None
    language: str | None = None
    registered_from: date | None = None
    registered_to: date | None = None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def name_rank(terms: list[Term]) -> ColumnElement[int]:
    """0 when every term is a whole name part, 1 when each starts one, else 2. (Terms are
    folded to [a-z0-9]: nothing in a LIKE pattern needs escaping.)"""
    text = Participant.name_search
    whole = and_(*(text.like(f"% {t.text} %") for t in terms))
    start = and_(*(text.like(f"% {t.text}%") for t in terms))
    return case((whole, 0), (start, 1), else_=2)


def _name_matches(terms: list[Term]) -> ColumnElement[bool]:
    grams = sorted(set().union(*(t.grams for t in terms)))
    # the GIN index narrows by three-letter pieces; LIKE then checks each term in place
    return and_(
        Participant.name_grams.contains(grams),
        *(
            Participant.name_search.like(f"% {t.text}%" if t.prefix_only else f"%{t.text}%")
            for t in terms
        ),
    )


def search_query(search: Search) -> Select[Participant]:
    query = select(Participant)
    if search.partner is not None:
        query = query.where(Participant.partner == search.partner)
    if search.name is not None:
        terms = search_terms(search.name)
        query = query.where(_name_matches(terms) if terms else false())
    if search.role:
        query = query.where(Participant.roles.contains([search.role]))
    if search.group:
        query = query.where(Participant.group == search.group)
    if search.language:
        query = query.where(Participant.languages.contains([search.language]))
    if search.registered_from is not None:
        query = query.where(Participant.registered_at >= _start_of(search.registered_from))
    if search.registered_to is not None and search.registered_to < date.max:
        next_day = _start_of(search.registered_to + timedelta(days=1))
        query = query.where(Participant.registered_at < next_day)
    return query


async def page_of_participants(
    session: AsyncSession, search: Search, after: Cursor | None, limit: int
) -> list[tuple[Participant, int | None]]:
    """Up to `limit` participants strictly after the cursor, each with its rank: by name
    rank (exact parts first) when searching by name, then in (registered_at, id) order."""
    terms = search_terms(search.name) if search.name is not None else []
    rank: ColumnElement[Any] = name_rank(terms) if terms else null()
    order: list[ColumnElement[Any]] = [rank] if terms else []
    order += [Participant.registered_at.expression, Participant.id.expression]
    query = search_query(search).add_columns(rank)
    if after is not None:
        last: list[Any] = [after.rank] if terms else []
        query = query.where(tuple_(*order) > tuple([*last, after.at, after.id]))
    rows = (await session.execute(query.order_by(*order).limit(limit))).all()
    return [(participant, rank) for participant, rank in rows]


async def consent_history(session: AsyncSession, id: uuid.UUID) -> list[ConsentChange]:
    """Every consent decision of a participant, oldest first."""
    query = select(ConsentChange).where(ConsentChange.participant_id == id)
    return list((await session.execute(query.order_by(ConsentChange.id))).scalars())


def current_consents(history: list[ConsentChange]) -> dict[ConsentPurpose, Decision]:
    """The latest decision per purpose, from a history oldest first."""
    return {
        ConsentPurpose(change.purpose): Decision(
            ConsentPurpose(change.purpose), change.given, change.text_version, change.changed_at
        )
        for change in history
    }


async def audit_trail(session: AsyncSession, ids: list[uuid.UUID]) -> list[AuditEntry]:
    """Every audit entry about one participant (under any of its ids), oldest first."""
    query = select(AuditEntry).where(AuditEntry.participant_id.in_(ids)).order_by(AuditEntry.id)
    return list((await session.execute(query)).scalars())
