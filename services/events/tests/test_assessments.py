"""Assessments over HTTP on the real service: instruments, submissions, their events."""

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from milagro_contracts.event import Group
from milagro_contracts.registry import (
    ParticipantAttributes,
    ParticipantErased,
    ParticipantRegistered,
)
from milagro_events.instruments import INSTRUMENTS, latest
from milagro_events.service import service
from milagro_kit.testing.plugin import eventually, outbox_drained

RFCDC = latest("rfcdc")
assert RFCDC is not None
AGREE = {item.id: 4 for item in RFCDC.items}


@pytest.fixture
async def events(serve, bus):
    async with serve(service) as api:
        yield api
        # let the relay drain and fall idle before it is cancelled (registry's conftest)
        await eventually(lambda: outbox_drained(api.settings), timeout=10)
        await asyncio.sleep(0.3)


async def known(bus, *events) -> None:
    """Put registry events on the bus and wait until the events service has them."""
    await bus.publish(*events)
    await eventually(lambda: bus.drained("REGISTRY", "events-directory"))


async def registered(bus, partner="IT-SIENA", group=Group.migrant) -> str:
    pid = uuid.uuid4()
    await known(
        bus,
        ParticipantRegistered(
            partner=partner,
            participant_id=pid,
            registered_at=datetime.now(UTC),
            attributes=ParticipantAttributes(group=group),
        ),
    )
    return str(pid)


def body(pid: str, phase="pre", answers=None, **fields) -> dict:
    return {
        "participant_id": pid,
        "instrument_id": "rfcdc",
        "phase": phase,
        "answers": AGREE if answers is None else answers,
    } | fields


async def test_instruments_are_shown_in_the_language_asked_for(events):
    as_researcher = events.as_("IT-SIENA", "researcher")
    listed = await events.client.get("/v1/instruments?lang=sr", headers=as_researcher)
    assert listed.status_code == 200, listed.text
    titles = {i["id"]: i["title"] for i in listed.json()}
    assert titles["rfcdc"] == "Kompetencije za demokratsku kulturu"
    assert {"rfcdc", "social-distance"} <= set(titles)
    shown = await events.client.get(
        "/v1/instruments/social-distance?lang=ar&version=1", headers=as_researcher
    )
    assert shown.status_code == 200, shown.text
    form = shown.json()
    assert form["language"] == "en"  # no Arabic texts: English
    assert [p["value"] for p in form["scale"]] == list(range(1, 8))
    assert form["scale"][0]["label"] == "As a close relative by marriage"
    assert form["scores"] == ["distance"]
    missing = await events.client.get("/v1/instruments/rfcdc?version=99", headers=as_researcher)
    assert missing.status_code == 404
    anonymous = await events.client.get("/v1/instruments")
    assert anonymous.status_code == 401


async def test_pre_and_post_are_scored_and_only_scores_travel(events, bus):
    pid = await registered(bus, group=Group.local)
    mediator = events.as_("IT-SIENA", "mediator")
    pre = await events.client.post("/v1/assessments", json=body(pid), headers=mediator)
    assert pre.status_code == 201, pre.text
    assert pre.json()["scores"]["total"] == pytest.approx(3.5)  # 4s, reversed ones count 2
    assert pre.json()["instrument_version"] == RFCDC.version
    post = await events.client.post(
        "/v1/assessments",
        json=body(pid, "post", {i: 5 for i in AGREE}, answered_on=date.today().isoformat()),
        headers=mediator,
    )
    assert post.status_code == 201, post.text
    distance = await events.client.post(
        "/v1/assessments",
        json={
            "participant_id": pid,
            "instrument_id": "social-distance",
            "phase": "pre",
            "answers": {"closest-relation": 3},
            "answered_on": (date.today() - timedelta(days=3)).isoformat(),
        },
        headers=mediator,
    )
    assert distance.status_code == 201, distance.text
    assert distance.json()["scores"] == {"distance": 3.0}
    assert distance.json()["submitted_at"].startswith(
        (date.today() - timedelta(days=3)).isoformat()
    )

    async def published() -> list[dict]:
        return [
            e["data"]
            for e in await bus.events("ACTIVITIES")
            if e["type"].endswith("assessment.submitted.v1")
        ]

    await eventually(lambda: _count(published, 3))
    sent = await published()
    assert {(e["instrument_id"], e["phase"]) for e in sent} == {
        ("rfcdc", "pre"),
        ("rfcdc", "post"),
        ("social-distance", "pre"),
    }
    for event in sent:
        assert "answers" not in event
        assert event["participant_id"] == pid
        assert event["partner"] == "IT-SIENA"
        assert event["group"] == "local"
    assert next(e for e in sent if e["phase"] == "post")["scores"]["total"] == 4.0

    staff = events.as_("IT-SIENA", "staff")
    mine = await events.client.get(
        "/v1/assessments", params={"participant_id": pid, "instrument_id": "rfcdc"}, headers=staff
    )
    assert mine.status_code == 200, mine.text
    assert [a["phase"] for a in mine.json()] == ["pre", "post"]
    assert mine.json()[0]["answers"] == AGREE
    one = await events.client.get(f"/v1/assessments/{pre.json()['id']}", headers=staff)
    assert one.status_code == 200 and one.json()["answers"] == AGREE


async def _count(published, n: int) -> bool:
    return len(await published()) >= n


