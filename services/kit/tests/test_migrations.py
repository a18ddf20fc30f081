"""A table typed once: `revision` writes the migration, and the database then matches."""

import asyncio
import uuid

from milagro_kit.database import database_url
from milagro_kit.migrations import differences, ensure_database, new_revision, upgrade

STORE = """
from sqlalchemy import Column, Integer, MetaData, String, Table

metadata = MetaData()
Table("notes", metadata, Column("id", Integer, primary_key=True), Column("text", String(80)))
"""


async def test_revision_writes_the_migration_the_metadata_needs(tmp_path, servers, monkeypatch):
    name = f"notes{uuid.uuid4().hex[:8]}"
    await ensure_database(servers.postgres_url, f"{name}_notes")
    url = database_url(servers.postgres_url, "notes", name)
    package = tmp_path / "notes_store"
    package.mkdir()
    (package / "__init__.py").write_text(STORE)
    migrations = tmp_path / "migrations"
    (migrations / "versions").mkdir(parents=True)
    (migrations / "env.py").write_text(
        "from milagro_kit.migrations import run_env\nfrom notes_store import metadata\n\n"
        "run_env(metadata)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    from notes_store import metadata  # type: ignore[import-not-found]

    written = await asyncio.to_thread(new_revision, url, migrations, metadata, "Notes, typed once")
    assert written.name.endswith("_0001_notes_typed_once.py")
    source = written.read_text()
    assert "op.create_table('notes'" in source and "down_revision = None" in source
    compile(source, str(written), "exec")  # a module Python accepts

    await asyncio.to_thread(upgrade, url, migrations)
    assert await asyncio.to_thread(differences, url, metadata) == []
