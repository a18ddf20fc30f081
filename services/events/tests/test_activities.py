"""Activities and attendance through the HTTP API, on real PostgreSQL and nats-server."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from milagro_contracts.event import Group
from milagro_kit.testing.plugin import eventually

from .conftest import Events


async def test_a_meeting_from_schedule_to_held(events: Events):
    locals_, migrants = await events.people(3, group=Group.local), await events.people(2)
    meeting = await events.schedule(capacity=10)
    assert meeting["state"] == "scheduled" and meeting["present"] == 0

    checked = await events.check_in(meeting["id"], *locals_, *migrants)
    assert checked.status_code == 200, checked.text
    assert checked.json() == {
        "recorded": 5,
        "unchanged": 0,
        "present": 5,
        "awaiting_registration": [],
    }
    again = await events.check_in(meeting["id"], *locals_, *migrants)
    assert again.json()["recorded"] == 0 and again.json()["unchanged"] == 5
    corrected = await events.check_in(meeting["id"], locals_[0], present=False)
    assert corrected.json()["present"] == 4

    closed = await events.client.post(
        f"/v1/activities/{meeting['id']}/close", headers=events.as_("IT-SIENA")
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["state"] == "held"
    assert closed.json()["attendance"] == {"local": 2, "migrant": 2}

    held = await events.published("activity.held")
    assert held[-1]["data"]["attendance"] == {"local": 2, "migrant": 2}
    recorded = await events.published("attendance.recorded", 6)
    assert len(recorded) == 6  # five check-ins and one correction; the repeat published nothing
    late = await events.check_in(meeting["id"], locals_[0])
    assert late.status_code == 409 and late.json()["type"].endswith("/activity-held")


async def test_a_whole_room_at_once_and_the_same_room_from_two_doors(events: Events):
    room = await events.people(500)
    meeting = await events.schedule(capacity=500)
    first, second = await asyncio.gather(
        events.check_in(meeting["id"], *room[:300]),
        events.check_in(meeting["id"], *room[200:]),
    )
    assert first.status_code == second.status_code == 200
    assert first.json()["recorded"] + second.json()["recorded"] == 500
    listed = await events.client.get(
        f"/v1/activities/{meeting['id']}/attendance", headers=events.as_("IT-SIENA")
    )
    assert len(listed.json()["items"]) == 500
    one_more = (await events.people(1))[0]
    full = await events.check_in(meeting["id"], one_more)
    assert full.status_code == 409 and full.json()["type"].endswith("/over-capacity")
    too_many = await events.check_in(meeting["id"], *[uuid.uuid4() for _ in range(501)])
    assert too_many.status_code == 422


async def test_a_check_in_before_the_registration_arrives_is_kept(events: Events):
    meeting = await events.schedule()
    early = uuid.uuid4()
    checked = await events.check_in(meeting["id"], early)
    assert checked.json()["awaiting_registration"] == [str(early)]
    waiting = await events.client.post(
        f"/v1/activities/{meeting['id']}/close", headers=events.as_("IT-SIENA")
    )
    assert waiting.status_code == 409 and waiting.headers["retry-after"] == "1"

    from milagro_contracts.registry import ParticipantAttributes, ParticipantRegistered

    await events.bus.publish(
        ParticipantRegistered(
            partner="IT-SIENA",
            participant_id=early,
            registered_at=datetime.now(UTC),
            attributes=ParticipantAttributes(group=Group.local),
        )
    )
    await eventually(lambda: events.bus.drained("REGISTRY", "events-directory"))
    closed = await events.client.post(
        f"/v1/activities/{meeting['id']}/close", headers=events.as_("IT-SIENA")
    )
    assert closed.json()["attendance"] == {"local": 1, "migrant": 0}


async def test_activities_are_found_by_partner_kind_period_place_and_state(events: Events):
    base = timedelta(days=-10)
    made = [
        await events.schedule(starts_in=base + timedelta(days=i), place=f"Room {i % 2}")
        for i in range(7)
    ]
    await events.schedule("RS-BELGRADE", kind="storytelling", place="Belgrade")
    seen, cursor = [], None
    while True:
        params = {"limit": 3, "kind": "structured_meeting"} | ({"cursor": cursor} if cursor else {})
        page = await events.client.get(
            "/v1/activities", params=params, headers=events.as_("IT-SIENA")
        )
        seen += [a["id"] for a in page.json()["items"]]
        if not (cursor := page.json()["next_cursor"]):
            break
    assert seen == [a["id"] for a in made]  # in start order, nothing repeated or skipped
    day = (datetime.now(UTC) + base + timedelta(days=2)).date().isoformat()
    one_day = await events.client.get(
        "/v1/activities",
        params={"starts_from": day, "starts_to": day, "place": "room 0"},
        headers=events.as_("IT-SIENA"),
    )
    assert [a["id"] for a in one_day.json()["items"]] == [made[2]["id"]]
    belgrade = await events.client.get(
        "/v1/activities", params={"partner": "RS-BELGRADE"}, headers=events.admin
    )
    assert [a["kind"] for a in belgrade.json()["items"]] == ["storytelling"]
    other = await events.client.get(
        "/v1/activities", params={"partner": "RS-BELGRADE"}, headers=events.as_("IT-SIENA")
    )
    assert other.status_code == 403


async def test_reschedule_cancel_and_their_refusals(events: Events):
    meeting = await events.schedule(starts_in=timedelta(days=3))
    moved = await events.client.post(
        f"/v1/activities/{meeting['id']}/reschedule",
        json={"place": "Biblioteca comunale", "capacity": 20},
        headers=events.as_("IT-SIENA"),
    )
    assert moved.status_code == 200 and moved.json()["place"] == "Biblioteca comunale"
    cleared = await events.client.post(
        f"/v1/activities/{meeting['id']}/reschedule",
        json={"online": None},
        headers=events.as_("IT-SIENA"),
    )
    assert cleared.status_code == 422, cleared.text  # was a 500
    early = await events.check_in(meeting["id"], *(await events.people(1)))
    assert early.status_code == 409 and "check-in opens" in early.json()["detail"]
    cancelled = await events.client.post(
        f"/v1/activities/{meeting['id']}/cancel",
        json={"reason": "the venue flooded"},
        headers=events.as_("IT-SIENA"),
    )
    assert cancelled.json()["state"] == "cancelled"
    again = await events.client.post(
        f"/v1/activities/{meeting['id']}/reschedule",
        json={"capacity": 5},
        headers=events.as_("IT-SIENA"),
    )
    assert again.status_code == 409
    assert again.json()["detail"] == "this activity was cancelled: it cannot be rescheduled"
    await events.published("activity.cancelled")
    assert await events.published("activity.rescheduled")


async def test_a_partner_never_sees_another_partners_activities(events: Events):
    meeting = await events.schedule()
    for method, path in [
        ("GET", ""),
        ("GET", "/attendance"),
        ("POST", "/close"),
        ("POST", "/cancel"),
        ("POST", "/attendance"),
    ]:
        body = {"reason": "x"} if path == "/cancel" else None
        if path == "/attendance" and method == "POST":
            body = {"attendance": [{"participant_id": str(uuid.uuid4())}]}
        response = await events.client.request(
            method,
            f"/v1/activities/{meeting['id']}{path}",
            json=body,
            headers=events.as_("RS-BELGRADE"),
        )
        assert response.status_code == 404, (method, path, response.text)
    researcher = await events.client.get(
        "/v1/activities", headers=events.as_("IT-SIENA", "researcher")
    )
    assert researcher.status_code == 403
    mediator = await events.client.post(
        f"/v1/activities/{meeting['id']}/attendance",
        json={"attendance": [{"participant_id": str(uuid.uuid4())}]},
        headers=events.as_("IT-SIENA", "mediator"),
    )
    assert mediator.status_code == 403  # not a facilitator of this one


async def test_a_facilitator_records_the_attendance_of_what_they_run(events: Events):
    leader, *group = await events.people(3)
    story = await events.schedule(kind="storytelling", facilitator_ids=[str(leader)])
    response = await events.client.post(
        f"/v1/activities/{story['id']}/attendance",
        json={"attendance": [{"participant_id": str(p)} for p in group]},
        headers=events.as_("IT-SIENA", "mediator", participant=str(leader)),
    )
    assert response.status_code == 200, response.text


async def test_an_erasure_unlinks_the_person_and_the_counts_stay(events: Events):
    from milagro_contracts.registry import ParticipantErased, ParticipantsMerged

    amina, marco, twin = await events.people(3)
    meeting = await events.schedule(facilitator_ids=[str(amina)])
    await events.check_in(meeting["id"], amina, marco, twin)
    now = datetime.now(UTC)
    await events.bus.publish(
        ParticipantErased(partner="IT-SIENA", participant_id=amina, erased_at=now),
        ParticipantsMerged(partner="IT-SIENA", kept_id=marco, merged_id=twin, merged_at=now),
    )
    await eventually(lambda: events.bus.drained("REGISTRY", "events-directory"))
    listed = await events.client.get(
        f"/v1/activities/{meeting['id']}/attendance", headers=events.as_("IT-SIENA")
    )
    assert [r["participant_id"] for r in listed.json()["items"]] == [str(marco)]
    closed = await events.client.post(
        f"/v1/activities/{meeting['id']}/close", headers=events.as_("IT-SIENA")
    )
    # amina is unlinked but was there; marco and his duplicate were one person
    assert closed.json()["attendance"] == {"local": 0, "migrant": 2}
    assert closed.json()["facilitator_ids"] == []
    refused = await events.check_in(
        (await events.schedule())["id"], amina
    )  # a late check-in of an erased person
    assert refused.status_code == 422 and refused.json()["participant_ids"] == [str(amina)]


async def test_a_nul_in_a_filter_is_a_clear_error_not_a_500(events: Events):
    """Found by the fuzzer: PostgreSQL refuses NUL in text, so the API must first."""
    for path, params in (
        ("/v1/activities", {"place": "Siena\x00"}),
        ("/v1/assessments", {"participant_id": str(uuid.uuid4()), "instrument_id": "rf\x00"}),
    ):
        response = await events.client.get(path, params=params, headers=events.as_("IT-SIENA"))
        assert response.status_code == 422, (path, response.text)
