"""A registration's round trips to PostgreSQL, counted: each costs the registry's one core
more than the SQL does (bench/RESULTS.md, issue 16), so the count is kept on purpose."""

import asyncio
from typing import Any

from sqlalchemy import event, text


def count_round_trips(registry: Any) -> list[str]:
    """What the connections this task takes from the pool send to PostgreSQL from now on:
    BEGIN, each statement, COMMIT or ROLLBACK, as asyncpg sends them (the registration runs
    on asyncpg directly; each statement is one round trip once the connection has prepared
    it, and asyncpg keeps prepared statements per connection, so a first use costs one
    more, and so do asyncpg's look-ups of the types a statement uses: neither counted).
    Other tasks' connections (relay, consumers) are not counted."""
    engine = registry.client.app.state.database.engine.sync_engine
    task = asyncio.current_task()
    sent: list[str] = []

    def log(query: Any) -> None:
        if "'jit'" in query.query or query.query.startswith("WITH RECURSIVE typeinfo_tree"):
            return  # asyncpg learning a type, once per connection (as its prepares)
        words = query.query.replace(";", " ").split()
        sent.append(
            " ".join(words[:1] if words[0] in ("BEGIN", "COMMIT", "ROLLBACK") else words[:2])
        )

    @event.listens_for(engine, "checkout")
    def checkout(dbapi_connection: Any, *rest: Any) -> None:
        if asyncio.current_task() is task:
            dbapi_connection.driver_connection.add_query_logger(log)

    @event.listens_for(engine, "checkin")
    def checkin(dbapi_connection: Any, *rest: Any) -> None:
        if dbapi_connection is not None:
            dbapi_connection.driver_connection.remove_query_logger(log)

    return sent


CONSENT = [{"purpose": "participation", "given": True, "text_version": "p-1"}]


async def test_a_registration_is_four_round_trips(registry):
    await registry.register(consents=CONSENT)  # statements prepared
    sent = count_round_trips(registry)
    person = await registry.register(consents=CONSENT)
    await asyncio.sleep(0)  # asyncpg calls its query loggers soon after, not at once
    # BEGIN; the partner and the duplicate locks; the candidates with every write
    # (participant, consent, outbox, audit); COMMIT
    assert sent == ["BEGIN", "SELECT EXISTS", "WITH participant", "COMMIT"], sent
    async with registry.client.app.state.database.transaction() as session:
        events = await session.scalars(
            text("SELECT event_type FROM outbox WHERE aggregate = :a ORDER BY id"),
            {"a": f"participant:{person['id']}"},
        )
        assert [e.rsplit(".", 2)[-2] for e in events] == ["registered", "consent_changed"]


async def rows(registry: Any) -> tuple[int, ...]:
    tables = ("participants", "consent_changes", "outbox", "audit_entries")
    async with registry.client.app.state.database.transaction() as session:
        return tuple([await session.scalar(text(f"SELECT count(*) FROM {t}")) for t in tables])


async def test_a_refused_duplicate_leaves_no_row_of_its_writes(registry):
    person = await registry.register(confirm_new_person=False)
    again = {k: person[k] for k in ("given_name", "family_name", "email", "birth_date")}
    before = await rows(registry)
    sent = count_round_trips(registry)
    response = await registry.client.post(
        "/v1/participants",
        json={"partner": "IT-SIENA", "group": "migrant", **again},
        headers=registry.as_("IT-SIENA"),
    )
    assert response.status_code == 409, response.text
    await asyncio.sleep(0)
    assert sent == ["BEGIN", "SELECT EXISTS", "WITH participant", "ROLLBACK"], sent
    assert await rows(registry) == before
