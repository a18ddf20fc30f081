"""No event carries personal data: scan the outbox and the REGISTRY stream, byte by byte,
for every personal value the test registered."""

import asyncpg

from milagro_kit.database import asyncpg_dsn
from milagro_kit.testing.auth import bearer, mint, trusting
from milagro_kit.testing.plugin import eventually, running
from milagro_registry.service import service

__all__ = ["mint"]

PEOPLE = [
    {
        "given_name": "Ibrahimxq",
        "family_name": "Osmanvk",
        "email": "ibrahimxq.osmanvk@example.org",
        "phone": "+39 347 9876543",
        "birth_date": "1979-11-23",
        "preferred_language": "so",
        "gender": "self_described",
        "gender_self_described": "genderqueerzz",
        "group": "migrant",
        "migrant_status": "asylum_seeker",
        "languages": ["so", "it"],
    },
    {
        "given_name": "Femkeqq",
        "family_name": "Vissertt",
        "email": "femkeqq@example.org",
        "phone": "+31 6 12345678",
        "birth_date": "2001-02-14",
        "group": "local",
        "languages": ["nl"],
    },
]
CHANGED = {
    "given_name": "Ibrahimyy",
    "email": "renamed.person@example.org",
    "phone": "+39 347 1112223",
    "birth_date": "1980-01-30",
    "languages": ["so"],
}


def personal_values() -> list[bytes]:
    fields = ("given_name", "family_name", "email", "phone", "birth_date", "gender_self_described")
    values = [p[f] for p in [*PEOPLE, CHANGED] for f in fields if f in p]
    return [v.encode() for v in values]


async def test_no_event_payload_holds_a_personal_value(service_settings, mint, bus):
    settings = await service_settings(service, **trusting(mint))
    admin = bearer(mint.token(roles=["admin"]))
    siena = bearer(mint.token(partner="IT-SIENA", roles=["coordinator"]))
    async with running(service, settings) as client:
        await client.post(
            "/v1/partners",
            headers=admin,
            json={"code": "IT-SIENA", "name": "Siena", "country": "IT", "city": "Siena"},
        )
        ids = []
        for person in PEOPLE:
            response = await client.post(
                "/v1/participants",
                headers=siena,
                json=person
                | {
                    "partner": "IT-SIENA",
                    "consents": [
                        {"purpose": "communications", "given": True, "text_version": "v1"}
                    ],
                },
            )
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
        assert (
            await client.patch(f"/v1/participants/{ids[0]}", headers=siena, json=CHANGED)
        ).status_code == 200
        assert (
            await client.put(
                f"/v1/participants/{ids[0]}/consents/research_statistics",
                headers=siena,
                json={"given": False, "text_version": "r1"},
            )
        ).status_code == 200
        assert (await client.delete(f"/v1/participants/{ids[1]}", headers=siena)).status_code == 200

        dsn = asyncpg_dsn(settings.database_url.get_secret_value())

        async def all_published() -> bool:
            connection = await asyncpg.connect(dsn)
            try:
                return not await connection.fetchval(
                    "SELECT count(*) FROM outbox WHERE published_at IS NULL"
                )
            finally:
                await connection.close()

        await eventually(all_published)
        connection = await asyncpg.connect(dsn)
        try:
            outbox = [
                r[0].encode() for r in await connection.fetch("SELECT envelope::text FROM outbox")
            ]
        finally:
            await connection.close()
        info = await bus.js.stream_info("REGISTRY")
        stream = [
            (await bus.js.get_msg("REGISTRY", seq)).data
            for seq in range(info.state.first_seq, info.state.last_seq + 1)
        ]
    # partner, 2 registered, 2 + 1 consent, 1 updated, 1 erased
    assert len(outbox) == len(stream) == 8
    leaks = [
        (where, value)
        for where, blobs in (("outbox", outbox), ("stream", stream))
        for blob in blobs
        for value in personal_values()
        if value.lower() in blob.lower()
    ]
    assert not leaks
