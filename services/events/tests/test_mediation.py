"""Mediation services through the HTTP API: recorded by certified mediators as held
activities, on real PostgreSQL and nats-server."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from milagro_contracts.event import Group
from milagro_contracts.registry import ParticipantErased
from milagro_kit.testing.plugin import eventually

from .conftest import Events

SIENA = "IT-SIENA"


def _service(mediator: uuid.UUID, *newcomers: uuid.UUID, **fields: Any) -> dict[str, Any]:
    return {
        "partner": SIENA,
        "mediator_id": str(mediator),
        "newcomer_ids": [str(n) for n in newcomers],
        "service_kind": "interpretation",
        "delivered_at": (datetime.now(UTC) - timedelta(hours=3)).isoformat(),
        "duration_minutes": 90,
        "language": "ar",
        "outcome": "resolved",
        "place": "Questura di Siena",
    } | fields


def _as_mediator(events: Events, who: uuid.UUID, partner: str = SIENA) -> dict[str, str]:
    return events.as_(partner, "mediator", participant=str(who))


async def test_a_certified_mediator_records_a_service(events: Events):
    mediator = (await events.people(1, SIENA, Group.migrant))[0]
    await events.certify(mediator)
    migrants, local = await events.people(2), await events.people(1, group=Group.local)
    body = _service(mediator, *migrants, *local)
    recorded = await events.client.post(
        "/v1/mediation-services", json=body, headers=_as_mediator(events, mediator)
    )
    assert recorded.status_code == 201, recorded.text
    service = recorded.json()
    assert service["delivered_at"][:19] == body["delivered_at"][:19]
    assert (service["service_kind"], service["outcome"], service["place"]) == (
        "interpretation",
        "resolved",
        "Questura di Siena",
    )

    held = (await events.published("activity.held", 2))[-1]["data"]  # the training's first
    assert held["activity_id"] == service["id"] and held["kind"] == "mediation_service"
    assert held["attendance"] == {"local": 1, "migrant": 2}
    assert held["facilitator_ids"] == [str(mediator)]
    assert held["held_at"][:19] == body["delivered_at"][:19]
    attended = [
        e["data"]
        for e in await events.published("attendance.recorded", 4)
        if e["data"]["activity_id"] == service["id"]
    ]
    assert {a["participant_id"] for a in attended} == {str(n) for n in [*migrants, *local]}
    scheduled = await events.published("activity.scheduled", 2)
    assert scheduled[-1]["data"]["activity_id"] == service["id"]

    activity = await events.client.get(f"/v1/activities/{service['id']}", headers=events.as_(SIENA))
    assert activity.json()["state"] == "held" and activity.json()["present"] == 3
    assert activity.json()["title"] == "Mediation: interpretation"
    read = await events.client.get(
        f"/v1/mediation-services/{service['id']}", headers=events.as_(SIENA)
    )
    assert read.json() == service
    assert sorted(read.json()["newcomer_ids"]) == sorted(body["newcomer_ids"])

    by_coordinator = await events.client.post(
        "/v1/mediation-services",
        json=_service(mediator, migrants[0], service_kind="orientation", online=True, place=None),
        headers=events.as_(SIENA),
    )
    assert by_coordinator.status_code == 201, by_coordinator.text
    page, cursor, seen = None, None, []
    while page is None or cursor:
        params = {"mediator_id": str(mediator), "limit": 1} | ({"cursor": cursor} if cursor else {})
        page = await events.client.get(
            "/v1/mediation-services", params=params, headers=events.as_(SIENA)
        )
        seen += [s["service_kind"] for s in page.json()["items"]]
        cursor = page.json()["next_cursor"]
    assert seen == ["interpretation", "orientation"]
    elsewhere = await events.client.get("/v1/mediation-services", headers=events.as_("RS-BELGRADE"))
    assert elsewhere.json()["items"] == []
    hidden = await events.client.get(
        f"/v1/mediation-services/{service['id']}", headers=events.as_("RS-BELGRADE")
    )
    assert hidden.status_code == 404


async def test_who_may_record_a_service_and_for_whom(events: Events):
    mediator, uncertified = await events.people(2)
    await events.certify(mediator)
    newcomer = (await events.people(1))[0]
    path = "/v1/mediation-services"

    not_certified = await events.client.post(
        path, json=_service(uncertified, newcomer), headers=_as_mediator(events, uncertified)
    )
    assert not_certified.status_code == 422
    assert not_certified.json()["type"].endswith("/not-certified")
    someone_else = await events.client.post(
        path, json=_service(mediator, newcomer), headers=_as_mediator(events, uncertified)
    )
    assert someone_else.status_code == 403
    other_partner = await events.client.post(
        path,
        json=_service(mediator, newcomer),
        headers=_as_mediator(events, mediator, "RS-BELGRADE"),
    )
    assert other_partner.status_code == 403
    researcher = await events.client.post(
        path, json=_service(mediator, newcomer), headers=events.as_(SIENA, "researcher")
    )
    assert researcher.status_code == 403
    as_coach = await events.client.post(
        path,
        json=_service(mediator, newcomer),
        headers=events.as_(SIENA, "coach", participant=str(mediator)),
    )
    assert as_coach.status_code == 403

    stranger = uuid.uuid4()
    unknown = await events.client.post(
        path, json=_service(mediator, newcomer, stranger), headers=_as_mediator(events, mediator)
    )
    assert unknown.status_code == 409 and unknown.headers["retry-after"] == "1"
    assert unknown.json()["participant_ids"] == [str(stranger)]
    await events.bus.publish(
        ParticipantErased(partner=SIENA, participant_id=stranger, erased_at=datetime.now(UTC))
    )
    await eventually(lambda: events.bus.drained("REGISTRY", "events-directory"))
    erased = await events.client.post(
        path, json=_service(mediator, newcomer, stranger), headers=_as_mediator(events, mediator)
    )
    assert erased.status_code == 422 and erased.json()["type"].endswith("/erased")
    for wrong in (
        {"delivered_at": (datetime.now(UTC) + timedelta(hours=1)).isoformat()},
        {"delivered_at": "2026-11-29T10:00:00"},  # no time zone
        {"service_kind": "haircut"},
        {"outcome": "maybe"},
        {"duration_minutes": 2},
        {"language": "Arabic"},
        {"place": None},
        {"newcomer_ids": [str(newcomer), str(newcomer)]},
        {"newcomer_ids": [str(mediator)]},
        {"newcomer_ids": []},
    ):
        response = await events.client.post(
            path, json=_service(mediator, newcomer) | wrong, headers=_as_mediator(events, mediator)
        )
        assert response.status_code == 422, (wrong, response.text)
    assert (await events.client.get(path, headers=_as_mediator(events, mediator))).json()[
        "items"
    ] == []
