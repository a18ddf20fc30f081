"""Registration, duplicates, updates and their events, search and pagination."""

import asyncio

from milagro_kit.testing.plugin import eventually


async def events_of(bus, participant_id: str) -> list[dict]:
    events = await bus.events("REGISTRY")
    return [e for e in events if e["data"].get("participant_id") == participant_id]


async def test_duplicates_inside_a_partner_answer_409_with_the_existing_id(registry):
    first = await registry.register(email="Samir.K@Example.org", given_name="Samir")
    again = await registry.client.post(
        "/v1/participants",
        json={
            "partner": "IT-SIENA",
            "given_name": "S",
            "family_name": "K",
            "group": "local",
            "email": "samir.k@example.ORG",
        },
        headers=registry.as_("IT-SIENA"),
    )
    assert again.status_code == 409
    assert again.json()["existing_id"] == first["id"]
    same_person = await registry.client.post(
        "/v1/participants",
        json={
            "partner": "IT-SIENA",
            "given_name": "SAMIR",
            "family_name": "haddad",
            "group": "migrant",
            "birth_date": "1990-04-01",
        },
        headers=registry.as_("IT-SIENA"),
    )
    assert same_person.status_code == 409
    assert same_person.json()["existing_id"] == first["id"]
    # another partner may register the same person
    await registry.register("RS-BELGRADE", email="samir.k@example.org", given_name="Samir")


async def test_concurrent_duplicates_register_once(registry):
    body = {
        "partner": "IT-SIENA",
        "given_name": "Tesfaye",
        "family_name": "Abebe",
        "group": "migrant",
        "email": "tesfaye@example.org",
    }
    responses = await asyncio.gather(
        *[
            registry.client.post("/v1/participants", json=body, headers=registry.as_("IT-SIENA"))
            for _ in range(5)
        ]
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [201, 409, 409, 409, 409], [r.text for r in responses]


async def test_updates_publish_changed_statistics_only(registry, bus):
    person = await registry.register(birth_date="1990-04-01")
    pid = person["id"]
    headers = registry.as_("IT-SIENA", "staff")
    personal = await registry.client.patch(
        f"/v1/participants/{pid}",
        json={"phone": "+39 0577 123456", "given_name": "Mina"},
        headers=headers,
    )
    assert personal.status_code == 200 and personal.json()["given_name"] == "Mina"
    stats = await registry.client.patch(
        f"/v1/participants/{pid}",
        json={
            "languages": ["ar", "it", "en"],
            "birth_date": "2000-01-01",
            "email": "x@example.org",
        },
        headers=headers,
    )
    assert stats.status_code == 200
    bad = await registry.client.patch(
        f"/v1/participants/{pid}", json={"group": "local"}, headers=headers
    )
    assert bad.status_code == 422  # a local has no migrant status

    async def updated() -> bool:
        return any(e["type"].endswith("participant.updated.v1") for e in await events_of(bus, pid))

    await eventually(updated)
    updates = [e for e in await events_of(bus, pid) if "updated" in e["type"]]
    assert len(updates) == 1
    # only what changed is present: an absent attribute is unchanged, never null
    assert updates[0]["data"]["changed"] == {"age_band": "25-34", "languages": ["ar", "it", "en"]}
    assert updates[0]["data"]["cleared"] == []


async def test_search_filters(registry):
    a = await registry.register(
        given_name="Oksana",
        family_name="Kovalenko",
        languages=["uk"],
        roles=["coach"],
        group="migrant",
    )
    b = await registry.register(
        given_name="Giulia",
        family_name="Rossi",
        languages=["it"],
        group="local",
        migrant_status=None,
    )
    headers = registry.as_("IT-SIENA", "staff")

    async def ids(**params) -> set[str]:
        response = await registry.client.get("/v1/participants", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return {p["id"] for p in response.json()["items"]}

    assert await ids(name="kovalen") == {a["id"]}
    assert await ids(name="Giulia Rossi") == {b["id"]}
    assert await ids(name="%") == set()
    assert a["id"] in await ids(role="coach") and b["id"] not in await ids(role="coach")
    assert b["id"] in await ids(group="local") and a["id"] not in await ids(group="local")
    assert await ids(language="uk") == {a["id"]}
    today = a["registered_at"][:10]
    assert {a["id"], b["id"]} <= await ids(registered_from=today, registered_to=today)
    assert await ids(registered_to="2000-01-01") == set()


async def test_page_limits_and_bad_cursors(registry):
    headers = registry.as_("IT-SIENA", "staff")
    for params in ({"limit": 0}, {"limit": 101}, {"cursor": "not-a-cursor"}):
        response = await registry.client.get("/v1/participants", params=params, headers=headers)
        assert response.status_code == 422, params


async def test_pagination_is_stable_under_concurrent_inserts(registry):
    headers = registry.as_("IT-SIENA", "staff")
    existing = {(await registry.register())["id"] for _ in range(30)}
    stop = asyncio.Event()

    async def keep_registering() -> None:
        while not stop.is_set():
            await registry.register()

    writer = asyncio.create_task(keep_registering())
    seen: list[str] = []
    cursor = None
    try:
        while True:
            params = {"limit": 7} | ({"cursor": cursor} if cursor else {})
            page = (
                await registry.client.get("/v1/participants", params=params, headers=headers)
            ).json()
            seen += [p["id"] for p in page["items"]]
            await asyncio.sleep(0.01)
            cursor = page["next_cursor"]
            if not cursor:
                break
    finally:
        stop.set()
        await writer
    assert len(seen) == len(set(seen)), "a participant appeared twice"
    assert existing <= set(seen), "a participant was skipped"


async def test_a_cleared_attribute_is_named_not_nulled(registry, bus):
    person = await registry.register(birth_date="1990-04-01")
    pid = person["id"]
    moved = await registry.client.patch(
        f"/v1/participants/{pid}",
        json={"group": "local", "migrant_status": None},
        headers=registry.as_("IT-SIENA", "staff"),
    )
    assert moved.status_code == 200, moved.text

    async def updated() -> bool:
        return any(e["type"].endswith("participant.updated.v1") for e in await events_of(bus, pid))

    await eventually(updated)
    (update,) = [e for e in await events_of(bus, pid) if "updated" in e["type"]]
    assert update["data"]["changed"] == {"group": "local"}
    assert update["data"]["cleared"] == ["migrant_status"]
