"""Registry name search over 100,000 participants of one partner, against a plain list.

    uv run python bench/registry_search.py [--people 100000] [--requests 200] [--runs 3]

A real registry process (uvicorn, uvloop, one worker, its relay running) on its own
PostgreSQL (`pgserver`) and nats-server. `people` participants of RS-BELGRADE (and a
tenth as many of IT-SIENA, so the partner filter has something to leave out) are seeded
straight into the database with COPY, their name keys computed by the registry's own
`key_columns`: Serbian names (a fifth typed in Cyrillic), Italian, Dutch with particles,
and Arabic, Persian, Pashto and Tigrinya names in Latin letters, with a long tail of
rarer family names. Then, for each kind of query, `requests` GETs of
`/v1/participants?name=...` (limit 50, a coordinator's token), one at a time, and the
same number of the baseline: the plain list of the partner (no name; the index on
partner, registered_at, id), in the same run. Latency is the client's (httpx over
loopback), so it includes HTTP, the JWT check, the audit rows written for every listed
person and JSON. The query function alone (`page_of_participants`, no HTTP) is timed too.
Bar (issue 20): p99 <= 50 ms over the API.
"""

import argparse
import asyncio
import random
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import cyrtranslit
import httpx

from milagro_kit.auth.mint import TokenMint
from milagro_kit.database import Database, asyncpg_dsn, database_url
from milagro_kit.testing.auth import trusting
from milagro_platform.embedded import EmbeddedNats, EmbeddedPostgres, free_port
from milagro_platform.stack import Stack
from milagro_registry.store.keys import key_columns
from milagro_registry.store.queries import Search, page_of_participants

PARTNER = "RS-BELGRADE"
SERBIAN = (
    "Ana Milica Jelena Marko Nikola Stefan Ivana Luka Đorđe Dragana Miloš Jovana Nemanja "
    "Snežana Žarko Ljiljana Njegoš Dušan Vesna Zoran Tijana Vuk Milena Bojan Aleksandar",
    "Petrović Jovanović Nikolić Marković Đorđević Ilić Pavlović Stojanović Živković "
    "Todorović Kovačević Đurić Popović Janković Mitrović Savić Čolić Šapić Lukić Knežević "
    "Stanković Obradović Ristić Vasić Radović Milošević Tomić Jakovljević Božić Ćirić",
)
ITALIAN = (
    "Giulia Marco Chiara Luca Francesca Matteo Sara Paolo Alessandro Giorgia Lorenzo",
    "Rossi Bianchi Ferrari Conti Ricci Marini Bruno Galli D'Angelo De_Luca Esposito Russo",
)
DUTCH = (
    "Sanne Daan Lotte Bram Femke Joris Eva Thijs Jan Anouk Sem",
    "de_Jong Jansen de_Vries van_Dijk Bakker Visser Smit van_der_Berg van_den_Heuvel Mulder",
)
MIGRANT = (
    "Mohammed Muhammad Ahmad Fatima Zahra Yusuf Omar Mariam Hossein Reza Gul Tesfaye Selam "
    "Abdul_Rahman Nasrin Farid Aisha Ibrahim Khalid Amina Hamid Samira Mehdi Zainab Bilal",
    "Al-Hassan Hassan Rahimi Mohammadi Karimi Ahmadi Hosseini Noori Zazai Stanikzai Tesfay "
    "Gebremedhin Haile Abebe Osman Haddad Yilmaz Bekele Sultani Popal Wardak Mengistu",
)
"""Given names and family names per origin; `_` joins the words of one name."""
SYLLABLES = "ra do mi lo ve sa ko na tu be ri zo ga pe li mu ja ne ka to".split()  # noqa: SIM905


def _pick(rng: random.Random, words: str) -> str:
    return rng.choice(words.split()).replace("_", " ")


def person(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    pools = SERBIAN if roll < 0.6 else ITALIAN if roll < 0.7 else DUTCH if roll < 0.8 else MIGRANT
    first, last = _pick(rng, pools[0]), _pick(rng, pools[1])
    if rng.random() < 0.4:  # the long tail: rarer family names
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        last = stem + ("vić" if pools is SERBIAN else rng.choice(["i", "", "a", "zada"]))
    if pools is SERBIAN and rng.random() < 0.2:
        first, last = cyrtranslit.to_cyrillic(first, "sr"), cyrtranslit.to_cyrillic(last, "sr")
    return first, last


COLUMNS = [
    *("id", "partner", "given_name", "family_name", "email", "birth_date"),
    *("preferred_language", "group", "country", "languages", "roles", "registered_at"),
    *("name_key", "name_search", "name_core", "name_sound", "name_grams", "email_key"),
]


def rows(partner: str, count: int, rng: random.Random, start: datetime) -> list[tuple[Any, ...]]:
    out = []
    for n in range(count):
        given, family = person(rng)
        email = f"p{n}.{partner.lower()}@example.org" if rng.random() < 0.5 else None
        keys = key_columns(given, family, email)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(55 * 365))
        out.append(
            (uuid.uuid4(), partner, given, family, email, born, "sr", "local", partner[:2],
             ["sr"], ["participant"], start + timedelta(seconds=n * 60), *keys.values())
        )  # fmt: skip
    return out


