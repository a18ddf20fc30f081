"""Merging duplicates already registered: one record, both histories, the other id an alias."""

from milagro_kit.testing.plugin import eventually

PARTNER = "RS-BELGRADE"


async def two_records(registry) -> tuple[dict, dict]:
    """One person registered twice before the registry knew better (a variant spelling
    the coordinator confirmed as someone else), with consent given on each."""
    kept = await registry.register(
        PARTNER,
        given_name="Ana",
        family_name="Đurić",
        email=None,
        phone=None,
        birth_date="1990-01-01",
        languages=["sr"],
        roles=["participant"],
        consents=[
            {"purpose": "participation", "given": True, "text_version": "v1"},
            {"purpose": "communications", "given": False, "text_version": "v1"},
        ],
    )
    duplicate = await registry.register(
        PARTNER,
        given_name="Ana",
        family_name="Duric",
        email="ana.duric@example.org",
        birth_date="1990-01-01",
        languages=["sr", "en"],
        roles=["volunteer"],
        consents=[{"purpose": "communications", "given": True, "text_version": "v2"}],
    )
    return kept, duplicate


async def test_listed_duplicates_merge_into_one_record_whose_other_id_resolves(registry, bus):
    kept, duplicate = await two_records(registry)
    headers = registry.as_(PARTNER)
    listed = await registry.client.get("/v1/participants/duplicates", headers=headers)
    assert listed.status_code == 200, listed.text
    pair = {listed.json()["items"][0]["first_id"], listed.json()["items"][0]["second_id"]}
    assert pair == {kept["id"], duplicate["id"]}
    assert "similar-name-same-birth-date" in listed.json()["items"][0]["rules"]

    merged = await registry.client.post(
        f"/v1/participants/{kept['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers=headers,
    )
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert (body["kept_id"], body["merged_id"]) == (kept["id"], duplicate["id"])
    person = body["participant"]
    assert person["family_name"] == "Đurić"  # the kept record's name
    assert person["email"] == "ana.duric@example.org"  # its gap filled from the other
    assert person["languages"] == ["sr", "en"] and person["roles"] == ["participant", "volunteer"]

    alias = await registry.client.get(f"/v1/participants/{duplicate['id']}", headers=headers)
    assert alias.status_code == 200 and alias.json()["id"] == kept["id"]
    consents = (
        await registry.client.get(f"/v1/participants/{duplicate['id']}/consents", headers=headers)
    ).json()
    assert len(consents["history"]) == 3  # both histories
    current = {c["purpose"]: (c["given"], c["text_version"]) for c in consents["current"]}
    assert current["communications"] == (True, "v2")  # the latest decision rules
    export = (
        await registry.client.get(f"/v1/participants/{kept['id']}/export", headers=headers)
    ).json()
    assert export["merged_ids"] == [duplicate["id"]]
    audited = {(a["action"]) for a in export["audit"]}
    assert {"participant.registered", "participant.merged"} <= audited
    assert len([a for a in export["audit"] if a["action"] == "participant.registered"]) == 2

    relisted = await registry.client.get("/v1/participants/duplicates", headers=headers)
    assert relisted.json() == {"items": [], "total": 0}
    assert [p["id"] for p in (await registry.client.get(
        "/v1/participants", params={"name": "duric"}, headers=headers)).json()["items"]
    ] == [kept["id"]]  # fmt: skip
    again = await registry.client.post(
        f"/v1/participants/{kept['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers=headers,
    )
    assert again.status_code == 200 and again.json()["merged_at"] == body["merged_at"]

    async def published() -> bool:
        types = [e["type"] for e in await bus.events("REGISTRY")]
        return "eu.milagro.registry.participant.merged.v1" in types

    await eventually(published)
    events = [e for e in await bus.events("REGISTRY") if e["data"].get("participant_id")
              == kept["id"] or "merged" in e["type"]]  # fmt: skip
    merge = next(e for e in events if e["type"].endswith("participant.merged.v1"))
    assert merge["data"] == {
        "partner": PARTNER,
        "kept_id": kept["id"],
        "merged_id": duplicate["id"],
        "merged_at": merge["data"]["merged_at"],
    }
    update = next(e for e in events if e["type"].endswith("participant.updated.v1"))
    assert update["data"]["changed"]["roles"] == ["participant", "volunteer"]
    consent = [e for e in events if e["type"].endswith("consent_changed.v1")]
    assert consent[-1]["data"]["given"] is True  # the kept record's new current consent


async def test_erasing_a_merged_person_erases_both_records(registry, bus):
    kept, duplicate = await two_records(registry)
    headers = registry.as_(PARTNER)
    await registry.client.post(
        f"/v1/participants/{kept['id']}/merge",
        json={"duplicate_id": duplicate["id"]},
        headers=headers,
    )
    erased = await registry.client.delete(f"/v1/participants/{duplicate['id']}", headers=headers)
    assert erased.status_code == 200 and erased.json()["participant_id"] == kept["id"]
    for id in (kept["id"], duplicate["id"]):
        gone = await registry.client.get(f"/v1/participants/{id}", headers=headers)
        assert gone.status_code == 410, gone.text

    async def both_erased() -> bool:
        erasures = {
            e["data"]["participant_id"]
            for e in await bus.events("REGISTRY")
            if e["type"].endswith("participant.erased.v1")
        }
        return erasures == {kept["id"], duplicate["id"]}

    await eventually(both_erased)


async def test_merges_stay_inside_one_partner(registry):
    ours = await registry.register(PARTNER)
    theirs = await registry.register("IT-SIENA")
    across = await registry.client.post(
        f"/v1/participants/{ours['id']}/merge",
        json={"duplicate_id": theirs["id"]},
        headers=registry.admin,
    )
    assert across.status_code == 422 and across.json()["type"].endswith("/merge-across-partners")
    hidden = await registry.client.post(
        f"/v1/participants/{ours['id']}/merge",
        json={"duplicate_id": theirs["id"]},
        headers=registry.as_(PARTNER),
    )
    assert hidden.status_code == 404  # the other partner's record does not exist for us
    itself = await registry.client.post(
        f"/v1/participants/{ours['id']}/merge",
        json={"duplicate_id": ours["id"]},
        headers=registry.as_(PARTNER),
    )
    assert itself.status_code == 422
    needs_partner = await registry.client.get("/v1/participants/duplicates", headers=registry.admin)
    assert needs_partner.status_code == 422
    admin = await registry.client.get(
        "/v1/participants/duplicates", params={"partner": PARTNER}, headers=registry.admin
    )
    assert admin.status_code == 200
