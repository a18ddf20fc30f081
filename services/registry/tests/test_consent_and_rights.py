"""Consent history, the contact look-up, export and erasure."""

import uuid

from milagro_kit.testing.plugin import eventually, every_row

from .test_participants import events_of


async def test_consent_history_and_contact(registry, bus):
    person = await registry.register(
        consents=[{"purpose": "participation", "given": True, "text_version": "p-1"}]
    )
    pid = person["id"]
    url = f"/v1/participants/{pid}"
    headers = registry.as_("IT-SIENA", "staff")
    notifier = registry.service("notifier")
    no_consent = await registry.client.get(f"/internal{url}/contact", headers=notifier)
    assert no_consent.status_code == 403
    assert no_consent.json()["type"].endswith("/no-communications-consent")
    for given, version in ((True, "c-1"), (True, "c-1"), (False, "c-1"), (True, "c-2")):
        response = await registry.client.put(
            f"{url}/consents/communications",
            json={"given": given, "text_version": version},
            headers=headers,
        )
        assert response.status_code == 200 and response.json()["given"] is given
    consents = (await registry.client.get(f"{url}/consents", headers=headers)).json()
    history = [(c["purpose"], c["given"], c["text_version"]) for c in consents["history"]]
    assert history == [
        ("participation", True, "p-1"),
        ("communications", True, "c-1"),
        ("communications", False, "c-1"),
        ("communications", True, "c-2"),
    ]
    assert {c["purpose"]: c["given"] for c in consents["current"]} == {
        "participation": True,
        "communications": True,
    }
    contact = await registry.client.get(f"/internal{url}/contact", headers=notifier)
    assert contact.status_code == 200
    assert contact.json()["email"] == person["email"]
    assert contact.json()["time_zone"] == "Europe/Rome"  # living in Italy
    await registry.client.put(
        f"{url}/consents/communications",
        json={"given": False, "text_version": "c-2"},
        headers=headers,
    )
    withdrawn = await registry.client.get(f"/internal{url}/contact", headers=notifier)
    assert withdrawn.status_code == 403

    async def five_consent_events() -> bool:
        return len([e for e in await events_of(bus, pid) if "consent_changed" in e["type"]]) == 5

    await eventually(five_consent_events)


async def test_export_then_erasure_leaves_nothing_personal(registry, bus):
    person = await registry.register(
        given_name="Zainab",
        family_name="Karimi",
        email="zainab.karimi@example.org",
        phone="+39 333 1234567",
        birth_date="1987-06-05",
        gender="self_described",
        gender_self_described="two-spirit",
        consents=[{"purpose": "communications", "given": True, "text_version": "c-1"}],
    )
    pid = person["id"]
    url = f"/v1/participants/{pid}"
    coordinator = registry.as_("IT-SIENA", "coordinator")
    await registry.client.get(url, headers=registry.as_("IT-SIENA", "staff"))
    export = await registry.client.get(f"{url}/export", headers=coordinator)
    assert export.status_code == 200
    body = export.json()
    assert body["participant"]["email"] == "zainab.karimi@example.org"
    assert [c["purpose"] for c in body["consents"]] == ["communications"]
    assert {"participant.registered", "participant.read", "participant.exported"} <= {
        a["action"] for a in body["audit"]
    }

    erased = await registry.client.delete(url, headers=coordinator)
    assert erased.status_code == 200
    assert erased.json()["participant_id"] == pid
    assert (await registry.client.delete(url, headers=coordinator)).status_code == 410
    assert (await registry.client.get(f"{url}/export", headers=coordinator)).status_code == 410
    assert (await registry.client.get(url, headers=coordinator)).status_code == 410
    assert (
        await registry.client.get(f"/internal{url}/contact", headers=registry.service("notifier"))
    ).status_code == 410

    # nothing personal anywhere in the registry's database
    personal = ["Zainab", "Karimi", "zainab.karimi", "333 1234567", "1987-06-05", "two-spirit"]
    dump = await every_row(registry.settings.database_url.get_secret_value())
    assert not [value for value in personal if value.lower() in dump.lower()]
    assert pid in dump  # the tombstone and the audit trail stay

    async def erased_published() -> bool:
        return any("participant.erased" in e["type"] for e in await events_of(bus, pid))

    await eventually(erased_published)
    erasures = [e for e in await events_of(bus, pid) if "participant.erased" in e["type"]]
    assert len(erasures) == 1


async def test_batch_contact_look_up_answers_each_as_the_single_one(registry):
    communications = [{"purpose": "communications", "given": True, "text_version": "c-1"}]
    willing = await registry.register(consents=communications)
    unwilling = await registry.register()
    erased = await registry.register(consents=communications)
    kept = await registry.register("RS-BELGRADE", consents=communications)
    merged = await registry.register("RS-BELGRADE")
    coordinator = registry.as_("IT-SIENA", "coordinator")
    await registry.client.delete(f"/v1/participants/{erased['id']}", headers=coordinator)
    merge = await registry.client.post(
        f"/v1/participants/{kept['id']}/merge",
        json={"duplicate_id": merged["id"]},
        headers=registry.as_("RS-BELGRADE", "coordinator"),
    )
    assert merge.status_code == 200, merge.text
    unknown = str(uuid.uuid4())
    asked = [willing["id"], unwilling["id"], erased["id"], merged["id"], unknown]
    url = "/internal/v1/participants/contacts"
    body = {"participant_ids": asked}
    answer = await registry.client.post(url, json=body, headers=registry.service("notifier"))
    assert answer.status_code == 200, answer.text
    contacts = answer.json()["contacts"]
    assert set(contacts) == {willing["id"], merged["id"]}
    assert contacts[willing["id"]]["email"] == willing["email"]
    assert contacts[willing["id"]]["time_zone"] == "Europe/Rome"
    assert contacts[merged["id"]]["participant_id"] == kept["id"]  # the kept record's
    assert contacts[merged["id"]]["time_zone"] == "Europe/Belgrade"
    assert answer.json()["refused"] == {
        unwilling["id"]: "no-communications-consent",
        erased["id"]: "erased",
        unknown: "not-found",
    }
    export = await registry.client.get(
        f"/v1/participants/{willing['id']}/export", headers=coordinator
    )
    assert "contact.read" in {a["action"] for a in export.json()["audit"]}
    for headers in (coordinator, registry.admin, {}):
        refused = await registry.client.post(url, json=body, headers=headers)
        assert refused.status_code in (401, 403)
    too_many = {"participant_ids": [unknown] * 501}
    assert (
        await registry.client.post(url, json=too_many, headers=registry.service("notifier"))
    ).status_code == 422
