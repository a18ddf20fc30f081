"""The published figures, checked as an outsider: only the public HTTP APIs, real tokens,
and the test's own count of what it did.

A partner front-end registers people at four partners (one of them small, as IT-PRATO
was), changes some of them and erases others, keeping its own ground truth after every
step. Then every public table of `participants-registered` (every `by`, in every order,
every period) is compared with that count, and an independent attacker, holding all of
them at once, tries to work out any cell under the threshold. Meanwhile every release is
watched: two successive releases must differ by at least the threshold of records.
"""

import asyncio
import itertools
import random
import sys
import uuid
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from milagro_kit.testing.auth import bearer
from milagro_kit.testing.plugin import eventually

sys.path.insert(0, str(Path(__file__).parents[1] / "services" / "observatory" / "tests"))
from disclosure_attacker import Published, recovered

THRESHOLD = 5
MAX_BY = {"month": 1, "quarter": 1, "total": 2}  # as the API documents
COUNTRY_OF = {"IT-SIENA": "IT", "IT-PRATO": "IT", "RS-BELGRADE": "RS", "NL-UTRECHT": "NL"}
DIMS = ("partner", "country", "group", "migrant_status", "gender", "age_band")
INDICATOR = "/v1/indicators/participants-registered"
BANDS = ((18, "0-17"), (25, "18-24"), (35, "25-34"), (45, "35-44"), (55, "45-54"), (65, "55-64"))


def band(birth: date, on: date) -> str:
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return next((b for limit, b in BANDS if years < limit), "65+")


def quarter(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}"


def grain(level: str) -> str:
    return "total" if level == "total" else "quarter" if "Q" in level else "month"


class Truth:
    """The front-end's own record of everyone it registered, as the tables should count them."""

    def __init__(self) -> None:
        self.people: dict[str, dict[str, str]] = {}

    def snapshot(self) -> dict[str, dict[str, str]]:
        return {k: dict(v) for k, v in self.people.items()}


def cells_of(people: dict[str, dict[str, str]]) -> Counter:
    counts: Counter = Counter()
    for person in people.values():
        month = person["month"]
        for level in (month, quarter(month), "total"):
            for size in range(MAX_BY[grain(level)] + 1):
                for table in itertools.combinations(DIMS, size):
                    counts[(level, tuple((d, person[d]) for d in table))] += 1
    return counts


def atoms_of(people: dict[str, dict[str, str]]) -> Counter:
    return Counter((p["month"], *(p[d] for d in DIMS if d != "country")) for p in people.values())


def changed(before: Counter, after: Counter) -> int:
    """The fewest records added, removed or moved that explain the difference."""
    up = sum((after - before).values())
    down = sum((before - after).values())
    return max(up, down)


