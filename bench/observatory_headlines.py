"""The cost of a live headline read, and of keeping it, from 10k to 1M facts.

    uv run python bench/observatory_headlines.py [--sizes 10000 100000 1000000] [--reads 50]

Facts are written straight into a migrated observatory database (SQL, untimed: the
projection is measured by bench/observatory_throughput.py), shaped like the mix of
bench/observatory_mix.py: registrations, attendance, assessments pre and post, trainings,
held activities, camps, coaching sessions and feedback, one person in five with several
facts, spread over 24 months. At each size:

- the running tallies are counted from scratch (`headlines.recount`, what a rebuild ends
  with);
- every indicator's headline is read from the tallies (`headlines.headlines`, one
  statement: what /v1/progress and the live stream read per version), median of `reads`;
- the same headlines computed from every fact (`formulas.headline` per indicator, what
  every read did before), median of 3: the same-run baseline; both must be equal;
- keeping the tallies: `settle` after 500 new attendances of 500 people (what a consumer
  batch adds to its transaction), median of 5.
"""

import argparse
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable

import uvloop
from observatory_mix import observatory_database, start_servers
from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import ARRAY, UUID

from milagro_kit.database import Database
from milagro_observatory.catalogue import catalogue
from milagro_observatory.formulas import headline
from milagro_observatory.headlines import changed, headlines, recount, settle
from milagro_observatory.store import facts

# kind, key suffix, tag, item, activity kind, value, share of the facts
_SHAPES = [
    ("registration", "", None, None, None, "1", 20),
    ("attendance", "-a", "present", None, "structured_meeting", "1", 24),
    ("attendance", "-b", "present", None, "storytelling", "1", 6),
    ("assessment", "-pre", "pre", "rfcdc/total", None, "(random() * 40)::numeric(4,1)", 5),
    ("assessment", "-post", "post", "rfcdc/total", None, "(random() * 40)::numeric(4,1)", 5),
    ("training", "-t", "mediator", None, "training", "1", 2),
    ("session", "-s", "held", "academy", None, "60", 20),
    ("feedback", "-f", "newcomer", None, None, "(1 + floor(random() * 5))", 10),
    ("newcomer_enrolment", "-n", None, None, None, "1", 4),
    ("activity_held", "", "mixed", None, "mediation_service", "12", 2),
    ("camp", "", None, None, "summer_camp", "5", 2),
]


async def fill(database: Database, total: int, have: int) -> None:
    """Add facts until there are `total` (people: one per five facts)."""
    people = max(1, total // 5)
    weights = sum(s[-1] for s in _SHAPES)
    async with database.transaction() as session:
        for kind, suffix, tag, item, activity, value, weight in _SHAPES:
            count = (total - have) * weight // weights
            personless = kind in ("activity_held", "camp")
            person = "NULL" if personless else f"md5((g % {people})::text)::uuid"
            key = (
                f"'{kind}-' || g" if personless else f"md5((g % {people})::text) || '{suffix}' || g"
            )
            if kind == "registration":
                key = f"md5((g % {people})::text)"
                person = f"md5((g % {people})::text)::uuid"
            item_sql = "NULL" if item is None else f"'{item}'"
            if kind == "session":
                item_sql = "'academy-' || (g % 3)"
            await session.execute(
                text(
                    f"""
                    INSERT INTO facts (fact, key, at, happened, period, partner, participant_key,
                        "group", migrant_status, gender, age_band, activity_kind, item, tag, value,
                        research_consent)
                    SELECT '{kind}', {key}, t, t, date_trunc('month', t)::date,
                        (ARRAY['it-sie', 'rs-beo', 'nl-ams', 'it-rom'])[1 + g % 4],
                        {person},
                        (ARRAY['local', 'migrant'])[1 + g % 2], 'resident', 'female', '25-34',
                        {"NULL" if activity is None else repr(activity)}, {item_sql},
                        {"NULL" if tag is None else repr(tag)}, {value}, g % 3 = 0
                    FROM generate_series({have}, {have + count - 1}) AS g,
                        LATERAL (SELECT now() - (g % 730) * interval '1 day' AS t) AS moment
                    ON CONFLICT DO NOTHING
                    """
                )
            )
    async with database.transaction() as session:
        await session.execute(text("ANALYZE facts"))


async def median_of(runs: int, work: Callable[[], Awaitable[None]]) -> float:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


async def main(sizes: list[int], reads: int) -> None:
    servers = start_servers("bench-obs-headlines-")
    try:
        database = Database(await observatory_database(servers.postgres.url))
        have = 0
        print(
            "| facts | recount (s) | tallied read, all 16 (ms) | computed, all 16 (ms) "
            "| settle 500 facts' people (ms) | equal |"
        )
        print("|---|---|---|---|---|---|")
        for size in sizes:
            await fill(database, size, have)
            async with database.transaction() as session:
                have = await session.scalar(select(func.count()).select_from(facts))
                sample = [
                    r[0]
                    for r in (
                        await session.execute(
                            select(facts.c.participant_key)
                            .where(facts.c.participant_key.is_not(None))
                            .distinct()
                            .limit(500)
                        )
                    ).all()
                ]
            started = time.perf_counter()
            async with database.transaction() as session:
                await recount(session)
            counted = time.perf_counter() - started

            async def tallied() -> None:
                async with database.transaction() as session:
                    await headlines(session)

            async def computed() -> None:
                async with database.transaction() as session:
                    for indicator in catalogue().indicators:
                        await headline(session, indicator)

            async def settled(people: list[uuid.UUID] = sample) -> float:
                """Settle a batch of 500 new attendances of 500 people: the parts' cost."""
                async with database.transaction() as session:
                    batch = uuid.uuid4()
                    await session.execute(
                        text(
                            "INSERT INTO facts (fact, key, at, happened, period, partner, "
                            'participant_key, activity_kind, tag, "group") '
                            "SELECT 'attendance', p::text || :batch, now(), now(), "
                            "date_trunc('month', now())::date, 'it-sie', p, "
                            "'structured_meeting', 'present', 'local' FROM unnest(:people) AS p"
                        ).bindparams(bindparam("people", type_=ARRAY(UUID()))),
                        {"people": people, "batch": str(batch)},
                    )
                    changed(session, (str(p) for p in people))
                    started = time.perf_counter()
                    await settle(session)
                    return time.perf_counter() - started

            read = await median_of(reads, tallied)
            full = await median_of(3, computed)
            kept = statistics.median([await settled() for _ in range(5)])
            async with database.transaction() as session:
                a = await headlines(session)
                b = {i.id: await headline(session, i) for i in catalogue().indicators}
            print(
                f"| {have:,} | {counted:.1f} | {read * 1000:.1f} | {full * 1000:.0f} | "
                f"{kept * 1000:.0f} | {a == b} |",
                flush=True,
            )
        await database.close()
    finally:
        servers.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--reads", type=int, default=50)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.sizes, arguments.reads))
