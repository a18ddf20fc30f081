"""A programme round through the public HTTP APIs only, with real tokens, checked as an
outsider: a partner front-end registers people, runs a mediator training, lets a new
mediator deliver services, holds a meeting, a story evening and a summer camp, collects
pre and post assessments, keeps its own count of all of it, and then compares the
observatory's published figures with that count.

Like a front-end, it retries a step the events service asks to retry (`Retry-After`: a
person registered a moment ago is not known there yet).
"""

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from milagro_kit.testing.auth import bearer
from milagro_kit.testing.bodies import consents

PARTNER = "IT-SIENA"
CONSENTS = consents()


class FrontEnd:
    """A partner's front-end: its calls, and its own count of what it did."""

    def __init__(self, stack: Any, mint: Any) -> None:
        self.registry = httpx.AsyncClient(base_url=stack.services["registry"].url, timeout=20)
        self.events = httpx.AsyncClient(base_url=stack.services["events"].url, timeout=20)
        self.observatory = httpx.AsyncClient(base_url=stack.services["observatory"].url, timeout=20)
        self.admin = bearer(mint.token(roles=["admin"]))
        self.coordinator = bearer(mint.token(partner=PARTNER, roles=["coordinator"]))
        self.mint = mint
        self.groups: dict[str, str] = {}
        self.held: list[set[str]] = []  # the groups present at each held activity
        self.last_call = time.monotonic()

    async def call(
        self, client: httpx.AsyncClient, method: str, path: str, body: Any = None, **headers: str
    ) -> Any:
        for _ in range(100):
            response = await client.request(
                method, path, json=body, headers=headers or self.coordinator
            )
            if response.status_code not in (409, 503) or "retry-after" not in response.headers:
                break
            await asyncio.sleep(float(response.headers["retry-after"]) / 10)
        assert response.status_code < 300, f"{method} {path}: {response.text}"
        self.last_call = time.monotonic()
        return response.json()

    async def register(self, group: str) -> str:
        body = {
            "partner": PARTNER,
            "given_name": f"G{uuid.uuid4().hex[:10]}",
            "family_name": f"F{uuid.uuid4().hex[:10]}",
            "birth_date": "1993-06-01",
            "group": group,
            "migrant_status": "refugee" if group == "migrant" else None,
            "consents": CONSENTS,
            "confirm_new_person": True,
        }
        person = await self.call(self.registry, "POST", "/v1/participants", body)
        self.groups[person["id"]] = group
        return str(person["id"])

    async def activity(
        self, kind: str, starts: datetime, people: list[str], hours: float = 2, **fields: Any
    ) -> str:
        body = {
            "partner": PARTNER,
            "kind": kind,
            "title": kind,
            "place": "Siena",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=hours)).isoformat(),
        } | fields
        activity = await self.call(self.events, "POST", "/v1/activities", body)
        room = {"attendance": [{"participant_id": p} for p in people]}
        await self.call(self.events, "POST", f"/v1/activities/{activity['id']}/attendance", room)
        held = await self.call(self.events, "POST", f"/v1/activities/{activity['id']}/close")
        expected = {"local": 0, "migrant": 0}
        for p in people:
            expected[self.groups[p]] += 1
        assert held["attendance"] == expected
        self.held.append({self.groups[p] for p in people})
        return str(activity["id"])

    async def figure(self, indicator: str, key: str = "value") -> Any:
        response = await self.observatory.get(
            f"/v1/indicators/{indicator}", params={"period": "total"}
        )
        assert response.status_code == 200, response.text
        (headline,) = response.json()["cells"]
        return headline[key]


@pytest.fixture(scope="module")
async def stack(start_platform, tmp_path_factory):
    async with start_platform(tmp_path_factory.mktemp("round"), disclosure_threshold="1") as on:
        yield on


