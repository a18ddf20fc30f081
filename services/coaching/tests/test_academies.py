"""Academies, enrolment, the matcher through the API, decisions, the open directory, and
what an erasure ends: the coaching service in this process on real servers."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from milagro_coaching.service import service
from milagro_contracts.activities import Certification, TrainingCompleted
from milagro_contracts.event import Group, Role
from milagro_contracts.registry import (
    ParticipantAttributes,
    ParticipantErased,
    ParticipantRegistered,
)
from milagro_kit.testing.plugin import Api, Bus, eventually

SIENA = "IT-SIENA"
EVENINGS = {
    "zone": "Europe/Rome",
    "slots": [{"weekday": d, "start": "18:00", "end": "21:00"} for d in range(5)],
}


class Academy:
    """A Siena academy as its coordinator's front-end uses it."""

    def __init__(self, api: Api, bus: Bus) -> None:
        self.api, self.bus, self.headers = api, bus, api.as_(SIENA)
        self.id = ""

    async def call(self, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        response = await self.api.client.request(method, path, json=body, headers=self.headers)
        assert response.status_code == status, response.text
        return response.json()

    async def people(self, n: int, *roles: Role, languages: tuple[str, ...] = ("ar",)) -> list[str]:
        ids = [uuid.uuid4() for _ in range(n)]
        attributes = ParticipantAttributes(
            group=Group.migrant, roles=list(roles or [Role.participant]), languages=list(languages)
        )
        await self.bus.publish(
            *(
                ParticipantRegistered(
                    partner=SIENA,
                    participant_id=i,
                    registered_at=datetime.now(UTC),
                    attributes=attributes,
                )
                for i in ids
            )
        )
        await eventually(lambda: self.bus.drained("REGISTRY", "coaching-directory"))
        return [str(i) for i in ids]

    async def coach(self, languages: list[str], **fields: Any) -> dict[str, Any]:
        (person,) = await self.people(1, Role.coach, languages=tuple(languages))
        body = {
            "participant_id": person,
            "languages": languages,
            "topics": ["work", "housing"],
            "availability": EVENINGS,
            "capacity": 2,
        } | fields
        return dict(await self.call("POST", f"/v1/academies/{self.id}/coaches", body, 201))

    async def newcomer(self, languages: list[str], **fields: Any) -> dict[str, Any]:
        (person,) = await self.people(1, Role.newcomer, languages=tuple(languages))
        body = {
            "participant_id": person,
            "languages": languages,
            "needs": ["housing"],
            "availability": EVENINGS,
        } | fields
        return dict(await self.call("POST", f"/v1/academies/{self.id}/newcomers", body, 201))

    async def published(self, kind: str) -> list[dict[str, Any]]:
        wanted = f"eu.milagro.coaching.{kind}.v1"
        return [e for e in await self.bus.events("COACHING") if e["type"] == wanted]


@pytest.fixture
async def academy(serve: Any, bus: Bus) -> Any:
    async with serve(service) as api:
        opened = Academy(api, bus)
        body = {"partner": SIENA, "name": "Siena coaching academy", "city": "Siena"}
        made = await opened.call("POST", "/v1/academies", body | {"time_zone": "Europe/Rome"}, 201)
        opened.id = made["id"]
        yield opened


async def test_a_time_zone_that_is_no_zone_is_a_422(academy: Academy):
    body = {"partner": SIENA, "name": "Somewhere", "city": "Siena"}
    for zone in ("Europe/Atlantis", "a" * 300):  # the long one was a 503 (an OSError)
        await academy.call("POST", "/v1/academies", body | {"time_zone": zone}, 422)


async def test_enrolment_needs_a_known_certified_person(academy: Academy):
    stranger = str(uuid.uuid4())
    body = {
        "participant_id": stranger,
        "languages": ["ar"],
        "topics": ["work"],
        "availability": EVENINGS,
    }
    early = await academy.api.client.post(
        f"/v1/academies/{academy.id}/coaches", json=body, headers=academy.headers
    )
    assert early.status_code == 409 and early.headers["retry-after"] == "1"
    (plain,) = await academy.people(1)
    refused = await academy.call(
        "POST", f"/v1/academies/{academy.id}/coaches", body | {"participant_id": plain}, 422
    )
    assert refused["type"].endswith("/not-certified")

    # the coach training certifies: the person becomes a coach of the partner's academy
    (trainee,) = await academy.people(1, languages=("ti", "it"))
    await academy.bus.publish(
        TrainingCompleted(
            partner=SIENA,
            activity_id=uuid.uuid4(),
            participant_id=uuid.UUID(trainee),
            certification=Certification.coach,
            completed_at=datetime.now(UTC),
        )
    )

    async def enrolled() -> bool:
        listed = await academy.call("GET", f"/v1/academies/{academy.id}/coaches")
        return any(c["participant_id"] == trainee for c in listed["items"])

    await eventually(enrolled)
    listed = await academy.call("GET", f"/v1/academies/{academy.id}/coaches")
    (coach,) = [c for c in listed["items"] if c["participant_id"] == trainee]
    assert coach["languages"] == ["ti", "it"] and coach["availability"]["slots"] == []
    again = await academy.call(
        "POST", f"/v1/academies/{academy.id}/coaches", body | {"participant_id": trainee}, 409
    )
    assert again["type"].endswith("/already-enrolled")


async def test_the_matcher_proposes_explains_and_keeps_its_word(academy: Academy):
    arabic = await academy.coach(["ar", "it"])
    persian = await academy.coach(["fa"], capacity=1)
    amina = await academy.newcomer(["ar", "it"])
    omid = await academy.newcomer(["fa"])
    selam = await academy.newcomer(["ti"])
    path = f"/v1/academies/{academy.id}/matching"

    run = await academy.call("POST", path)
    pairs = {(m["newcomer_id"], m["coach_id"]) for m in run["proposals"]}
    assert pairs == {(amina["id"], arabic["id"]), (omid["id"], persian["id"])}
    by_newcomer = {m["newcomer_id"]: m for m in run["proposals"]}
    assert "shares Arabic and Italian" in by_newcomer[amina["id"]]["reasons"]
    assert "15 h of overlap a week" in by_newcomer[amina["id"]]["reasons"]
    assert run["unmatched"] == [{"newcomer_id": selam["id"], "reasons": "no coach speaks Tigrinya"}]

    again = await academy.call("POST", path)  # nothing changed: nothing churns
    assert {m["id"] for m in again["proposals"]} == {m["id"] for m in run["proposals"]}
    assert again["kept"] == 2 and again["withdrawn"] == 0

    accepted = await academy.call(
        "POST", f"/v1/matches/{by_newcomer[amina['id']]['id']}/accept", {}
    )
    assert accepted["state"] == "accepted"
    await academy.call(
        "POST",
        f"/v1/matches/{by_newcomer[omid['id']]['id']}/decline",
        {"reason": "they met before and it did not work"},
    )
    third = await academy.call("POST", path)
    assert third["proposals"] == []  # declined pairs are not proposed again
    reasons = {u["newcomer_id"]: u["reasons"] for u in third["unmatched"]}
    assert reasons[omid["id"]] == "the coordinators declined every coach who fits"

    async def made() -> bool:
        return len(await academy.published("match.made")) == 1

    await eventually(made)
    waiting = await academy.call(
        "GET", f"/v1/academies/{academy.id}/newcomers", None
    )  # everyone, with how long the waiting ones have waited
    states = {n["id"]: (n["state"], n["waiting_days"]) for n in waiting["items"]}
    assert states[amina["id"]] == ("matched", None) and states[selam["id"]] == ("waiting", 0)


async def test_a_coordinators_own_pairing_and_its_end(academy: Academy):
    coach = await academy.coach(["uk"], capacity=1)
    newcomer = await academy.newcomer(["ar"])  # no shared language: the reasons say so
    match = await academy.call(
        "POST",
        f"/v1/academies/{academy.id}/matches",
        {"coach_id": coach["id"], "newcomer_id": newcomer["id"], "reason": "an interpreter joins"},
        201,
    )
    assert match["state"] == "accepted" and match["score"] == 0
    assert match["reasons"] == "no coach speaks Arabic"
    other = await academy.newcomer(["uk"])
    full = await academy.call(
        "POST",
        f"/v1/academies/{academy.id}/matches",
        {"coach_id": coach["id"], "newcomer_id": other["id"], "reason": "x"},
        409,
    )
    assert full["type"].endswith("/coach-unavailable")
    ended = await academy.call(
        "POST", f"/v1/matches/{match['id']}/end?continues=true", {"reason": "moved to Rome"}
    )
    assert ended["state"] == "ended"
    assert (await academy.call("GET", f"/v1/newcomers/{newcomer['id']}"))["state"] == "waiting"


async def test_the_open_directory_lists_the_offer_without_a_token(academy: Academy):
    await academy.coach(["ar", "it"], capacity=3)
    await academy.coach(["fa"], topics=["legal_orientation"], capacity=2)
    await academy.newcomer(["ti"])
    listed = (await academy.api.client.get("/v1/open-directory")).json()["academies"]
    (offer,) = [a for a in listed if a["academy_id"] == academy.id]
    assert offer["coaches"] == 2 and offer["open_places"] == 5 and offer["waiting"] == 1
    assert offer["languages"] == ["ar", "fa", "it"]
    assert offer["topics"] == ["housing", "legal_orientation", "work"]
    text = (await academy.api.client.get("/v1/open-directory.csv")).text
    assert academy.id in text and "ar fa it" in text
    assert "participant" not in text


async def test_an_erased_coach_ends_the_pairing_and_leaves_nothing_personal(academy: Academy):
    coach = await academy.coach(["ar"])
    newcomer = await academy.newcomer(["ar"])
    run = await academy.call("POST", f"/v1/academies/{academy.id}/matching")
    await academy.call("POST", f"/v1/matches/{run['proposals'][0]['id']}/accept", {})
    await academy.bus.publish(
        ParticipantErased(
            partner=SIENA,
            participant_id=uuid.UUID(coach["participant_id"]),
            erased_at=datetime.now(UTC) + timedelta(seconds=1),
        )
    )
    await eventually(lambda: academy.bus.drained("REGISTRY", "coaching-directory"))
    gone = await academy.call("GET", f"/v1/academies/{academy.id}/coaches")
    (record,) = [c for c in gone["items"] if c["id"] == coach["id"]]
    assert record["participant_id"] is None and record["state"] == "left"
    assert record["languages"] == [] and record["availability"]["slots"] == []

    async def ended() -> bool:
        return len(await academy.published("match.ended")) == 1

    await eventually(ended)
    waiting = await academy.call("GET", f"/v1/newcomers/{newcomer['id']}")
    assert waiting["state"] == "matched"  # until a coordinator pairs them again


async def test_a_partner_never_reaches_anothers_academy(academy: Academy):
    coach = await academy.coach(["ar"])
    belgrade = academy.api.as_("RS-BELGRADE")
    for path in (
        f"/v1/academies/{academy.id}",
        f"/v1/academies/{academy.id}/coaches",
        f"/v1/coaches/{coach['id']}",
    ):
        response = await academy.api.client.get(path, headers=belgrade)
        assert response.status_code == 404, path
    other_coach = academy.api.as_(SIENA, "coach", participant=str(uuid.uuid4()))
    response = await academy.api.client.get(f"/v1/coaches/{coach['id']}", headers=other_coach)
    assert response.status_code == 404
    own = academy.api.as_(SIENA, "coach", participant=coach["participant_id"])
    response = await academy.api.client.get(f"/v1/coaches/{coach['id']}", headers=own)
    assert response.status_code == 200
