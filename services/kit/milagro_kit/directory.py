"""The registry's participants as another service keeps them: pseudonymous ids with the
attributes its rules need (partner, group, roles, languages), never personal data.

A service makes one `Directory` on its metadata (in its store, beside its tables) and lists
`directory.consumer` among its consumers; its routes ask `await directory.look_up(session,
ids)`. Streams interleave, so
a service must accept that someone is not known yet (`Known.unknown`). Erasure deletes the
person and keeps a one-way digest of the id (`milagro_kit.erasure`), so that a late event
cannot bring them back; a merge gives the kept record the union of both records' roles
and languages. What else the service holds about a person it handles in the hooks it
gives `handle`: `on_registered` (new people), `on_merged` (merged id, kept id; called even when the
merged record was not known, and again on redelivery: make it idempotent) and `on_erased`.
"""

import uuid
from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    String,
    Table,
    delete,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID, insert
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts.registry import (
    ParticipantErased,
    ParticipantRegistered,
    ParticipantsMerged,
    ParticipantUpdated,
)
from milagro_kit.consumer import Consumer, Received
from milagro_kit.erasure import tombstone
from milagro_kit.problems import Problem


@dataclass(frozen=True)
class Person:
    """What a service knows of a participant."""

    id: uuid.UUID
    partner: str
    group: str
    roles: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Known:
    """The directory's answer for a set of ids: the people it knows, the erased ones."""

    people: dict[uuid.UUID, Person]
    erased: frozenset[uuid.UUID]

    def unknown(self, ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
        """Those neither known nor erased: their registration has not arrived yet."""
        return [i for i in ids if i not in self.people and i not in self.erased]

    def require(self, ids: Iterable[uuid.UUID]) -> None:
        """Where a record needs people the directory knows: erased ones are refused (422
        `erased`); ones whose registration has not arrived yet are worth a retry in a
        moment (409 `participant-not-yet-known`, `Retry-After: 1`). Both name the ids."""
        if self.erased:
            raise erased(self.erased)
        if unknown := self.unknown(ids):
            raise Problem(
                409,
                "participant-not-yet-known",
                "Participant not yet known",
                f"{len(unknown)} of these people are not known here yet (their registration "
                "has not arrived from the registry): retry in a moment",
                headers={"Retry-After": "1"},
                participant_ids=sorted(str(i) for i in unknown),
            )


def erased(ids: Collection[uuid.UUID]) -> Problem:
    """422 for records about people whose personal data was erased."""
    return Problem(
        422,
        "erased",
        "Erased participant",
        f"{len(ids)} of these people had their personal data erased",
        participant_ids=sorted(str(i) for i in ids),
    )


OnRegistered = Callable[[AsyncSession, Sequence[Person]], Awaitable[None]]
OnMerged = Callable[[AsyncSession, uuid.UUID, uuid.UUID], Awaitable[None]]
OnErased = Callable[[AsyncSession, Sequence[uuid.UUID]], Awaitable[None]]


async def _nothing(*_: Any) -> None:
    return None


class Directory:
    """A service's directory of participants, kept from the registry's events."""

    def __init__(self, metadata: MetaData, service: str) -> None:
        self.people = Table(
            "directory",
            metadata,
            Column("participant_id", UUID(as_uuid=True), primary_key=True),
            Column("partner", String(16), nullable=False),
            Column("group", String(16), nullable=False),
            Column("roles", ARRAY(String(32)), nullable=False, server_default="{}"),
            Column("languages", ARRAY(String(3)), nullable=False, server_default="{}"),
        )
        self.erasures = Table(
            "erasures",
            metadata,
            Column("digest", String(64), primary_key=True),
            Column("erased_at", DateTime(timezone=True), nullable=False),
        )
        self.context = f"milagro-{service}-erased"
        self.on_registered: OnRegistered = _nothing
        self.on_merged: OnMerged = _nothing
        self.on_erased: OnErased = _nothing
        # named apart from the consumers the services had before: a new durable consumer
        # replays the registry's stream from its start, filling every column
        self.consumer = Consumer(f"{service}-directory", stream="REGISTRY")
        self.consumer.on(ParticipantRegistered)(self._admit)
        self.consumer.on(ParticipantUpdated)(self._change)
        self.consumer.on(ParticipantsMerged)(self._merge)
        self.consumer.on(ParticipantErased)(self._forget)

    def handle(
        self,
        *,
        on_registered: OnRegistered = _nothing,
        on_merged: OnMerged = _nothing,
        on_erased: OnErased = _nothing,
    ) -> None:
        """What the service does with its own records of people as they come and go."""
        self.on_registered, self.on_merged, self.on_erased = on_registered, on_merged, on_erased

    def _person(self, row: Any) -> Person:
        return Person(
            row.participant_id, row.partner, row.group, tuple(row.roles), tuple(row.languages)
        )

    async def look_up(self, session: AsyncSession, ids: Iterable[uuid.UUID]) -> Known:
        """Who among `ids` the directory knows, and who was erased."""
        wanted = list(set(ids))
        if not wanted:
            return Known({}, frozenset())
        query = select(self.people).where(self.people.c.participant_id.in_(wanted))
        people = {r.participant_id: self._person(r) for r in await session.execute(query)}
        return Known(people, await self.erased(session, [i for i in wanted if i not in people]))

    async def everyone(self, session: AsyncSession) -> list[Person]:
        """Everyone known, by id (for demos and small partners' lists)."""
        query = select(self.people).order_by(self.people.c.participant_id)
        return [self._person(r) for r in await session.execute(query)]

    def _digest(self, participant_id: uuid.UUID) -> str:
        return tombstone(participant_id, context=self.context)

    async def erased(self, session: AsyncSession, ids: Iterable[uuid.UUID]) -> frozenset[uuid.UUID]:
        """Which of `ids` were erased."""
        digests = {self._digest(i): i for i in ids}
        if not digests:
            return frozenset()
        query = select(self.erasures.c.digest).where(self.erasures.c.digest.in_(digests))
        return frozenset(digests[d] for d in (await session.execute(query)).scalars())

    async def _admit(
        self, session: AsyncSession, events: Sequence[Received[ParticipantRegistered]]
    ) -> None:
        people = [
            Person(
                e.payload.participant_id,
                e.payload.partner,
                e.payload.attributes.group.value,
                tuple(r.value for r in e.payload.attributes.roles),
                tuple(e.payload.attributes.languages),
            )
            for e in events
        ]
        erased = await self.erased(session, [p.id for p in people])
        people = [p for p in people if p.id not in erased]  # a late event
        if not people:
            return
        rows = [
            {
                "participant_id": p.id,
                "partner": p.partner,
                "group": p.group,
                "roles": list(p.roles),
                "languages": list(p.languages),
            }
            for p in people
        ]
        await session.execute(insert(self.people).values(rows).on_conflict_do_nothing())
        await self.on_registered(session, people)

    async def _change(
        self, session: AsyncSession, events: Sequence[Received[ParticipantUpdated]]
    ) -> None:
        for event in events:
            changes = event.payload.assignments()
            values: dict[str, Any] = {}
            if changes.get("group") is not None:
                values["group"] = changes["group"].value
            for name in ("roles", "languages"):
                if name in changes:
                    values[name] = [getattr(v, "value", v) for v in changes[name] or []]
            if values:
                await session.execute(
                    update(self.people)
                    .where(self.people.c.participant_id == event.payload.participant_id)
                    .values(**values)
                )

    async def _merge(
        self, session: AsyncSession, events: Sequence[Received[ParticipantsMerged]]
    ) -> None:
        """The kept record holds the roles and languages of both, as the registry's merge
        does; the merged record goes. Once it has gone, the event changes nothing."""
        for event in events:
            merged, kept = event.payload.merged_id, event.payload.kept_id
            gone = delete(self.people).where(self.people.c.participant_id == merged)
            row = (await session.execute(gone.returning(self.people))).first()
            if row is not None and not await self.erased(session, [kept]):
                ours = (await self.look_up(session, [kept])).people.get(kept)
                roles = list(dict.fromkeys([*(ours.roles if ours else ()), *row.roles]))
                languages = list(dict.fromkeys([*(ours.languages if ours else ()), *row.languages]))
                statement = insert(self.people).values(
                    participant_id=kept,
                    partner=row.partner,
                    group=row.group,
                    roles=roles,
                    languages=languages,
                )
                await session.execute(
                    statement.on_conflict_do_update(
                        index_elements=["participant_id"],
                        set_={"roles": roles, "languages": languages},
                    )
                )
            await self.on_merged(session, merged, kept)

    async def _forget(
        self, session: AsyncSession, events: Sequence[Received[ParticipantErased]]
    ) -> None:
        ids = [e.payload.participant_id for e in events]
        await session.execute(delete(self.people).where(self.people.c.participant_id.in_(ids)))
        tombstones = [
            {"digest": self._digest(e.payload.participant_id), "erased_at": e.payload.erased_at}
            for e in events
        ]
        await session.execute(insert(self.erasures).values(tombstones).on_conflict_do_nothing())
        await self.on_erased(session, ids)
