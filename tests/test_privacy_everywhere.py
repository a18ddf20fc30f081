"""Personal data stays in the registry: a scan of every other service's database and of
every public feed, after registrations, consent changes and an erasure on the live stack."""

import httpx

from milagro_kit.database import database_url
from milagro_kit.testing.auth import bearer
from milagro_kit.testing.plugin import eventually, every_row

PARTNER = "NL-UTRECHT"
PUBLIC_FEEDS = [
    "/v1/indicators",
    "/v1/progress",
    "/v1/datapackage.json",
    "/v1/feed.atom",
    "/v1/indicators/participants-registered?by=partner,group",
    "/v1/indicators/participants-registered.csv?by=partner,gender",
    "/v1/data/participants-registered.csv",
    "/dashboard/",
]


async def test_no_personal_value_outside_the_registry(stack, servers, mint):
    admin = bearer(mint.token(roles=["admin"]))
    coordinator = bearer(mint.token(partner=PARTNER, roles=["coordinator"]))
    personal: list[str] = []
    async with httpx.AsyncClient(base_url=stack.services["registry"].url) as registry:
        created = await registry.post(
            "/v1/partners",
            headers=admin,
            json={
                "code": PARTNER,
                "name": "Utrecht",
                "country": "NL",
                "city": "Utrecht",
                "kind": "full",
            },
        )
        assert created.status_code in (201, 409)
        ids = []
        for n in range(6):
            person = {
                "partner": PARTNER,
                "given_name": f"Zwaantje{n}",
                "family_name": f"Verhoeven-Quist{n}",
                "phone": f"+31 6 5555 010{n}",
                "email": f"zwaantje.quist{n}@example.org",
                "birth_date": "1971-11-23",
                "group": "local",
                "gender": "self_described",
                "gender_self_described": f"Eigenzinnig{n}",
                "languages": ["nl"],
                "confirm_new_person": True,  # six people with near-identical names
            }
            personal += [
                person["given_name"],
                person["family_name"],
                person["email"],
                person["phone"],
                person["gender_self_described"],
            ]
            answer = await registry.post("/v1/participants", json=person, headers=coordinator)
            assert answer.status_code == 201, answer.text
            ids.append(answer.json()["id"])
            consent = await registry.put(
                f"/v1/participants/{ids[-1]}/consents/communications",
                headers=coordinator,
                json={"given": True, "text_version": "2024-01"},
            )
            assert consent.status_code in (200, 201), consent.text
        erased = await registry.delete(f"/v1/participants/{ids[0]}", headers=coordinator)
        assert erased.status_code in (200, 202, 204), erased.text

    async with httpx.AsyncClient(base_url=stack.services["observatory"].url) as observatory:

        async def counted() -> bool:
            answer = await observatory.get(
                "/v1/indicators/participants-registered", params={"by": "partner"}
            )
            cells = [c for c in answer.json()["cells"] if c.get("partner") == PARTNER]
            return bool(cells) and cells[0]["value"] == 6  # the erased one still counts

        await eventually(counted, timeout=20)
        feeds = [(await observatory.get(path)).text for path in PUBLIC_FEEDS]

    async def erasure_seen_everywhere() -> bool:
        for name in ("events", "coaching", "notifier"):
            text = await every_row(database_url(servers.postgres_url, name, stack.database_prefix))
            if ids[0] in text:
                return False
        return True

    await eventually(erasure_seen_everywhere, timeout=20)
    for name in ("events", "coaching", "observatory", "notifier"):
        dump = await every_row(database_url(servers.postgres_url, name, stack.database_prefix))
        leaked = [value for value in personal if value in dump]
        assert not leaked, f"{name}'s database holds personal data: {leaked}"
    for path, body in zip(PUBLIC_FEEDS, feeds, strict=True):
        leaked = [value for value in personal if value in body]
        assert not leaked, f"{path} publishes personal data: {leaked}"
