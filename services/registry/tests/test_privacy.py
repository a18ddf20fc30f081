"""No event carries personal data: scan the outbox and the REGISTRY stream, byte by byte,
for every personal value the test registered."""

import asyncpg

from milagro_kit.database import asyncpg_dsn
from milagro_kit.testing.plugin import eventually, outbox_drained
from milagro_registry.service import service

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


async def test_no_event_payload_holds_a_personal_value(serve, bus):
    async with serve(service, partners=("IT-SIENA",)) as api:
        client, settings, siena = api.client, api.settings, api.as_("IT-SIENA")
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

        await eventually(lambda: outbox_drained(settings))
        connection = await asyncpg.connect(asyncpg_dsn(settings.database_url.get_secret_value()))
        try:
            outbox = [
                r[0].encode() for r in await connection.fetch("SELECT envelope::text FROM outbox")
            ]
        finally:
            await connection.close()
        stream = [message.data for message in await bus.messages("REGISTRY")]
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
