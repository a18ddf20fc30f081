"""Secret calendar feeds: minted by the person or a coordinator, read without a token,
parsed back as RFC 5545 with UTC times and statuses, revoked and replaced."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar
from sqlalchemy import select, update

from milagro_coaching.store import calendar_feeds, sessions

from .conftest import Coaching


async def _feed(coaching: Coaching, people: str, person: object, headers: dict[str, str]) -> str:
    answer = await coaching.client.post(f"/v1/{people}/{person}/calendar", headers=headers)
    assert answer.status_code == 201, answer.text
    return urlsplit(answer.json()["url"]).path


async def _read(coaching: Coaching, path: str) -> Calendar:
    answer = await coaching.client.get(path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    assert answer.headers["cache-control"] == "private, max-age=60"
    return Calendar.from_ical(answer.content)


async def test_a_coachs_feed(coaching: Coaching) -> None:
    pair = await coaching.pair(await coaching.academy(name="Siena"))
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=2)
    kept = (await coaching.book(pair, start, 45)).json()
    dropped = (await coaching.book(pair, start + timedelta(days=1))).json()
    path = await _feed(coaching, "coaches", pair.coach_id, coaching.coach(pair))
    assert path.startswith("/v1/calendars/") and path.endswith(".ics")

    before = {str(e["uid"]): e for e in (await _read(coaching, path)).walk("VEVENT")}
    assert sorted(before) == sorted(
        f"{s['id']}@coaching.milagroproject.eu" for s in (kept, dropped)
    )
    event = before[f"{kept['id']}@coaching.milagroproject.eu"]
    assert event.decoded("dtstart") == start and event.decoded("dtstart").utcoffset() == timedelta(
        0
    )
    assert event.decoded("dtend") == start + timedelta(minutes=45)
    assert "DTSTART:" in event.to_ical().decode() and "Z\r\n" in event.to_ical().decode()
    assert (
        str(event["status"]) == "CONFIRMED" and str(event["summary"]) == "Coaching session - Siena"
    )
    assert "dtstamp" in event and int(event["sequence"]) == 0

    await coaching.client.post(
        f"/v1/sessions/{dropped['id']}/cancel", json={"reason": "x"}, headers=coaching.coach(pair)
    )
    async with coaching.database.transaction() as session:  # as if booked an hour ago
        await session.execute(
            update(sessions).values(created_at=sessions.c.created_at - timedelta(hours=1))
        )
    moved = {"starts_at": (start + timedelta(hours=1)).isoformat(), "duration_minutes": 45}
    await coaching.client.post(
        f"/v1/sessions/{kept['id']}/reschedule", json=moved, headers=coaching.newcomer(pair)
    )
    after = {str(e["uid"]): e for e in (await _read(coaching, path)).walk("VEVENT")}
    assert str(after[f"{dropped['id']}@coaching.milagroproject.eu"]["status"]) == "CANCELLED"
    rescheduled = after[f"{kept['id']}@coaching.milagroproject.eu"]
    assert rescheduled.decoded("dtstart") == start + timedelta(hours=1)
    assert int(rescheduled["sequence"]) >= 3600 > int(event["sequence"])
    text = (await coaching.client.get(path)).text
    assert str(pair.coach_person) not in text and str(pair.newcomer_person) not in text


async def test_revoked_and_replaced_feeds_answer_404(coaching: Coaching) -> None:
    pair = await coaching.pair(await coaching.academy())
    first = await _feed(coaching, "newcomers", pair.newcomer_id, coaching.newcomer(pair))
    second = await _feed(coaching, "newcomers", pair.newcomer_id, coaching.as_("IT-SIENA"))
    assert (await coaching.client.get(first)).status_code == 404
    assert len(list((await _read(coaching, second)).walk("VEVENT"))) == 0
    revoked = await coaching.client.delete(
        f"/v1/newcomers/{pair.newcomer_id}/calendar", headers=coaching.newcomer(pair)
    )
    assert revoked.status_code == 204
    gone = await coaching.client.get(second)
    assert gone.status_code == 404 and gone.headers["content-type"] == "application/problem+json"
    again = await coaching.client.delete(
        f"/v1/newcomers/{pair.newcomer_id}/calendar", headers=coaching.newcomer(pair)
    )
    assert again.status_code == 404
    assert (await coaching.client.get("/v1/calendars/" + "x" * 43 + ".ics")).status_code == 404
    # only digests are kept
    async with coaching.database.transaction() as session:
        digests = (await session.execute(select(calendar_feeds.c.digest))).scalars().all()
    secrets = {p.removeprefix("/v1/calendars/").removesuffix(".ics") for p in (first, second)}
    assert len(digests) == 2 and not secrets & set(digests)


async def test_only_the_person_or_a_coordinator_mints_a_feed(coaching: Coaching) -> None:
    siena = await coaching.academy()
    pair, other = await coaching.pair(siena), await coaching.pair(siena)
    outsiders: list[tuple[str, object, dict[str, str]]] = [
        ("coaches", pair.coach_id, coaching.coach(other)),
        ("coaches", pair.coach_id, coaching.newcomer(pair)),
        ("coaches", pair.coach_id, coaching.as_("RS-BELGRADE")),
        ("newcomers", pair.newcomer_id, coaching.newcomer(other)),
        ("newcomers", pair.newcomer_id, coaching.coach(pair)),
        ("newcomers", pair.coach_id, coaching.as_("IT-SIENA")),  # not a newcomer's id
    ]
    for people, person, headers in outsiders:
        answer = await coaching.client.post(f"/v1/{people}/{person}/calendar", headers=headers)
        assert answer.status_code == 404, (people, answer.text)
    assert (await coaching.client.post(f"/v1/coaches/{pair.coach_id}/calendar")).status_code == 401
    assert await _feed(coaching, "coaches", pair.coach_id, coaching.as_("IT-SIENA"))