def canonical(fixed: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple((d, fixed[d]) for d in DIMS if d in fixed)


async def table(client: httpx.AsyncClient, by: tuple[str, ...], period: str) -> dict[str, Any]:
    response = await client.get(INDICATOR, params={"by": ",".join(by), "period": period})
    assert response.status_code == 200, response.text
    return response.json()


def keyed(document: dict[str, Any]) -> dict[Any, int | None]:
    out = {}
    for cell in document["cells"]:
        fixed = {d: cell[d] for d in document["by"] if cell[d] != "all"}
        out[(cell["period"], canonical(fixed))] = None if cell["suppressed"] else cell["value"]
    return out


def matching(published: dict[Any, int | None], history: list[Counter]) -> list[int]:
    """The steps of the history whose counts every published cell equals."""
    return [
        i
        for i, counts in enumerate(history)
        if all(v is None or counts.get(k, 0) == v for k, v in published.items())
    ]


@pytest.fixture(scope="module")
async def stack(start_platform, tmp_path_factory):
    """The platform with the real disclosure threshold (5), releases looked for often."""
    async with start_platform(tmp_path_factory.mktemp("figures"), release_interval_s="0.1") as on:
        yield on


async def test_every_published_figure_matches_the_front_ends_own_count(stack, mint):
    registry = httpx.AsyncClient(base_url=stack.services["registry"].url, timeout=20)
    observatory = httpx.AsyncClient(base_url=stack.services["observatory"].url, timeout=20)
    admin = bearer(mint.token(roles=["admin"]))
    for code, country in COUNTRY_OF.items():
        body = {"code": code, "name": code, "country": country, "city": "X", "kind": "full"}
        response = await registry.post("/v1/partners", json=body, headers=admin)
        assert response.status_code == 201, response.text
    tokens = {p: bearer(mint.token(partner=p, roles=["coordinator"])) for p in COUNTRY_OF}

    truth = Truth()
    history: list[Counter] = []
    atoms: list[Counter] = []
    rng = random.Random(12)

    def step() -> None:
        history.append(cells_of(truth.people))
        atoms.append(atoms_of(truth.people))

    async def register(partner: str, **fields: Any) -> str:
        body = {
            "partner": partner,
            "given_name": f"G{uuid.uuid4().hex[:10]}",
            "family_name": f"F{uuid.uuid4().hex[:10]}",
            "group": "migrant",
            "migrant_status": "refugee",
            "gender": "female",
            "birth_date": "1995-03-10",
            "languages": ["en"],
            "confirm_new_person": True,  # names differ by random letters only: distinct people
        } | fields
        response = await registry.post("/v1/participants", json=body, headers=tokens[partner])
        assert response.status_code == 201, response.text
        out = response.json()
        on = datetime.fromisoformat(out["registered_at"])
        truth.people[out["id"]] = {
            "month": f"{on.year}-{on.month:02d}",
            "partner": partner,
            "country": COUNTRY_OF[partner],
            "group": body["group"],
            "migrant_status": body.get("migrant_status") or "unknown",
            "gender": body["gender"],
            "age_band": band(date.fromisoformat(body["birth_date"]), on.date()),
        }
        step()
        return str(out["id"])

    releases: list[tuple[int, int, dict[Any, int | None]]] = []

    async def latest_release() -> dict[str, Any] | None:
        listing = (await observatory.get("/v1/releases")).json()["releases"]
        return next((r for r in listing if r["indicator"] == "participants-registered"), None)

    async def watch_releases() -> None:
        """Every release of the tables, as a reader polling for them would see it."""
        seen = 0
        while True:
            ours = await latest_release()
            number = 0 if ours is None else ours["number"]
            if number > seen:
                published: dict[Any, int | None] = {}
                for dim in DIMS:
                    document = await table(observatory, (dim,), "total")
                    if document["release"]["number"] != number:
                        break  # replaced while read: the next round reads the newer one
                    published |= keyed(document)
                else:
                    assert ours is not None
                    releases.append((number, ours["changed_records"], published))
                    seen = number
            await asyncio.sleep(0.02)

    step()  # nobody yet
    watcher = asyncio.create_task(watch_releases())
    try:
        # IT-PRATO, small: 3 men and 10 women; the others larger and mixed
        for gender, n in (("male", 3), ("female", 10)):
            for _ in range(n):
                await register("IT-PRATO", gender=gender, group="local", migrant_status=None)
        for partner, n in (("IT-SIENA", 60), ("RS-BELGRADE", 30), ("NL-UTRECHT", 35)):
            for _ in range(n):
                group = rng.choice(["local", "migrant"])
                await register(
                    partner,
                    group=group,
                    migrant_status=rng.choice(["refugee", "asylum_seeker", "other_migrant"])
                    if group == "migrant"
                    else None,
                    gender=rng.choice(["female", "male", "male", "non_binary"]),
                    birth_date=date(rng.randint(1950, 2008), rng.randint(1, 12), 10).isoformat(),
                )
        # the PATCH defect: twelve alike, then five of them change gender. A registration
        # is counted with the attributes of its time (issue 17), so the change moves no
        # cell of this indicator, and must not blank any other attribute either.
        alike = [await register("RS-BELGRADE") for _ in range(12)]
        for pid in alike[:5]:
            response = await registry.patch(
                f"/v1/participants/{pid}", json={"gender": "male"}, headers=tokens["RS-BELGRADE"]
            )
            assert response.status_code == 200, response.text
            step()
        # erasure keeps the aggregates (the person is unlinked, not uncounted)
        for pid in rng.sample(list(truth.people), 5):
            partner = truth.people[pid]["partner"]
            response = await registry.delete(f"/v1/participants/{pid}", headers=tokens[partner])
            assert response.status_code == 200, response.text

        async def headline_caught_up() -> bool:
            document = (await observatory.get(INDICATOR)).json()
            return document["live"] and document["cells"][0]["value"] == len(truth.people)

        await eventually(headline_caught_up, timeout=60)

        async def releases_caught_up() -> bool:
            document = (await observatory.get("/v1/releases")).json()
            return document["checked_version"] == document["data_version"]

        await eventually(releases_caught_up, timeout=60)

        async def watcher_read_the_last() -> bool:
            if watcher.done():
                watcher.result()  # it failed: say why
            last = await latest_release()
            return last is None or bool(releases and releases[-1][0] == last["number"])

        await eventually(watcher_read_the_last, timeout=30)
    finally:
        watcher.cancel()

    # every table the API documents, in every order: collected by cell, one value each
    published: dict[Any, int | None] = {}
    for period in ("total", "quarter", "month"):
        for size in range(MAX_BY[period] + 1):
            for by in itertools.permutations(DIMS, size):
                document = await table(observatory, by, period)
                if document["live"]:
                    # the headline is live, the tables are a release: they differ by the
                    # records (fewer than the threshold) not yet released, which nothing
                    # guarantees to be none at the end, now that a change of attributes
                    # moves no registration (a registration counts as it was then)
                    assert document["cells"][0]["value"] == len(truth.people)
                    continue
                for key, value in keyed(document).items():
                    assert published.setdefault(key, value) == value, f"{key} differs by table"
    # ... the same cells whatever the order of `by` (the suppression-order defect)
    for a, b in itertools.combinations(DIMS, 2):
        assert keyed(await table(observatory, (a, b), "total")) == keyed(
            await table(observatory, (b, a), "total")
        )

    # every published figure is the true count of some moment, and a recent one
    steps = matching(published, history)
    assert steps, "the published tables match no moment of the front-end's own count"
    assert changed(atoms[steps[-1]], atoms[-1]) < THRESHOLD, "a due release was not cut"
    truth_then = history[steps[-1]]
    small = {k for k, n in truth_then.items() if 0 < n < THRESHOLD}
    assert small, "the scenario has small cells"
    assert all(published[k] is None for k in small if k in published), "a small cell is shown"
    # nobody became "unknown" by a PATCH that named only their gender
    assert not truth_then.get(("total", (("age_band", "unknown"),)))
    assert not published.get(("total", (("age_band", "unknown"),)))  # nobody, not even hidden
    migrants_unknown = ("total", (("group", "migrant"), ("migrant_status", "unknown")))
    assert not truth_then.get(migrants_unknown) and not published.get(migrants_unknown)

    # the attacker, with every table and the live headline, works out no small cell
    cells = {k: v for k, v in published.items()}
    attacker = Published(cells, COUNTRY_OF)
    assert not recovered(attacker, small, extra=[("total", ())])

    # differencing: successive releases differ by at least the threshold of records (as
    # the observatory says, and as far as the front-end's own count can tell)
    assert len(releases) >= 3
    assert all(changed_records >= THRESHOLD for _, changed_records, _ in releases[1:])
    moments = [matching(p, history) for _, _, p in releases]
    for (n1, _, _), (n2, _, _), m1, m2 in zip(
        releases, releases[1:], moments, moments[1:], strict=False
    ):
        assert m1 and m2, f"release {n1} or {n2} matches no moment"
        assert changed(atoms[m1[0]], atoms[m2[-1]]) >= THRESHOLD, (n1, n2)
    await registry.aclose()
    await observatory.aclose()


async def test_every_documented_period_and_by_answers_for_every_indicator(stack):
    async with httpx.AsyncClient(base_url=stack.services["observatory"].url) as observatory:
        catalogue = (await observatory.get("/v1/indicators")).json()["indicators"]
        for indicator in catalogue:
            path = f"/v1/indicators/{indicator['id']}"
            for period in ("total", "quarter", "month"):
                for size in range(MAX_BY[period] + 1):
                    for by in itertools.permutations(indicator["disaggregations"], size):
                        params = {"by": ",".join(by), "period": period}
                        for suffix in ("", ".csv"):
                            response = await observatory.get(path + suffix, params=params)
                            assert response.status_code == 200, (indicator["id"], params)
                window = {"period": period, "from": "2026-01", "to": "2026-12"}
                response = await observatory.get(path, params=window)
                assert response.status_code == (400 if period == "total" else 200)
            too_many = ",".join(indicator["disaggregations"][:2])
            response = await observatory.get(path, params={"by": too_many, "period": "month"})
            assert response.status_code == (400 if len(too_many.split(",")) == 2 else 200)
            assert response.headers["content-type"].startswith(
                "application/problem+json" if response.status_code == 400 else "application/json"
            )
