"""The async SQLAlchemy engine of a service and its session per request."""

import asyncio
import errno
import json
import logging
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import asyncpg
from sqlalchemy import (
    Executable,
    Integer,
    Row,
    RowMapping,
    Table,
    Text,
    bindparam,
    cast,
    column,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.sql.dml import Insert

LOST = (
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.CannotConnectNowError,
)
"""What asyncpg raises when the server or the connection to it went away (beside the
network's own errors, `unreachable`)."""
NETWORK_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.ECONNABORTED,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ETIMEDOUT,
    errno.EPIPE,
}
SERVER_GONE = ("57P01", "57P02", "57P03")
"""SQLSTATEs of a server shutting down, crashed, or still starting up after a crash."""


class Database:
    """One engine per process, and sessions that commit on success and roll back on error."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        # No pool_pre_ping: it cost a round trip (a `;` query) on every checkout, about a
        # tenth of a registration's. A connection that died with its server fails on first
        # use instead: SQLAlchemy then invalidates the whole pool, a request answers 503
        # (`unreachable`, problems.py) and is retried by its client, the relay and the
        # consumers retry on their own (bench/RESULTS.md, issue 16).
        # No overflow: a connection opened beyond the pool was closed again when returned,
        # so under load every few requests paid a connect, asyncpg's type introspection
        # and the statements' prepares anew (7% of a registration's CPU, issue 16). Past
        # `pool_size` transactions at once, a request waits for a connection instead.
        self.engine: AsyncEngine = create_async_engine(url, pool_size=pool_size, max_overflow=0)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on exit, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def driver_transaction(self) -> AsyncIterator[asyncpg.Connection]:
        """A transaction on one of the pool's connections, run by asyncpg itself: no
        session, no ORM, no SQLAlchemy execution per statement (`milagro_kit.driver`).
        Committed on exit, rolled back on error. A lost connection is dropped from the pool
        and raised as SQLAlchemy's, so the request answers 503 as on the session path."""
        async with self.engine.connect() as connection:
            driver: asyncpg.Connection = (await connection.get_raw_connection()).driver_connection
            try:
                async with driver.transaction():
                    yield driver
            except Exception as exc:
                # a connection the server dropped while it sat in the pool is found closed
                # ("connection is closed", an InterfaceError) only when next used
                if not (isinstance(exc, LOST) or unreachable(exc) or driver.is_closed()):
                    raise
                await connection.invalidate(exc)
                raise OperationalError(
                    "a driver transaction", None, exc, connection_invalidated=True
                ) from exc

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def close(self) -> None:
        await self.engine.dispose()


def rows_insert(table: Table, columns: Sequence[str], parameter: str) -> Insert:
    """An INSERT of any number of rows, in their order, from one parameter (`rows_json`).

    Build it once, at import: its SQL does not depend on how many rows there are, so
    SQLAlchemy builds, keys and compiles it once, where a multi-row VALUES built per
    request was compiled afresh every time (a fifth of a registration's CPU, issue 16).
    The rows travel as one JSON array, unpacked by `jsonb_to_recordset`."""
    unpacked = (
        func.jsonb_to_recordset(cast(bindparam(parameter, type_=Text), JSONB))
        .table_valued(*(column(n, table.c[n].type) for n in columns), column("_n", Integer))
        .render_derived(with_types=True)
    )
    ordered = select(*(unpacked.c[n] for n in columns)).order_by(unpacked.c._n)
    return insert(table).from_select(list(columns), ordered)


async def update_one(session: AsyncSession, table: Table, id: Any, **values: Any) -> RowMapping:
    """Change one row by its `id`, stamping `updated_at`, and return it as it now is."""
    statement = (
        update(table)
        .where(table.c.id == id)
        .values(updated_at=datetime.now(UTC), **values)
        .returning(table)
    )
    changed: RowMapping = (await session.execute(statement)).mappings().one()
    return changed


def rows_json(rows: Sequence[dict[str, Any]]) -> str:
    """Rows as the parameter of a `rows_insert` (numbered: the order is said in SQL)."""
    return json.dumps([row | {"_n": n} for n, row in enumerate(rows)], default=str)


def unreachable(exc: BaseException) -> bool:
    """Whether an error says the database cannot be reached (down, restarted, network),
    rather than that the statement was wrong: worth a retry, not a bug."""
    if isinstance(exc, ConnectionError | TimeoutError | socket.gaierror | PoolTimeout):
        return True  # refused, reset, unresolvable, or a pool that waited in vain
    if isinstance(exc, OSError):
        # Any other OSError is not the network's: ZoneInfo("a" * 300) raises "File name
        # too long", a bug to answer 500 and fix, not an outage (the conformance run met
        # it). asyncio's connect reports several failed addresses as one plain OSError.
        return exc.errno in NETWORK_ERRNOS or str(exc).startswith("Multiple exceptions")
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError):
            return True
        # A server starting up or shutting down ("the database system is starting up"
        # after a crash) or a broken connection (class 08) reaches asyncpg's dialect as a
        # plain DBAPIError.
        state = getattr(exc.orig, "sqlstate", None) or ""
        return state in SERVER_GONE or state.startswith("08")
    return False


async def read_once(url: str, query: Executable) -> list[Row[Any]]:
    """The rows of one query on a database the caller does not keep open (a command that
    runs once, such as a service's demo)."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            return list((await session.execute(query)).all())
    finally:
        await database.close()


def asyncpg_dsn(url: str) -> str:
    """The plain libpq URL asyncpg accepts, from a SQLAlchemy URL."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def database_url(server_url: str, service: str, prefix: str = "milagro") -> str:
    """The URL of a service's own database (`<prefix>_<service>`) on a shared server."""
    return server_url.rsplit("/", 1)[0] + f"/{prefix}_{service}"


log = logging.getLogger(__name__)


async def listen(url: str, channel: str, wake: asyncio.Event) -> None:
    """Set `wake` on every NOTIFY on `channel`, and on (re)connecting (whatever was
    notified while nobody listened), for ever; reconnect when PostgreSQL goes away.
    Callers poll as well, so a notice lost in a reconnect costs one poll interval."""
    dsn = asyncpg_dsn(url)
    while True:
        connection = None
        try:
            connection = await asyncpg.connect(dsn)
            await connection.add_listener(channel, lambda *_: wake.set())
            wake.set()
            while not connection.is_closed():
                await asyncio.sleep(1)
        except (OSError, asyncpg.PostgresError) as exc:
            log.debug("listener on %s: %s", channel, exc)
        finally:
            if connection is not None:
                await connection.close(timeout=1)
        await asyncio.sleep(1)
