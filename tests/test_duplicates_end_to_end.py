"""Issue 20 end to end over HTTP, on the five running services: a Belgrade coordinator's
four spellings register one person, searches find Đorđe Petrović however written, and two
records of one person already registered merge into one, with the observatory's counts
corrected, the attendance and roles kept, and the old id still resolving."""

from datetime import UTC, datetime
from uuid import UUID, uuid4

import asyncpg
import httpx
import pytest

from milagro_contracts.activities import ActivityKind, AttendanceRecorded
from milagro_kit import bus as kit_bus
from milagro_kit.database import asyncpg_dsn, database_url
from milagro_kit.settings import Settings
from milagro_kit.testing.plugin import Bus, calling, eventually

PARTNER = "RS-BELGRADE"


@pytest.fixture(scope="module")
async def coordinator(stack, mint) -> dict[str, str]:
    async with calling(stack.services["registry"].url, mint) as registry:
        await registry.add_partners(PARTNER)
        return registry.as_(PARTNER)


def person(given: str, family: str, **fields) -> dict:
    return {
        "partner": PARTNER,
        "given_name": given,
        "family_name": family,
        "birth_date": "1990-01-01",
        "group": "local",
        "languages": ["sr"],
    } | fields


async def test_four_spellings_one_person_and_every_search_finds_djordje(stack, coordinator):
    async with httpx.AsyncClient(base_url=stack.services["registry"].url) as registry:
        answers = [
            await registry.post("/v1/participants", json=person(g, f), headers=coordinator)
            for g, f in [("Ana", "Đurić"), ("ANA", "ĐURIĆ"), ("ana", "đurić"), ("Ana", "Djuric")]
        ]
        assert [a.status_code for a in answers] == [201, 409, 409, 409]
        assert {a.json()["existing_id"] for a in answers[1:]} == {answers[0].json()["id"]}

        djordje = await registry.post(
            "/v1/participants",
            json=person("Đorđe", "Petrović", birth_date="1987-06-15"),
            headers=coordinator,
        )
        assert djordje.status_code == 201, djordje.text
        for name in ("petrovic", "PETROVIĆ", "đorđe", "Ђорђе Петровић"):
            found = await registry.get(
                "/v1/participants", params={"name": name}, headers=coordinator
            )
            assert [p["id"] for p in found.json()["items"]] == [djordje.json()["id"]], name


async def figure(stack, indicator: str) -> float:
    async with httpx.AsyncClient(base_url=stack.services["observatory"].url) as observatory:
        answer = await observatory.get(f"/v1/indicators/{indicator}", params={"by": "partner"})
    assert answer.status_code == 200, answer.text
    cells = [c for c in answer.json()["cells"] if c.get("partner") == PARTNER]
    return cells[0]["value"] if cells else 0


async def rows(servers, stack, service: str, query: str) -> list[asyncpg.Record]:
    url = database_url(servers.postgres_url, service, stack.database_prefix)
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return list(await connection.fetch(query))
    finally:
        await connection.close()


async def test_two_records_already_registered_merge_with_the_counts_corrected(
    stack, servers, coordinator
):
    async with httpx.AsyncClient(base_url=stack.services["registry"].url) as registry:
        registered = {}
        for given, family, roles in (
            ("Milica", "Nikolić", ["participant"]),
            ("Милица", "Николић-Илић", ["volunteer"]),  # the same woman, registered again
        ):
            answer = await registry.post(
                "/v1/participants",
                json=person(given, family, birth_date="1995-09-09", roles=roles)
                | {"confirm_new_person": True},
                headers=coordinator,
            )
            assert answer.status_code == 201, answer.text
            registered[family] = UUID(answer.json()["id"])
        kept, duplicate = registered["Nikolić"], registered["Николић-Илић"]

        # the events service records her at two meetings, once under each record
        settings = Settings(nats_url=servers.nats_url)
        nc = await kit_bus.connect(settings, name="e2e-merge")
        now = datetime.now(UTC)
        await Bus(nc, nc.jetstream(), settings).publish(
            *(
                AttendanceRecorded(
                    partner=PARTNER,
                    activity_id=uuid4(),
                    kind=ActivityKind.structured_meeting,
                    participant_id=who,
                    present=True,
                    activity_starts_at=now,
                )
                for who in (kept, duplicate)
            ),
            source="/milagro/events",
        )
        await nc.close()

        async def both_counted() -> bool:
            return await figure(stack, "locals-reached") >= 2

        await eventually(both_counted, timeout=20)
        reached_before = await figure(stack, "locals-reached")
        registered_before = await figure(stack, "participants-registered")

        listed = await registry.get("/v1/participants/duplicates", headers=coordinator)
        pairs = [{p["first_id"], p["second_id"]} for p in listed.json()["items"]]
        assert {str(kept), str(duplicate)} in pairs
        merged = await registry.post(
            f"/v1/participants/{kept}/merge",
            json={"duplicate_id": str(duplicate)},
            headers=coordinator,
        )
        assert merged.status_code == 200, merged.text
        assert merged.json()["participant"]["roles"] == ["participant", "volunteer"]

        async def counted_once() -> bool:
            return (
                await figure(stack, "participants-registered") == registered_before - 1
                and await figure(stack, "locals-reached") == reached_before - 1
            )

        await eventually(counted_once, timeout=20)
        alias = await registry.get(f"/v1/participants/{duplicate}", headers=coordinator)
        assert alias.status_code == 200 and alias.json()["id"] == str(kept)

    async def moved_everywhere() -> bool:
        known = await rows(servers, stack, "events", "SELECT participant_id FROM directory")
        roles = await rows(
            servers, stack, "coaching", "SELECT participant_id, roles FROM directory"
        )
        held = {r["participant_id"]: r["roles"] for r in roles}
        return (
            duplicate not in {r["participant_id"] for r in known}
            and duplicate not in held
            and held.get(kept) == ["participant", "volunteer"]
        )

    await eventually(moved_everywhere, timeout=20)
    facts = await rows(
        servers,
        stack,
        "observatory",
        "SELECT participant_key FROM facts WHERE fact = 'attendance'",
    )
    keys = [r["participant_key"] for r in facts]
    assert keys.count(kept) == 2 and duplicate not in keys  # both meetings, one person
