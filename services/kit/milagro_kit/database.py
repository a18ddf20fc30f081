"""The async SQLAlchemy engine of a service and its session per request."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy import text
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
        self.engine: AsyncEngine = create_async_engine(
            url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True
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
