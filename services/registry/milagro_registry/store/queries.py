"""Queries the API runs per request; each is served by an index."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, func, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import ConsentPurpose
from milagro_registry.domain.consent import Decision
from milagro_registry.domain.pages import Cursor
from milagro_registry.store.models import AuditEntry, ConsentChange, Erasure, Participant


async def find_duplicate(
    session: AsyncSession,
    partner: str,
    *,
    email: str | None,
    given_name: str,
    family_name: str,
    birth_date: date | None,
    other_than: uuid.UUID | None = None,
) -> uuid.UUID | None:
    """The id of a participant of the same partner with the same e-mail (any case), or
    the same given and family name and birth date."""
    same: list[object] = []
    if email is not None:
        same.append(func.lower(Participant.email) == func.lower(email))
    if birth_date is not None:
        same.append(
            and_(
                func.lower(Participant.given_name) == func.lower(given_name),
                func.lower(Participant.family_name) == func.lower(family_name),
                Participant.birth_date == birth_date,
            )
        )
    if not same:
        return None
    query = select(Participant.id).where(Participant.partner == partner, or_(*same))  # type: ignore[arg-type]
    if other_than is not None:
        query = query.where(Participant.id != other_than)
    return (await session.execute(query.limit(1))).scalar_one_or_none()


async def participant_for_change(session: AsyncSession, id: uuid.UUID) -> Participant | None:
    """A participant, locked until the transaction ends."""
    query = select(Participant).where(Participant.id == id).with_for_update()
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


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def search_query(search: Search) -> Select[Participant]:
    query = select(Participant)
    if search.partner is not None:
        query = query.where(Participant.partner == search.partner)
    if search.name:
        pattern = f"%{_escape_like(search.name)}%"
        query = query.where(
            or_(
                Participant.given_name.ilike(pattern, escape="\\"),
                Participant.family_name.ilike(pattern, escape="\\"),
                (Participant.given_name + " " + Participant.family_name).ilike(
                    pattern, escape="\\"
                ),
            )
        )
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
) -> list[Participant]:
    """Up to `limit` participants in (registered_at, id) order, strictly after the cursor."""
    query = search_query(search)
    if after is not None:
        query = query.where(
            tuple_(Participant.registered_at, Participant.id) > (after.registered_at, after.id)
        )
    query = query.order_by(Participant.registered_at, Participant.id).limit(limit)
    return list((await session.execute(query)).scalars())


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


async def audit_trail(session: AsyncSession, id: uuid.UUID) -> list[AuditEntry]:
    """Every audit entry about one participant, oldest first."""
    query = select(AuditEntry).where(AuditEntry.participant_id == id).order_by(AuditEntry.id)
    return list((await session.execute(query)).scalars())
