"""What is published now, known in the process: "has it changed?" costs no round trip.

Every projection commit and every release notifies `milagro_observatory` in its own
transaction (so the notice leaves at commit). One watcher per process listens, and
polls as well, so a notice lost in a reconnect costs one poll interval. Cached feeds and
304s are answered from what the watcher holds; the live stream renders each version once
and hands it to every client, however many are connected (up to a cap).
"""

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_kit.database import Database, listen
from milagro_observatory.headlines import ensure
from milagro_observatory.settings import ObservatorySettings
from milagro_observatory.store import projection_state, release_state, releases

log = logging.getLogger(__name__)

CHANNEL = "milagro_observatory"


@dataclass(frozen=True)
class State:
    """A version of something published, and when it changed."""

    version: int
    updated_at: datetime


async def notify(session: AsyncSession) -> None:
    """Tell every observatory process, once this transaction commits, that something
    published may have changed."""
    await session.execute(select(func.pg_notify(CHANNEL, "")))


@dataclass
class Published:
    """The versions a process serves: the projections', each release's, the last check."""

    projection: State
    releases: dict[str, State]
    checked_version: int | None

    @property
    def releases_state(self) -> State | None:
        """The released tables together: a version that moves with every release."""
        if not self.releases:
            return None
        return State(
            sum(s.version for s in self.releases.values()),
            max(s.updated_at for s in self.releases.values()),
        )


async def read_published(session: AsyncSession) -> Published:
    row = (
        await session.execute(
            select(
                func.sum(projection_state.c.version).label("version"),
                func.max(projection_state.c.updated_at).label("updated_at"),
            )
        )
    ).one()
    listed = (
        await session.execute(
            select(releases.c.indicator, releases.c.number, releases.c.published_at)
        )
    ).all()
    checked = await session.scalar(select(release_state.c.checked_version))
    return Published(
        State(int(row.version), row.updated_at),
        {r.indicator: State(r.number, r.published_at) for r in listed},
        checked,
    )


@dataclass
class Watcher:
    """Holds what is published now and wakes whoever waits for the next version."""

    database: Database
    settings: ObservatorySettings
    now: Published | None = None
    clients: int = 0
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _renders: dict[Any, bytes] = field(default_factory=dict)
    _rendering: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def run(self) -> None:
        listener = asyncio.create_task(listen(self.database.url, CHANNEL, self._wake))
        try:
            await self.count_headlines()
            while True:
                try:
                    await self.refresh()
                except (OSError, OperationalError, DBAPIError) as exc:
                    log.warning("the observatory's watcher waits for the database: %s", exc)
                except Exception:  # a bug must not leave the process serving stale versions
                    log.exception("the observatory's watcher failed to refresh; retrying")
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self.settings.live_poll_interval_s):
                        await self._wake.wait()
                self._wake.clear()
        finally:
            listener.cancel()

    async def count_headlines(self) -> None:
        """Count the live headlines' tallies if this catalogue's formulas never were (a
        first start after upgrading, a changed catalogue); once per process start."""
        while True:
            try:
                async with self.database.transaction() as session:
                    if await ensure(session):
                        await notify(session)
                return
            except (OSError, OperationalError, DBAPIError) as exc:
                log.warning("the observatory waits for the database to count headlines: %s", exc)
                await asyncio.sleep(1)

    async def refresh(self) -> None:
        async with self.database.transaction() as session:
            published = await read_published(session)
        if published != self.now:
            self.now = published
            async with self._changed:
                self._changed.notify_all()

    async def current(self, session: AsyncSession) -> Published:
        """What is published: held, or read once if the watcher has not looked yet."""
        return self.now if self.now is not None else await read_published(session)

    async def next_version(self, seen: int | None, timeout: float) -> None:
        """Wait until the projections' version differs from `seen`, or `timeout` passes."""
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._changed.wait_for(
                        lambda: self.now is not None and self.now.projection.version != seen
                    )

    async def rendered(self, key: Any, render: Any) -> bytes:
        """A body rendered once per key (a version and what else shapes it), shared by
        every client that asks for it; older versions are dropped."""
        async with self._rendering:
            body = self._renders.get(key)
            if body is None:
                body = await render()
                self._renders = {key: body}
            return body


def _watcher(app: FastAPI) -> Watcher:
    watcher = getattr(app.state, "watcher", None)
    if not isinstance(watcher, Watcher):
        watcher = Watcher(app.state.database, app.state.settings)
        app.state.watcher = watcher
    return watcher


def watcher_of(request: Request) -> Watcher:
    """The process's watcher (until its task first looks, it reads what it is asked)."""
    return _watcher(request.app)


async def keep_watching(app: FastAPI) -> None:
    """The service's background task: one watcher for the process."""
    await _watcher(app).run()
