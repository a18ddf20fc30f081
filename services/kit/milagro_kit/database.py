"""The async SQLAlchemy engine of a service and its session per request."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


class Database:
    """One engine per process, and sessions that commit on success and roll back on error."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        # No pool_pre_ping: it cost a round trip (a `;` query) on every checkout, about a
        # tenth of a registration's. A connection that died with its server fails on first
        # use instead: SQLAlchemy then invalidates the whole pool, a request answers 503
        # (`unreachable`, problems.py) and is retried by its client, the relay and the
        # consumers retry on their own (bench/RESULTS.md, issue 16).
        self.engine: AsyncEngine = create_async_engine(
            url, pool_size=pool_size, max_overflow=pool_size
        )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on exit, rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def close(self) -> None:
        await self.engine.dispose()


def unreachable(exc: BaseException) -> bool:
    """Whether an error says the database cannot be reached (down, restarted, network),
    rather than that the statement was wrong: worth a retry, not a bug."""
    if isinstance(exc, OSError | TimeoutError):
        return True
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)
    return False


def asyncpg_dsn(url: str) -> str:
    """The plain libpq URL asyncpg accepts, from a SQLAlchemy URL."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def database_url(server_url: str, service: str, prefix: str = "milagro") -> str:
    """The URL of a service's own database (`<prefix>_<service>`) on a shared server."""
    return server_url.rsplit("/", 1)[0] + f"/{prefix}_{service}"
