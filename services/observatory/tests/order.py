"""Deliver a history to the observatory's consumers in a chosen order, batch by batch.

The kit's runner is driven with the batches a test chooses (the in-memory runner from
`milagro_kit.testing`, which fails the test on what would be retried or dead-lettered),
against a real database: the only way to pick exactly which events share a transaction,
which stream goes first, and which event comes late because its first delivery failed.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import MetaData, text

from milagro_contracts import Envelope
from milagro_kit.consumer import read
from milagro_kit.database import Database
from milagro_kit.outbox import add_kit_tables
from milagro_kit.settings import Settings
from milagro_kit.testing.in_memory import _InMemoryRunner
from milagro_observatory import bulk
from milagro_observatory.catalogue import catalogue
from milagro_observatory.formulas import Figure, family, headline
from milagro_observatory.handlers import CONSUMERS
from milagro_observatory.headlines import headlines, recount
from milagro_observatory.store import PROJECTIONS

_PROCESSED = add_kit_tables(MetaData())[1]
_BY_CONTEXT = {"registry": "REGISTRY", "activities": "ACTIVITIES", "coaching": "COACHING"}


@dataclass
class _Message:
    """What the runner reads of a NATS message, and the ack it sends."""

    data: bytes
    subject: str = "test"
    headers: dict[str, str] | None = None

    async def ack(self) -> None:
        return None


Batch = tuple[str, list[Envelope]]
"""One fetch: a stream and its envelopes, applied in one transaction."""


def in_order(envelopes: Sequence[Envelope]) -> list[Batch]:
    """Every event by itself, in the order of event time: how things happened."""
    ordered = sorted(envelopes, key=lambda e: e.time)
    return [(stream_of(e), [e]) for e in ordered]


def stream_of(envelope: Envelope) -> str:
    """`eu.milagro.<context>.<entity>.<verb>.v1`: the context names the stream."""
    return _BY_CONTEXT[envelope.type.split(".")[2]]


def shuffled(
    envelopes: Sequence[Envelope], rng: random.Random, *, late: float, again: float
) -> list[Batch]:
    """The streams interleaved at random, each in its own order but for redeliveries.

    Each stream keeps its commit (event time) order, except that an event whose first
    delivery failed (`late`) comes back a few places later, after events committed after
    it, and an event may be delivered again after it was applied (`again`). The streams'
    fetches are of random sizes and interleave at random.
    """
    streams: dict[str, list[Envelope]] = {}
    for envelope in sorted(envelopes, key=lambda e: e.time):
        streams.setdefault(stream_of(envelope), []).append(envelope)
    for name, events in streams.items():
        delivered: list[Envelope] = []
        for envelope in events:
            delivered.append(envelope)
            if rng.random() < again:
                delivered.insert(rng.randint(len(delivered), len(delivered) + 3), envelope)
        for i in range(len(delivered) - 1, -1, -1):
            if rng.random() < late:
                moved = delivered.pop(i)
                delivered.insert(min(len(delivered), i + rng.randint(1, 6)), moved)
        streams[name] = delivered
    batches: list[Batch] = []
    while streams:
        name = rng.choice(sorted(streams))
        size = rng.randint(1, 4)
        batches.append((name, streams[name][:size]))
        streams[name] = streams[name][size:]
        if not streams[name]:
            del streams[name]
    return batches


async def deliver(database: Database, batches: Sequence[Batch]) -> None:
    """Empty the projections, then apply the batches through the consumers' runners."""
    async with database.transaction() as session:
        await session.execute(text(f"TRUNCATE {', '.join(t.name for t in PROJECTIONS)}"))
        await session.execute(_PROCESSED.delete())
    settings = Settings()
    runners: dict[str, Any] = {
        c.stream: _InMemoryRunner(c, database, None, settings)  # type: ignore[arg-type]
        for c in CONSUMERS
    }
    for stream, envelopes in batches:
        messages = [_Message(e.model_dump_json().encode()) for e in envelopes]
        await runners[stream].handle(messages)


async def rebuilt(database: Database, batches: Sequence[Batch], *, live: int = 0) -> None:
    """Empty the projections, apply the first `live` batches through the consumers'
    runners (replicas that went first), then the rest as the rebuild's bulk path writes
    them, and count the live headlines' tallies again as the rebuild does."""
    await deliver(database, batches[:live])
    gathered = bulk.Gathered()
    gathered.add(
        [read(_Message(e.model_dump_json().encode())) for _, es in batches[live:] for e in es]
    )  # type: ignore[arg-type]
    async with database.transaction() as session:
        await bulk.write(session, gathered)
    async with database.transaction() as session:
        await recount(session)


async def figures(database: Database) -> dict[str, dict[Any, Figure]]:
    """Every cell of every indicator, exactly (before disclosure control)."""
    async with database.transaction() as session:
        return {i.id: await family(session, i) for i in catalogue().indicators}


async def headlines_both_ways(database: Database) -> tuple[dict[str, Figure], dict[str, Figure]]:
    """The live headlines from their running tallies, and computed from every fact."""
    async with database.transaction() as session:
        tallied = await headlines(session)
        return tallied, {i.id: await headline(session, i) for i in catalogue().indicators}
