"""Sessions: the rules as a table, booking across a clock change, no double booking under
concurrent requests, the life of a session and its feedback, and who sees what."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from milagro_coaching import booking
from milagro_coaching.availability import Availability, Slot
from milagro_coaching.booking import Refusal, State

from .conftest import ALWAYS, Coaching

# Monday evenings in Rome and Monday early afternoons in New York: the same UTC hours
# (17:00-19:00) only while New York is on summer time and Rome is not yet (in 2026, 8 to
# 29 March); a week earlier New York's slot is 18:00-20:00 UTC.
ROME = Availability("Europe/Rome", (Slot.parse(0, "18:00", "20:00"),))
NEW_YORK = Availability("America/New_York", (Slot.parse(0, "13:00", "15:00"),))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("match", "start", "minutes", "refusal", "side"),
    [
        ("accepted", "2026-03-09T17:00", 60, None, None),
        ("accepted", "2026-03-09T17:00", 120, None, None),
        ("accepted", "2026-03-09T18:15", 45, None, None),
        ("accepted", "2026-03-09T18:30", 45, "outside-availability", "coach"),  # ends 19:15
        ("accepted", "2026-03-02T17:00", 60, "outside-availability", "newcomer"),  # EST
        ("accepted", "2026-03-02T18:00", 60, None, None),
        ("accepted", "2026-03-30T17:00", 60, None, None),  # both on summer time
        ("accepted", "2026-03-30T18:00", 60, "outside-availability", "coach"),  # CEST
        ("accepted", "2026-03-10T17:00", 60, "outside-availability", "coach"),  # a Tuesday
        ("accepted", "2026-03-01T17:00", 60, "in-the-past", None),
        ("accepted", "2026-02-23T18:00", 60, "recorded", None),  # a coordinator, afterwards
        ("accepted", "2025-11-24T18:00", 60, "in-the-past", "recorded"),  # over 90 days
        ("proposed", "2026-03-09T17:00", 60, "match-not-accepted", None),
        ("ended", "2026-03-09T17:00", 60, "match-not-accepted", None),
    ],
)
def test_booking_rules(
    match: str, start: str, minutes: int, refusal: str | None, side: str | None
) -> None:
    now = utc("2026-03-01T18:00")
    recorded = "recorded" in (refusal, side)  # as a coordinator records a past session
    if refusal in (None, "recorded"):
        booking.plan(match, utc(start), minutes, now, ROME, NEW_YORK, after_the_fact=recorded)
        return
    with pytest.raises(Refusal) as refused:
        booking.plan(match, utc(start), minutes, now, ROME, NEW_YORK, after_the_fact=recorded)
    assert (refused.value.slug, refused.value.side) == (refusal, None if recorded else side)


NOW, BEFORE, AFTER = utc("2026-03-09T17:00"), utc("2026-03-09T18:00"), utc("2026-03-09T16:00")


@pytest.mark.parametrize(
    ("step", "state", "refusal"),
    [
        (lambda s: booking.move(s), State.scheduled, None),
        (lambda s: booking.move(s), State.held, "session-held"),
        (lambda s: booking.move(s), State.cancelled, "session-cancelled"),
        (lambda s: booking.move(s), State.no_show, "session-no-show"),
        (lambda s: booking.close(s, AFTER, NOW), State.scheduled, None),
        (lambda s: booking.close(s, NOW, NOW), State.scheduled, None),
        (lambda s: booking.close(s, BEFORE, NOW), State.scheduled, "not-started"),
        (lambda s: booking.close(s, AFTER, NOW), State.held, "session-held"),
        (lambda s: booking.close(s, AFTER, NOW), State.cancelled, "session-cancelled"),
        (lambda s: booking.rate(s), State.held, None),
        (lambda s: booking.rate(s), State.scheduled, "not-held"),
        (lambda s: booking.rate(s), State.no_show, "not-held"),
    ],
)
def test_life_cycle_rules(step, state: State, refusal: str | None) -> None:  # type: ignore[no-untyped-def]
    if refusal is None:
        step(state)
        return
    with pytest.raises(Refusal) as refused:
        step(state)
    assert refused.value.slug == refusal and refused.value.conflict


# The same clock changes a year on: the API books only times still to come.
async def test_booking_across_the_clock_change(coaching: Coaching) -> None:
    pair = await coaching.pair(await coaching.academy(), coach=ROME, newcomer=NEW_YORK)
    # 2027: New York changes on 14 March, Rome on 28 March
    inside = await coaching.book(pair, utc("2027-03-15T17:00"), 120)
    assert inside.status_code == 201, inside.text
    assert inside.json()["duration_minutes"] == 120
    before = await coaching.book(pair, utc("2027-03-08T17:00"), 60)
    assert before.status_code == 422
    assert before.json()["type"].endswith("/outside-availability")
    assert before.json()["side"] == "newcomer" and "America/New_York" in before.json()["detail"]
    assert (await coaching.book(pair, utc("2027-03-08T18:00"), 60)).status_code == 201
    after = await coaching.book(pair, utc("2027-03-29T18:00"), 60)
    assert after.status_code == 422 and after.json()["side"] == "coach"
    events = await coaching.published("session.scheduled", 2)
    (event,) = [e for e in events if e["subject"] == f"session:{inside.json()['id']}"]
    assert event["data"]["starts_at"].startswith("2027-03-15T17:00")
    assert event["data"]["duration_minutes"] == 120


async def test_a_coach_is_booked_once_under_concurrent_requests(coaching: Coaching) -> None:
    academy = await coaching.academy()
    first = await coaching.pair(academy)
    pairs = [first] + [await coaching.pair(academy, coach_of=first) for _ in range(9)]
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=7)
    # every one holds 7 days + 45-60 min: each overlaps every other
    answers = await asyncio.gather(
        *(coaching.book(p, start + timedelta(minutes=5 * i), 60) for i, p in enumerate(pairs))
    )
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] + [409] * 9, [a.text for a in answers]
    refusal = next(a.json() for a in answers if a.status_code == 409)
    assert refusal["type"].endswith("/double-booked") and refusal["side"] == "coach"
    assert "the coach already has a session" in refusal["detail"]
    # back to back is no overlap
    assert (await coaching.book(first, start + timedelta(hours=3), 60)).status_code == 201
    assert (await coaching.book(first, start + timedelta(hours=4), 60)).status_code == 201


async def test_a_newcomer_at_two_academies_is_booked_once(coaching: Coaching) -> None:
    person = uuid.uuid4()
    at_siena = await coaching.pair(await coaching.academy(), newcomer_person=person)
    at_belgrade = await coaching.pair(
        await coaching.academy(name="Belgrade"), newcomer_person=person
    )
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    for round in range(5):  # two coaches, so only the newcomer can clash
        at = start + timedelta(hours=round)
        answers = await asyncio.gather(*(coaching.book(p, at, 30) for p in (at_siena, at_belgrade)))
        assert sorted(a.status_code for a in answers) == [201, 409]
        assert next(a.json()["side"] for a in answers if a.status_code == 409) == "newcomer"


async def test_reschedule_and_cancel(coaching: Coaching) -> None:
    pair = await coaching.pair(await coaching.academy())
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    first = (await coaching.book(pair, start)).json()
    other = (await coaching.book(pair, start + timedelta(hours=2))).json()
    path = f"/v1/sessions/{first['id']}"

    def body(at: datetime, minutes: int = 60) -> dict[str, object]:
        return {"starts_at": at.isoformat(), "duration_minutes": minutes}

    # overlapping only itself is fine; the other session is not
    moved = await coaching.client.post(
        f"{path}/reschedule",
        json=body(start + timedelta(minutes=30)),
        headers=coaching.newcomer(pair),
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["starts_at"] == (start + timedelta(minutes=30)).isoformat().replace(
        "+00:00", "Z"
    )
    clash = await coaching.client.post(
        f"{path}/reschedule", json=body(start + timedelta(minutes=90)), headers=coaching.coach(pair)
    )
    assert clash.status_code == 409 and clash.json()["side"] == "coach"
    (event,) = await coaching.published("session.rescheduled")
    assert event["data"]["session_id"] == first["id"]

    gone = await coaching.client.post(
        f"/v1/sessions/{other['id']}/cancel",
        json={"reason": "ill"},
        headers=coaching.as_("IT-SIENA"),
    )
    assert gone.json()["state"] == "cancelled" and gone.json()["cancel_reason"] == "ill"
    again = await coaching.client.post(
        f"/v1/sessions/{other['id']}/cancel", json={"reason": "ill"}, headers=coaching.coach(pair)
    )
    assert again.status_code == 409 and again.json()["type"].endswith("/session-cancelled")
    # a cancelled session frees its time
    freed = await coaching.client.post(
        f"{path}/reschedule", json=body(start + timedelta(minutes=90)), headers=coaching.coach(pair)
    )
    assert freed.status_code == 200, freed.text
    assert (await coaching.published("session.cancelled"))[0]["data"]["session_id"] == other["id"]


async def test_refusals(coaching: Coaching) -> None:
    academy = await coaching.academy()
    proposed = await coaching.pair(academy, state="proposed")
    later = datetime.now(UTC) + timedelta(days=1)
    refused = await coaching.book(proposed, later)
    assert refused.status_code == 409 and refused.json()["type"].endswith("/match-not-accepted")
    assert refused.headers["content-type"] == "application/problem+json"
    pair = await coaching.pair(academy)
    past = await coaching.book(pair, datetime.now(UTC) - timedelta(hours=1))
    assert past.status_code == 422 and past.json()["type"].endswith("/in-the-past")
    for minutes in (10, 241):
        assert (await coaching.book(pair, later, minutes)).status_code == 422
    naive = {"starts_at": "2030-01-07T10:00:00", "duration_minutes": 60}
    answer = await coaching.client.post(
        f"/v1/matches/{pair.match_id}/sessions", json=naive, headers=coaching.coach(pair)
    )
    assert answer.status_code == 422


async def test_held_no_show_and_feedback(coaching: Coaching) -> None:
    pair = await coaching.pair(await coaching.academy())
    later = datetime.now(UTC) + timedelta(days=1)
    session = (await coaching.book(pair, later)).json()
    path = f"/v1/sessions/{session['id']}"
    held = {"duration_minutes": 50, "topics": ["housing", "work", "housing"]}

    early = await coaching.client.post(f"{path}/held", json=held, headers=coaching.coach(pair))
    assert early.status_code == 409 and early.json()["type"].endswith("/not-started")
    unrated = await coaching.client.post(
        f"{path}/feedback", json={"rating": 5}, headers=coaching.coach(pair)
    )
    assert unrated.status_code == 409 and unrated.json()["type"].endswith("/not-held")
    await coaching.begin(session["id"])
    by_newcomer = await coaching.client.post(
        f"{path}/held", json=held, headers=coaching.newcomer(pair)
    )
    assert by_newcomer.status_code == 403
    done = await coaching.client.post(f"{path}/held", json=held, headers=coaching.coach(pair))
    assert done.status_code == 200, done.text
    assert done.json()["state"] == "held" and done.json()["topics"] == ["housing", "work"]
    twice = await coaching.client.post(f"{path}/held", json=held, headers=coaching.coach(pair))
    assert twice.status_code == 409 and twice.json()["type"].endswith("/session-held")
    (event,) = await coaching.published("session.held")
    assert event["data"]["duration_minutes"] == 50 and event["data"]["topics"] == [
        "housing",
        "work",
    ]

    secret = "the coach was late and I felt unheard"
    by_coordinator = await coaching.client.post(
        f"{path}/feedback", json={"rating": 3}, headers=coaching.as_("IT-SIENA")
    )
    assert by_coordinator.status_code == 403
    rated = await coaching.client.post(
        f"{path}/feedback", json={"rating": 2, "comment": secret}, headers=coaching.newcomer(pair)
    )
    assert rated.status_code == 201 and rated.json()["side"] == "newcomer"
    assert rated.json()["comment"] == secret
    again = await coaching.client.post(
        f"{path}/feedback", json={"rating": 5}, headers=coaching.newcomer(pair)
    )
    assert again.status_code == 409 and again.json()["type"].endswith("/feedback-given")
    by_coach = await coaching.client.post(
        f"{path}/feedback", json={"rating": 5}, headers=coaching.coach(pair)
    )
    assert by_coach.status_code == 201
    long = {"rating": 4, "comment": "x" * 2001}
    assert (
        await coaching.client.post(f"{path}/feedback", json=long, headers=coaching.coach(pair))
    ).status_code == 422
    events = await coaching.published("feedback.submitted", 2)
    assert sorted((e["data"]["side"], e["data"]["rating"]) for e in events) == [
        ("coach", 5),
        ("newcomer", 2),
    ]
    assert all("comment" not in e["data"] for e in events)
    assert not any(secret in str(e) for e in await coaching.bus.events("COACHING"))

    missed = (await coaching.book(pair, later + timedelta(days=1))).json()
    await coaching.begin(missed["id"])
    absent = await coaching.client.post(
        f"/v1/sessions/{missed['id']}/no-show",
        json={"side": "newcomer"},
        headers=coaching.coach(pair),
    )
    assert absent.status_code == 200, absent.text
    assert (absent.json()["state"], absent.json()["absent_side"]) == ("no_show", "newcomer")
    assert (await coaching.published("session.no_show"))[0]["data"]["session_id"] == missed["id"]


async def test_who_sees_what(coaching: Coaching) -> None:
    siena = await coaching.academy()
    mine, theirs = await coaching.pair(siena), await coaching.pair(siena)
    belgrade = await coaching.pair(await coaching.academy("RS-BELGRADE", "Belgrade"), "RS-BELGRADE")
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    sessions = [(await coaching.book(mine, later + timedelta(days=d))).json() for d in range(3)]
    other = (await coaching.book(theirs, later)).json()
    (await coaching.book(belgrade, later)).json()
    path = f"/v1/sessions/{sessions[0]['id']}"

    for outsider in (
        coaching.as_("RS-BELGRADE"),
        coaching.coach(theirs),
        coaching.newcomer(theirs),
        coaching.as_("IT-SIENA", "coach", participant=str(mine.newcomer_person)),
        coaching.as_("IT-SIENA", "researcher"),
    ):
        answer = await coaching.client.get(path, headers=outsider)
        assert answer.status_code in (403, 404), answer.text
        cancel = await coaching.client.post(
            f"{path}/cancel", json={"reason": "x"}, headers=outsider
        )
        assert cancel.status_code in (403, 404)
    assert (await coaching.client.get(path, headers=coaching.newcomer(mine))).status_code == 200
    stranger = await coaching.book(theirs, later + timedelta(days=9))
    assert stranger.status_code == 201  # their own coach may
    by_other_newcomer = await coaching.client.post(
        f"/v1/matches/{mine.match_id}/sessions",
        json={"starts_at": (later + timedelta(days=5)).isoformat(), "duration_minutes": 30},
        headers=coaching.newcomer(theirs),
    )
    assert by_other_newcomer.status_code == 404

    async def listed(headers: dict[str, str], query: str = "") -> list[str]:
        answer = await coaching.client.get(f"/v1/sessions{query}", headers=headers)
        assert answer.status_code == 200, answer.text
        return [s["id"] for s in answer.json()["items"]]

    assert await listed(coaching.coach(mine)) == [s["id"] for s in sessions]
    assert await listed(coaching.newcomer(theirs)) == [other["id"], stranger.json()["id"]]
    assert len(await listed(coaching.as_("IT-SIENA"))) == 5
    assert len(await listed(coaching.as_("RS-BELGRADE"))) == 1
    assert await listed(coaching.as_("IT-SIENA"), f"?match_id={mine.match_id}&state=scheduled") == [
        s["id"] for s in sessions
    ]
    since, until = (later + timedelta(days=d) for d in (1, 2))
    window = f"?from={since:%Y-%m-%dT%H:%M:%SZ}&to={until:%Y-%m-%dT%H:%M:%SZ}"
    assert await listed(coaching.coach(mine), window) == [sessions[1]["id"]]

    pages, cursor = [], ""
    while True:
        page = await coaching.client.get(
            f"/v1/sessions?limit=2{cursor}", headers=coaching.coach(mine)
        )
        pages.append([s["id"] for s in page.json()["items"]])
        if page.json()["next_cursor"] is None:
            break
        cursor = f"&cursor={page.json()['next_cursor']}"
    assert pages == [[sessions[0]["id"], sessions[1]["id"]], [sessions[2]["id"]]]
    bad = await coaching.client.get("/v1/sessions?cursor=nonsense", headers=coaching.coach(mine))
    assert bad.status_code == 422 and bad.json()["type"].endswith("/invalid-cursor")
    nobody = await coaching.client.get("/v1/sessions", headers=coaching.as_("IT-SIENA", "coach"))
    assert nobody.status_code == 403


def test_availability_round_trips_through_its_stored_form() -> None:
    for availability in (ALWAYS, ROME, NEW_YORK):
        assert Availability.from_json(availability.to_json()) == availability


async def test_a_booking_and_the_end_of_its_pairing_never_both_succeed(coaching: Coaching) -> None:
    academy = await coaching.academy()
    for _ in range(5):
        pair = await coaching.pair(academy)
        ending = coaching.client.post(
            f"/v1/matches/{pair.match_id}/end",
            json={"reason": "moved away"},
            headers=coaching.as_("IT-SIENA"),
        )
        booked, ended = await asyncio.gather(
            coaching.book(pair, datetime.now(UTC) + timedelta(days=1)), ending
        )
        assert (booked.status_code, ended.status_code) in ((201, 409), (409, 200)), (
            booked.text,
            ended.text,
        )
