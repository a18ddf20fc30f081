"""Alembic, driven from code: one history per service, run by `serve --migrate` or a job.

A table is typed once, in the service's store; `new_revision` writes the migration that
brings a database at head to that metadata (Alembic's autogenerate), and `differences`
tells whether a migrated database and the metadata agree (a test runs it for every
service).
"""

import asyncio
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from alembic import command, context
from alembic.autogenerate import compare_metadata, produce_migrations, render_python_code
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from milagro_kit.database import asyncpg_dsn

_MIGRATION_LOCK = 0x6D6967726174  # replicas starting together migrate one at a time


def run_env(metadata: MetaData) -> None:
    """The body of every service's `migrations/env.py`."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is not set"

    def migrate(connection: Connection) -> None:
        context.configure(connection=connection, target_metadata=metadata, compare_type=True)
        with context.begin_transaction():
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            await connection.run_sync(migrate)
        await engine.dispose()

    asyncio.run(run())


def _config(database_url: str, migrations: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, migrations: Path) -> None:
    """Bring a service's database to the newest revision."""
    command.upgrade(_config(database_url, migrations), "head")


def _compared(database_url: str, metadata: MetaData, work: Any) -> Any:
    """Run `work(migration_context)` on a connection to the database (synchronously)."""

    def run(connection: Connection) -> Any:
        options = {"compare_type": True, "target_metadata": metadata}
        return work(MigrationContext.configure(connection, opts=options))

    async def connect() -> Any:
        engine = create_async_engine(database_url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(run)
        finally:
            await engine.dispose()

    return asyncio.run(connect())


def differences(database_url: str, metadata: MetaData) -> list[Any]:
    """What a database lacks or has beyond the metadata (empty when they agree)."""
    return list(_compared(database_url, metadata, lambda mc: compare_metadata(mc, metadata)))


_TEMPLATE = '''"""{message}

Revision ID: {revision}
Revises: {down_text}
Create Date: {date}
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "{revision}"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
{upgrade}


def downgrade() -> None:
{downgrade}
'''


def new_revision(database_url: str, migrations: Path, metadata: MetaData, message: str) -> Path:
    """Write the next migration of a service: what takes a database at head to `metadata`.

    The database is brought to head first; the file is named like the others
    (`YYYY_MM_DD_NNNN_<message>.py`) and numbered after the current head.
    """
    upgrade(database_url, migrations)
    head = ScriptDirectory.from_config(_config(database_url, migrations)).get_current_head()
    script = _compared(database_url, metadata, lambda mc: produce_migrations(mc, metadata))
    if script.upgrade_ops.is_empty():
        raise ValueError("the database at head already matches the metadata: nothing to write")
    number = f"{int(head or 0) + 1:04d}"
    today = datetime.now(UTC).date()
    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40]
    path = migrations / "versions" / f"{today:%Y_%m_%d}_{number}_{slug}.py"
    path.write_text(
        _TEMPLATE.format(
            message=message,
            revision=number,
            down=head,
            down_text=head or "",
            date=today.isoformat(),
            upgrade=_body(render_python_code(script.upgrade_ops)),
            downgrade=_body(render_python_code(script.downgrade_ops)),
        )
    )
    return path


def _body(code: str) -> str:
    """Alembic's rendering as a function body: it indents every line but the first."""
    first, *rest = code.splitlines()
    return "\n".join(["    " + first, *rest])


async def ensure_database(server_url: str, name: str) -> None:
    """Create a database on the server if it is not there yet."""
    connection = await asyncpg.connect(asyncpg_dsn(server_url))
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