async def seed(url: str, people: int) -> float:
    started = time.perf_counter()
    rng = random.Random(20)
    begin = datetime(2025, 1, 1, tzinfo=UTC)
    data = rows(PARTNER, people, rng, begin) + rows("IT-SIENA", people // 10, rng, begin)
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await connection.copy_records_to_table("participants", records=data, columns=COLUMNS)
        await connection.execute("ANALYZE participants")
    finally:
        await connection.close()
    return time.perf_counter() - started


QUERIES: dict[str, list[str]] = {
    "baseline: plain list (no name)": [""],
    "prefix of a part": ["petro", "jova", "mila", "moha", "berg", "kar", "ni", "đu"],
    "substring inside a part": ["rović", "ovan", "ijan", "assa", "ndi", "ilo"],
    "Cyrillic": ["Петровић", "Ђорђе", "Јелена Николић", "Шапић", "Милош"],
    "without diacritics": ["djordje petrovic", "duric", "zivkovic", "colic", "snezana"],
    "whole name, any order": ["Ana Đurić", "Petrović Đorđe", "Mohammed Al-Hassan", "Jan Berg"],
}


def quantiles(latencies: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(latencies, n=100)
    return q[49] * 1000, q[98] * 1000


async def over_http(client: httpx.AsyncClient, token: str, queries: list[str], n: int) -> Any:
    latencies, found = [], []
    headers = {"Authorization": f"Bearer {token}"}
    for i in range(n):
        name = queries[i % len(queries)]
        params = {"limit": "50"} | ({"name": name} if name else {})
        started = time.perf_counter()
        response = await client.get("/v1/participants", params=params, headers=headers)
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
        found.append(len(response.json()["items"]))
    return latencies, statistics.mean(found)


async def in_process(database: Database, queries: list[str], n: int) -> list[float]:
    latencies = []
    for i in range(n):
        name = queries[i % len(queries)] or None
        started = time.perf_counter()
        async with database.transaction() as session:
            await page_of_participants(session, Search(partner=PARTNER, name=name), None, 51)
        latencies.append(time.perf_counter() - started)
    return latencies


async def main(people: int, requests: int, runs: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-search-"))
    postgres = EmbeddedPostgres(root / "postgres", free_port())
    nats = EmbeddedNats(root / "nats", free_port())
    postgres.start()
    nats.start()
    mint = TokenMint.generate()
    environment = {f"MILAGRO_{k.upper()}": str(v) for k, v in trusting(mint).items() if v}
    environment |= {"MILAGRO_LOG_LEVEL": "WARNING"}
    stack = Stack(
        root, postgres.url, nats.url, ports={"registry": free_port()},
        environment=environment, database_prefix="bench",
    )  # fmt: skip
    database = None
    try:
        await stack.prepare()
        stack.start()
        await stack.wait_ready(60)
        registry = stack.services["registry"].url
        admin = {"Authorization": f"Bearer {mint.token(roles=['admin'])}"}
        async with httpx.AsyncClient(base_url=registry, timeout=30) as client:
            for code in (PARTNER, "IT-SIENA"):
                partner = {"code": code, "name": code, "country": code[:2], "city": "x"}
                (await client.post("/v1/partners", headers=admin, json=partner)).raise_for_status()
        url = database_url(postgres.url, "registry", "bench")
        took = await seed(url, people)
        print(f"seeded {people:,} + {people // 10:,} participants (keys included) in {took:.1f} s")
        database = Database(url)
        token = mint.token(partner=PARTNER, roles=["coordinator"], ttl_s=3600)
        results: dict[str, dict[str, list[float]]] = {k: {} for k in QUERIES}
        async with httpx.AsyncClient(base_url=registry, timeout=30) as client:
            await over_http(client, token, ["petrovic", ""], 50)  # warm up
            for run in range(runs):
                for kind, queries in QUERIES.items():
                    http, found = await over_http(client, token, queries, requests)
                    direct = await in_process(database, queries, requests)
                    figures = results[kind]
                    for label, value in zip(
                        ("http_p50", "http_p99", "db_p50", "db_p99"),
                        (*quantiles(http), *quantiles(direct)),
                        strict=True,
                    ):
                        figures.setdefault(label, []).append(value)
                    figures.setdefault("found", []).append(found)
                    print(
                        f"run {run + 1} {kind:32} HTTP p50 {quantiles(http)[0]:5.1f} ms "
                        f"p99 {quantiles(http)[1]:5.1f} ms | query alone p50 "
                        f"{quantiles(direct)[0]:5.1f} ms p99 {quantiles(direct)[1]:5.1f} ms "
                        f"| {found:.0f} listed per page"
                    )
            started = time.perf_counter()
            pairs = await client.get(
                "/v1/participants/duplicates", headers={"Authorization": f"Bearer {token}"}
            )
            assert pairs.status_code == 200, pairs.text
            print(
                f"GET /v1/participants/duplicates over {people:,} people: "
                f"{time.perf_counter() - started:.2f} s, {pairs.json()['total']:,} likely pairs"
            )
        print(f"\nmedians of {runs} runs, {requests} requests per kind and run:")
        print("| query kind | HTTP p50 | HTTP p99 | query alone p50 | query alone p99 |")
        print("|---|---|---|---|---|")
        for kind, figures in results.items():
            cells = [statistics.median(figures[k]) for k in ("http_p50", "http_p99", "db_p50")]
            cells.append(statistics.median(figures["db_p99"]))
            print(f"| {kind} | " + " | ".join(f"{c:.1f} ms" for c in cells) + " |")
    finally:
        if database is not None:
            await database.close()
        stack.stop()
        nats.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.people, arguments.requests, arguments.runs))
