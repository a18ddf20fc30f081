"""Who a fact is about, after merges and erasures, whatever order they arrive in.

A merged registry record's facts count for the record it was merged into; an erased
person's facts keep counting under a random id (a "stranger") that nothing links to the
person. Both are remembered, so a fact, an enrolment or an attribute that arrives later
(from another stream, a redelivery, a replay) goes where the earlier ones went. Erasures
are remembered by a one-way digest of the id, never the id itself.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.erasure import tombstone
from milagro_observatory.headlines import changed
from milagro_observatory.store import (
    coaching_people,
    erased_participants,
    facts,
    merged_participants,
    participant_attributes,
    participants,
)


@dataclass(frozen=True)
class Resolved:
    """Where something said about a participant id now belongs."""

    to: uuid.UUID
    merged: bool
    """The id was merged into another record: what only that record said is void."""


def digest(participant_id: uuid.UUID) -> str:
    """The tombstone of an erased id: enough to recognise it again, not to recover it."""
    return tombstone(participant_id, context="milagro-observatory-erased")


async def resolve(
    session: AsyncSession, ids: Iterable[uuid.UUID | None]
) -> dict[uuid.UUID, Resolved]:
    """Each id's current record: the kept one if merged, its stranger if erased."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    m = merged_participants
    query = select(m.c.merged_id, m.c.kept_id).where(m.c.merged_id.in_(wanted))
    kept: dict[uuid.UUID, uuid.UUID] = {r[0]: r[1] for r in (await session.execute(query)).all()}
    targets = {i: kept.get(i, i) for i in wanted}
    by_digest = {digest(t): t for t in set(targets.values())}
    e = erased_participants
    query = select(e.c.digest, e.c.stranger).where(e.c.digest.in_(by_digest))
    strangers = {by_digest[r[0]]: r[1] for r in (await session.execute(query)).all()}
    return {i: Resolved(strangers.get(t, t), i in kept) for i, t in targets.items()}


def rekey(key: str, old: uuid.UUID, new: uuid.UUID) -> str:
    return key.replace(str(old), str(new))


async def forget(session: AsyncSession, participant_id: uuid.UUID) -> uuid.UUID:
    """Unlink everything held about a participant from them: one random id replaces theirs
    in facts, attributes, consent and enrolments, and a tombstone sends later arrivals
    there too (records merged into theirs included). Returns the stranger."""
    e = erased_participants
    stranger = await session.scalar(
        select(e.c.stranger).where(e.c.digest == digest(participant_id))
    )
    stranger = stranger or uuid.uuid4()
    m = merged_participants
    merged = (
        (await session.execute(select(m.c.merged_id).where(m.c.kept_id == participant_id)))
        .scalars()
        .all()
    )
    await bury(session, {participant_id, *merged}, stranger)
    changed(session, {str(participant_id), str(stranger)})
    await session.execute(
        update(facts)
        .where(facts.c.participant_key == participant_id)
        .values(
            participant_key=stranger,
            key=func.replace(facts.c.key, str(participant_id), str(stranger)),
        )
    )
    a = participant_attributes
    await session.execute(
        update(a)
        .where(a.c.participant_id == participant_id)
        # the asserting event's id would lead back through the stream to the person's id;
        # a duplicate assertion (a redelivery) folds to the same versions anyway
        .values(participant_id=stranger, event_id=func.gen_random_uuid())
    )
    for table, column in (
        (participants, participants.c.participant_id),
        (coaching_people, coaching_people.c.participant_id),
    ):
        await session.execute(
            update(table).where(column == participant_id).values({column.name: stranger})
        )
    return stranger


async def bury(session: AsyncSession, ids: Iterable[uuid.UUID], stranger: uuid.UUID) -> None:
    """Tombstones for ids whose facts went to `stranger`; no merge record keeps them."""
    wanted = set(ids)
    await session.execute(
        insert(erased_participants).on_conflict_do_nothing(),
        [{"digest": digest(i), "stranger": stranger} for i in wanted],
    )
    m = merged_participants
    await session.execute(delete(m).where(or_(m.c.merged_id.in_(wanted), m.c.kept_id.in_(wanted))))


async def merge(session: AsyncSession, merged: uuid.UUID, kept: uuid.UUID) -> uuid.UUID:
    """`repoint` to wherever the kept record is now; returns that record's id.

    A merge that arrives after the kept record's erasure (a redelivery) sends the merged
    record's facts to the same stranger, and buries its id too, as if it came in order.
    """
    where = (await resolve(session, [kept]))[kept]
    await repoint(session, merged, where.to)
    if where.to != kept and not where.merged:
        await bury(session, {merged}, where.to)
    return where.to


async def repoint(session: AsyncSession, merged: uuid.UUID, kept: uuid.UUID) -> None:
    """Make a merged record's facts the kept record's, so the person counts once.

    Its registration goes (the kept record's stays), and so do its attributes and consent
    (the kept record's describe the person); where both records assert the same fact (the
    same attendance, say) the newer assertion stays, as for any fact; the merged record is
    remembered so its later facts go to the kept record too. Running it again changes
    nothing. The caller refreshes the kept record's facts' dimensions.
    """
    changed(session, {str(merged), str(kept)})
    await session.execute(
        delete(facts).where(facts.c.fact == "registration", facts.c.participant_key == merged)
    )
    # where both records assert one fact, the older copy goes: first the kept record's...
    other = facts.alias("other")
    other_key = func.replace(other.c.key, str(merged), str(kept))
    await session.execute(
        delete(facts).where(
            other.c.participant_key == merged,
            other.c.key != other_key,
            facts.c.fact == other.c.fact,
            facts.c.key == other_key,
            facts.c.at < other.c.at,
        )
    )
    # ...then the merged record's
    new_key = func.replace(facts.c.key, str(merged), str(kept))
    await session.execute(
        delete(facts).where(
            facts.c.participant_key == merged,
            exists().where(
                other.c.fact == facts.c.fact,
                other.c.key == new_key,
                other.c.key != facts.c.key,
                other.c.at >= facts.c.at,
            ),
        )
    )
    await session.execute(
        update(facts)
        .where(facts.c.participant_key == merged)
        .values(participant_key=kept, key=new_key)
    )
    await session.execute(
        update(coaching_people)
        .where(coaching_people.c.participant_id == merged)
        .values(participant_id=kept)
    )
    for table in (participants, participant_attributes):
        await session.execute(delete(table).where(table.c.participant_id == merged))
    m = merged_participants
    await session.execute(update(m).where(m.c.kept_id == merged).values(kept_id=kept))
    statement = insert(m).values(merged_id=merged, kept_id=kept)
    await session.execute(
        statement.on_conflict_do_update(index_elements=["merged_id"], set_={"kept_id": kept})
    )
