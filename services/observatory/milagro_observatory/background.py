"""The observatory's background loops (releases, editions): one attempt every so often,
never stopped for good by a database outage or a bug."""

import asyncio
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import DBAPIError, OperationalError

log = logging.getLogger(__name__)


async def every(seconds: float, attempt: Callable[[], Awaitable[None]], what: str) -> None:
    """Run `attempt` every `seconds`, forever: a failure is logged and tried again."""
    while True:
        try:
            await attempt()
        except (OSError, OperationalError, DBAPIError) as exc:
            log.warning("%s wait for the database: %s", what, exc)
        except Exception:  # a bug must not stop the loop for good: say it, try again
            log.exception("%s failed; retrying", what)
        await asyncio.sleep(seconds)
