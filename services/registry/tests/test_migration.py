"""The migration that adds name keys keys the people already registered, the duplicates
the old rules let in among them, and leaves them listed for merging."""

import asyncio
import uuid

import asyncpg
from alembic import command
from alembic.config import Config

from milagro_kit.database import asyncpg_dsn, database_url
from milagro_kit.migrations import ensure_database
from milagro_registry.domain.duplicates import likely_pairs
from milagro_registry.service import service
from milagro_registry.store.keys import KEY_COLUMNS, key_columns, person

BEFORE_KEYS = "0002"
REGISTERED = [  # four 201s under the old rules: only an exact repeat was refused
    ("Ana", "Đurić", "ana@example.org"),
    ("ANA", "ĐURIĆ", None),
    ("ana", "đurić", None),
    ("Ana", "Djuric", "a.djuric@example.org"),
    ("Ђорђе", "Петровић", None),
]


def migrate(url: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(service.migrations))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, revision)


async def test_existing_people_are_keyed_and_their_duplicates_listed(servers):
    prefix = f"m{uuid.uuid4().hex[:10]}"
    await ensure_database(servers.postgres_url, f"{prefix}_registry")
    url = database_url(servers.postgres_url, "registry", prefix)
    await asyncio.to_thread(migrate, url, BEFORE_KEYS)
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.execute(
            "INSERT INTO partners (code, name, kind, country, city) "
            "VALUES ('RS-BELGRADE', 'Beograd', 'full', 'RS', 'Belgrade')"
        )
        for given, family, email in REGISTERED:
            await connection.execute(
                "INSERT INTO participants (id, partner, given_name, family_name, email, "
                "birth_date, \"group\", languages, roles) VALUES ($1, 'RS-BELGRADE', $2, $3, "
                "$4, '1990-01-01', 'local', '{}', '{participant}')",
                uuid.uuid4(),
                given,
                family,
                email,
            )
        await asyncio.to_thread(migrate, url, "head")
        rows = await connection.fetch(
            "SELECT id, given_name, family_name, email, birth_date, name_key, name_search, "
            "name_core, name_sound, name_grams, email_key FROM participants"
        )
    finally:
        await connection.close()
    stored = [{k: row[k] for k in KEY_COLUMNS} for row in rows]
    for row, keys in zip(rows, stored, strict=True):
        assert keys == key_columns(row["given_name"], row["family_name"], row["email"])
    assert {row["name_key"] for row in rows} == {"ana djuric", "djordje petrovic"}
    people = [
        person(row["id"], keys, row["birth_date"]) for row, keys in zip(rows, stored, strict=True)
    ]
    pairs = likely_pairs(people)
    assert len(pairs) == 6  # the four Anas, pairwise: for a coordinator to merge
    assert {p.match.certainty for p in pairs} == {"certain"}
