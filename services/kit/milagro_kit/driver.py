"""A request's transaction on asyncpg directly, for a write path on which every request
counts (issue 16): a registration spent more CPU in SQLAlchemy's session, ORM and
per-statement execution than in the driver. The statements are still written with Core
and compiled once, at import (`DriverStatement`); only their execution skips SQLAlchemy.

    async def route(..., db: Driver):
        rows = await db.fetch(STATEMENT, {"name": value, ...})
"""

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Request
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ClauseElement

from milagro_contracts import Event
from milagro_kit.database import Database, rows_json
from milagro_kit.outbox import outbox_rows

_DIALECT = asyncpg_dialect()  # type: ignore[no-untyped-call]


class DriverStatement:
    """A Core statement compiled once for asyncpg: its SQL (asyncpg prepares it once per
    connection) and the order of its named parameters."""

    def __init__(self, statement: ClauseElement) -> None:
        compiled = statement.compile(dialect=_DIALECT)
        self.sql = compiled.string
        assert isinstance(compiled, SQLCompiler)  # a statement's, positional for asyncpg
        self.names = tuple(compiled.positiontup or ())
        self.defaults = dict(compiled.params)  # literals Core made parameters of

    def arguments(self, parameters: Mapping[str, Any]) -> list[Any]:
        return [parameters[n] if n in parameters else self.defaults[n] for n in self.names]


@dataclass(frozen=True)
class DriverTransaction:
    """The request's transaction, and the service's CloudEvents source for its events."""

    connection: asyncpg.Connection
    source: str

    async def fetch(
        self, statement: DriverStatement, parameters: Mapping[str, Any]
    ) -> list[asyncpg.Record]:
        rows: list[asyncpg.Record] = await self.connection.fetch(
            statement.sql, *statement.arguments(parameters)
        )
        return rows

    def outbox_rows(self, *payloads: Event, aggregate: str | None = None) -> str:
        """These events' outbox rows, as the parameter of `outbox.OUTBOX_ROWS`."""
        return rows_json(outbox_rows(*payloads, source=self.source, aggregate=aggregate)[1])


async def driver_transaction(request: Request) -> AsyncIterator[DriverTransaction]:
    database: Database = request.app.state.database
    async with database.driver_transaction() as connection:
        yield DriverTransaction(connection, request.app.state.service.source)


# scope="function", as the session: committed before the response leaves
Driver = Annotated[DriverTransaction, Depends(driver_transaction, scope="function")]
"""`db: Driver` in a route: its transaction, committed when the handler returns."""