async def test_one_submission_per_person_instrument_and_phase(events, bus):
    pid = await registered(bus)
    headers = events.as_("IT-SIENA")
    responses = await asyncio.gather(
        *[events.client.post("/v1/assessments", json=body(pid), headers=headers) for _ in range(5)]
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [201, 409, 409, 409, 409], [r.text for r in responses]
    created = next(r for r in responses if r.status_code == 201).json()
    again = next(r for r in responses if r.status_code == 409)
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["type"].endswith("/already-submitted")
    assert again.json()["existing_id"] == created["id"]


async def test_a_participant_not_yet_known_is_retried_and_an_erased_one_refused(events, bus):
    headers = events.as_("IT-SIENA")
    early = str(uuid.uuid4())
    not_yet = await events.client.post("/v1/assessments", json=body(early), headers=headers)
    assert not_yet.status_code == 409
    assert not_yet.headers["retry-after"] == "1"
    assert not_yet.json()["type"].endswith("/participant-not-yet-known")

    pid = await registered(bus)
    first = await events.client.post("/v1/assessments", json=body(pid), headers=headers)
    assert first.status_code == 201
    await known(
        bus,
        ParticipantErased(
            partner="IT-SIENA", participant_id=uuid.UUID(pid), erased_at=datetime.now(UTC)
        ),
    )
    erased = await events.client.post("/v1/assessments", json=body(pid, "post"), headers=headers)
    assert erased.status_code == 422
    assert erased.json()["type"].endswith("/erased")
    kept = await events.client.get(f"/v1/assessments/{first.json()['id']}", headers=headers)
    assert kept.json()["participant_id"] is None and kept.json()["answers"] is None
    assert kept.json()["scores"]["total"] == pytest.approx(3.5)  # what was counted stays


async def test_another_partner_sees_nothing_and_researchers_may_not(events, bus):
    pid = await registered(bus, partner="IT-SIENA")
    mine = await events.client.post(
        "/v1/assessments", json=body(pid), headers=events.as_("IT-SIENA")
    )
    assert mine.status_code == 201
    aid = mine.json()["id"]
    belgrade = events.as_("RS-BELGRADE")
    theirs = await events.client.post("/v1/assessments", json=body(pid, "post"), headers=belgrade)
    assert theirs.status_code == 404
    assert theirs.json()["detail"] == "no such participant"
    assert (await events.client.get(f"/v1/assessments/{aid}", headers=belgrade)).status_code == 404
    listed = await events.client.get(
        "/v1/assessments", params={"participant_id": pid}, headers=belgrade
    )
    assert listed.status_code == 200 and listed.json() == []

    researcher = events.as_("IT-SIENA", "researcher")
    for response in (
        await events.client.post("/v1/assessments", json=body(pid, "post"), headers=researcher),
        await events.client.get(
            "/v1/assessments", params={"participant_id": pid}, headers=researcher
        ),
        await events.client.get(f"/v1/assessments/{aid}", headers=researcher),
    ):
        assert response.status_code == 403, response.text
    # a mediator records, but answers are for coordinators and staff to read
    mediator = events.as_("IT-SIENA", "mediator")
    assert (await events.client.get(f"/v1/assessments/{aid}", headers=mediator)).status_code == 403
    admin = await events.client.get(f"/v1/assessments/{aid}", headers=events.admin)
    assert admin.status_code == 200


@pytest.mark.parametrize(
    ("change", "item", "words"),
    [
        ({"values-2": 6}, "values-2", "outside the scale 1-5"),
        ({"skills-1": 2.5}, "skills-1", "not a whole number"),
        ({"skills-1": "4"}, "skills-1", "not a whole number"),
        ({"made-up": 3}, "made-up", "not an item of rfcdc"),
        ({"knowledge-4": None}, "knowledge-4", "not a whole number"),
    ],
)
async def test_answers_that_cannot_be_scored_are_refused_naming_the_item(
    events, bus, change, item, words
):
    pid = await registered(bus)
    response = await events.client.post(
        "/v1/assessments", json=body(pid, answers=AGREE | change), headers=events.as_("IT-SIENA")
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/invalid-answers")
    assert problem["item"] == item
    assert item in problem["detail"] and words in problem["detail"]


async def test_missing_answers_unknown_instruments_and_future_dates_are_refused(events, bus):
    pid = await registered(bus)
    headers = events.as_("IT-SIENA")
    partial = {k: v for k, v in AGREE.items() if k != "attitudes-3"}
    cases = [
        (body(pid, answers=partial), "invalid-answers", "item attitudes-3: not answered"),
        (body(pid, instrument_id="iq"), "unknown-instrument", "no instrument iq"),
        (body(pid, instrument_version=7), "unknown-instrument", "version 7"),
        (
            body(pid, answered_on=(date.today() + timedelta(days=3)).isoformat()),
            "invalid-input",
            "answered_on is in the future",
        ),
    ]
    for sent, kind, detail in cases:
        response = await events.client.post("/v1/assessments", json=sent, headers=headers)
        assert response.status_code == 422, response.text
        assert response.json()["type"].endswith(f"/{kind}")
        assert detail in response.json()["detail"]


async def test_a_post_without_a_version_takes_the_version_of_its_pre(events, bus, monkeypatch):
    monkeypatch.setitem(INSTRUMENTS, ("rfcdc", 2), RFCDC.model_copy(update={"version": 2}))
    headers = events.as_("IT-SIENA")
    pid, newcomer = await registered(bus), await registered(bus)
    pre = await events.client.post(
        "/v1/assessments", json=body(pid, instrument_version=1), headers=headers
    )
    post = await events.client.post("/v1/assessments", json=body(pid, "post"), headers=headers)
    fresh = await events.client.post("/v1/assessments", json=body(newcomer), headers=headers)
    assert [r.json()["instrument_version"] for r in (pre, post, fresh)] == [1, 1, 2]