async def test_a_programme_round_moves_the_observatory_as_counted(stack, mint):
    front = FrontEnd(stack, mint)
    await front.call(
        front.registry,
        "POST",
        "/v1/partners",
        {"code": PARTNER, "name": "Siena", "country": "IT", "city": "Siena"},
        **front.admin,
    )
    migrants = [await front.register("migrant") for _ in range(8)]
    locals_ = [await front.register("local") for _ in range(6)]
    now = datetime.now(UTC)

    # the mediator training: four weekly sessions, a final assessment, completion
    training = await front.call(
        front.events,
        "POST",
        "/v1/trainings",
        {
            "partner": PARTNER,
            "title": "Intercultural mediator training (Siena)",
            "certification": "mediator",
            "min_share": 0.75,
            "pass_mark": 60,
        },
    )
    trainees = migrants[:6]
    for week in range(4):
        present = trainees if week < 2 else trainees[:5]  # the sixth misses two of four
        await front.activity(
            "training",
            now - timedelta(days=60 - 7 * week),
            present,
            training_id=training["id"],
        )
    scores = [{"participant_id": p, "score": 40 if p == trainees[4] else 75} for p in trainees]
    await front.call(
        front.events,
        "PUT",
        f"/v1/trainings/{training['id']}/final-assessments",
        {"scores": scores},
    )
    await front.call(front.events, "POST", f"/v1/trainings/{training['id']}/complete")
    results = await front.call(front.events, "GET", f"/v1/trainings/{training['id']}/results")
    certified = sorted(r["participant_id"] for r in results["items"] if r["certified"])
    assert certified == sorted(
        trainees[:4]
    )  # the fifth failed the assessment, the sixth came too little
    why = {r["participant_id"]: r["reason"] for r in results["items"]}
    assert "2 of 4" in why[trainees[5]] and "40" in why[trainees[4]]

    # the new mediators serve newcomers
    services = 0
    for mediator, newcomers in ((certified[0], migrants[6:8]), (certified[1], migrants[7:8])):
        await front.call(
            front.events,
            "POST",
            "/v1/mediation-services",
            {
                "partner": PARTNER,
                "mediator_id": mediator,
                "newcomer_ids": newcomers,
                "service_kind": "interpretation",
                "delivered_at": (now - timedelta(days=5)).isoformat(),
                "duration_minutes": 60,
                "language": "ar",
                "outcome": "resolved",
                "place": "Siena",
            },
        )
        front.held.append({"migrant"})
        services += 1

    # a meeting of both groups, a story evening of locals told by a migrant, a summer camp
    await front.activity("structured_meeting", now - timedelta(days=30), locals_[:3] + migrants[:2])
    await front.activity(
        "storytelling", now - timedelta(days=20), locals_[3:5], facilitator_ids=[migrants[6]]
    )
    await front.call(
        front.events,
        "POST",
        "/v1/camp-locations",
        {"id": "val-d-orcia", "partner": PARTNER, "name": "Val d'Orcia", "place": "Pienza"},
    )
    await front.activity(
        "summer_camp",
        now - timedelta(days=10),
        migrants + locals_,
        hours=24 * 4 + 8,
        camp_location_id="val-d-orcia",
    )

    # pre and post assessments: everyone answers 3 before and 4 after (a reversed item
    # answered 2): each total moves by exactly +1
    instrument = await front.call(front.events, "GET", "/v1/instruments/rfcdc", **front.admin)
    reversed_ = {i["id"] for i in instrument["items"] if i["reversed"]}
    answering = locals_[:3] + migrants[:3]
    for person in answering:
        for phase, answer in (("pre", 3), ("post", 4)):
            answers = {
                i["id"]: (6 - answer if i["id"] in reversed_ else answer)
                for i in instrument["items"]
            }
            await front.call(
                front.events,
                "POST",
                "/v1/assessments",
                {
                    "participant_id": person,
                    "instrument_id": "rfcdc",
                    "phase": phase,
                    "answers": answers,
                },
            )

    # the front-end's own count, and what the observatory publishes
    expected = {
        "mediators-trained": len(certified),
        "mediation-services": services,
        "summer-camps-held": 1,
        "locals-reached": 5,
        # the certified mediators (migrants all) and the migrant who told the stories
        "migrants-leading-roles": len(certified) + 1,
    }
    mixed = sum(groups == {"local", "migrant"} for groups in front.held) / len(front.held)

    async def published() -> dict[str, Any]:
        return {name: await front.figure(name) for name in expected}

    deadline = time.monotonic() + 30
    while (figures := await published()) != expected and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    lag = time.monotonic() - front.last_call
    assert figures == expected
    assert await front.figure("mixed-participation") == pytest.approx(100 * mixed, abs=0.05)
    assert await front.figure("democratic-competence-change") == pytest.approx(1.0)
    assert await front.figure("democratic-competence-change", "n") == len(answering)
    print(f"the observatory showed the round {lag:.2f} s after the last call")
