"""A coaching round through the public HTTP APIs only, with real tokens, checked as an
outsider: the Belgrade academy's front-end enrols coaches and newcomers the registry
knows, runs the matcher, accepts its proposals, records sessions; coaches and newcomers
hold and rate them with their own tokens; the front-end keeps its own count and compares
the observatory's coaching indicators with it.

Like a front-end, it retries a step the service asks to retry (`Retry-After`: a person
registered a moment ago is not known to the coaching service yet).
"""

import asyncio
import statistics
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from milagro_kit.testing.auth import bearer
from milagro_kit.testing.bodies import always_available, consents

PARTNER = "RS-BELGRADE"
ALWAYS = always_available("Europe/Belgrade")
CONSENTS = consents()


@pytest.fixture(scope="module")
async def stack(start_platform, tmp_path_factory):
    async with start_platform(tmp_path_factory.mktemp("coaching"), disclosure_threshold="1") as on:
        yield on


async def call(
    client: httpx.AsyncClient, method: str, path: str, headers: dict, body: Any = None
) -> Any:
    for _ in range(100):
        response = await client.request(method, path, json=body, headers=headers)
        if response.status_code != 409 or "retry-after" not in response.headers:
            break
        await asyncio.sleep(0.1)
    assert response.status_code < 300, f"{method} {path}: {response.text}"
    return response.json()


async def test_a_coaching_round_moves_the_observatory_as_counted(stack, mint):
    registry = httpx.AsyncClient(base_url=stack.services["registry"].url, timeout=20)
    coaching = httpx.AsyncClient(base_url=stack.services["coaching"].url, timeout=20)
    observatory = httpx.AsyncClient(base_url=stack.services["observatory"].url, timeout=20)
    admin = bearer(mint.token(roles=["admin"]))
    coordinator = bearer(mint.token(partner=PARTNER, roles=["coordinator"]))
    await call(
        registry,
        "POST",
        "/v1/partners",
        admin,
        {"code": PARTNER, "name": "Belgrade", "country": "RS", "city": "Belgrade"},
    )

    async def person(role: str, languages: list[str]) -> str:
        body = {
            "partner": PARTNER,
            "given_name": f"G{uuid.uuid4().hex[:10]}",
            "family_name": f"F{uuid.uuid4().hex[:10]}",
            "birth_date": "1990-02-03",
            "group": "migrant" if role == "newcomer" else "local",
            "migrant_status": "refugee" if role == "newcomer" else None,
            "languages": languages,
            "roles": [role],
            "consents": CONSENTS,
            "confirm_new_person": True,
        }
        return str((await call(registry, "POST", "/v1/participants", coordinator, body))["id"])

    academy = await call(
        coaching,
        "POST",
        "/v1/academies",
        coordinator,
        {
            "partner": PARTNER,
            "name": "Belgrade academy",
            "city": "Belgrade",
            "time_zone": "Europe/Belgrade",
        },
    )
    coaches = {}
    for languages in (["fa", "sr"], ["ar", "en"]):
        pid = await person("coach", languages)
        body = {
            "participant_id": pid,
            "languages": languages,
            "topics": ["work", "housing"],
            "availability": ALWAYS,
            "capacity": 2,
        }
        coaches[pid] = await call(
            coaching, "POST", f"/v1/academies/{academy['id']}/coaches", coordinator, body
        )
    newcomers = {}
    for languages in (["fa"], ["ar"], ["ti"]):
        pid = await person("newcomer", languages)
        body = {
            "participant_id": pid,
            "languages": languages,
            "needs": ["housing"],
            "availability": ALWAYS,
        }
        newcomers[pid] = await call(
            coaching, "POST", f"/v1/academies/{academy['id']}/newcomers", coordinator, body
        )

    run = await call(coaching, "POST", f"/v1/academies/{academy['id']}/matching", coordinator)
    assert len(run["proposals"]) == 2
    assert [u["reasons"] for u in run["unmatched"]] == ["no coach speaks Tigrinya"]
    person_of = {r["id"]: pid for pid, r in (coaches | newcomers).items()}

    held_minutes, ratings, coached = [], [], set()
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    for proposal in run["proposals"]:
        await call(coaching, "POST", f"/v1/matches/{proposal['id']}/accept", coordinator, {})
        coach = bearer(
            mint.token(
                partner=PARTNER, roles=["coach"], participant=person_of[proposal["coach_id"]]
            )
        )
        newcomer = bearer(
            mint.token(
                partner=PARTNER, roles=["newcomer"], participant=person_of[proposal["newcomer_id"]]
            )
        )
        for days_ago, minutes in ((10, 60), (3, 45)):
            booked = await call(
                coaching,
                "POST",
                f"/v1/matches/{proposal['id']}/sessions",
                coordinator,  # recorded after the fact by the academy
                {"starts_at": (now - timedelta(days=days_ago)).isoformat(), "duration_minutes": 60},
            )
            await call(
                coaching,
                "POST",
                f"/v1/sessions/{booked['id']}/held",
                coach,
                {"duration_minutes": minutes, "topics": ["housing"]},
            )
            held_minutes.append(minutes)
            coached.add(proposal["newcomer_id"])
            for headers, rating in ((coach, 5), (newcomer, 4 if days_ago == 10 else 3)):
                await call(
                    coaching,
                    "POST",
                    f"/v1/sessions/{booked['id']}/feedback",
                    headers,
                    {"rating": rating, "comment": "private words"},
                )
                ratings.append(rating)

    expected = {
        "coaching-academies": 1,
        "newcomers-coached": len(coached),
        "coaching-sessions-held": len(held_minutes),
        "coaching-hours": round(sum(held_minutes) / 60, 2),
        "coaching-satisfaction": round(statistics.mean(ratings), 2),
    }

    async def published() -> dict[str, Any]:
        figures = {}
        for name in expected:
            answer = await observatory.get(f"/v1/indicators/{name}", params={"period": "total"})
            assert answer.status_code == 200, answer.text
            value = answer.json()["cells"][0]["value"]
            figures[name] = round(value, 2) if isinstance(value, float) else value
        return figures

    deadline = time.monotonic() + 30
    while (figures := await published()) != expected and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert figures == expected

    # the comments stay in the coaching service: nowhere on the public feeds
    for path in ("/v1/indicators/coaching-satisfaction", "/v1/open-directory"):
        client = observatory if path.startswith("/v1/indicators") else coaching
        assert "private words" not in (await client.get(path)).text
    offer = (await coaching.get("/v1/open-directory")).json()["academies"]
    assert [(a["coaches"], a["open_places"], a["waiting"]) for a in offer] == [(2, 2, 1)]
