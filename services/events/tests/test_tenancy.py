"""Tenancy for every endpoint: a partner never reads or changes another partner's records.

Siena makes one of everything; then Belgrade's coordinator calls every operation of the
OpenAPI document with Siena's ids (a path parameter it does not own is 404 or 403, never
2xx) and every list (none of Siena's ids in the answer). A new route is covered by being
in the document: the test fails if it meets a path parameter it has no id for.
"""

import json
from datetime import UTC, datetime

from milagro_contracts.event import Group

from .conftest import Events

BODIES = {  # valid bodies, so that a refusal is about tenancy and not the request
    "reschedule": {"capacity": 40},
    "cancel": {"reason": "tenancy test"},
    "attendance": {"attendance": [{"participant_id": "00000000-0000-4000-8000-000000000000"}]},
    "final-assessments": {
        "scores": [{"participant_id": "00000000-0000-4000-8000-000000000000", "score": 70}]
    },
}


async def test_no_endpoint_lets_a_partner_reach_anothers_records(events: Events):
    siena = events.as_("IT-SIENA")
    mediator, newcomer, *room = await events.people(4)
    local = (await events.people(1, group=Group.local))[0]
    await events.certify(mediator)
    training = await events.training(pass_mark=50)
    meeting = await events.schedule()
    assert (await events.check_in(meeting["id"], *room, local)).status_code == 200
    service = await events.client.post(
        "/v1/mediation-services",
        json={
            "partner": "IT-SIENA",
            "mediator_id": str(mediator),
            "newcomer_ids": [str(newcomer)],
            "service_kind": "interpretation",
            "delivered_at": datetime.now(UTC).isoformat(),
            "duration_minutes": 30,
            "language": "ar",
            "outcome": "resolved",
            "online": True,
        },
        headers=siena,
    )
    assert service.status_code == 201, service.text
    instrument = (await events.client.get("/v1/instruments/rfcdc", headers=siena)).json()
    answers = {item["id"]: 3 for item in instrument["items"]}
    assessment = await events.client.post(
        "/v1/assessments",
        json={
            "participant_id": str(local),
            "instrument_id": "rfcdc",
            "phase": "pre",
            "answers": answers,
        },
        headers=siena,
    )
    assert assessment.status_code == 201, assessment.text
    ids = {
        "activity_id": meeting["id"],
        "training_id": training["id"],
        "service_id": service.json()["id"],
        "assessment_id": assessment.json()["id"],
        "instrument_id": "rfcdc",
    }
    siena_ids = [str(v) for k, v in ids.items() if k != "instrument_id"]
    siena_ids += [str(p) for p in (mediator, newcomer, local, *room)]

    belgrade = events.as_("RS-BELGRADE")
    document = (await events.client.get("/openapi.json")).json()
    called = 0
    for path, operations in document["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method in operations:
            names = [p.strip("{}") for p in path.split("/") if p.startswith("{")]
            unknown = [n for n in names if n not in ids]
            assert not unknown, f"no id of Siena's for {unknown} in {method.upper()} {path}"
            url = path.format(**ids)
            body = BODIES.get(path.rsplit("/", 1)[-1]) if method in ("post", "put") else None
            params = {"participant_id": str(local)} if path.endswith("/assessments") else None
            response = await events.client.request(
                method, url, json=body, params=params, headers=belgrade
            )
            called += 1
            if names and names != ["instrument_id"]:
                assert response.status_code in (403, 404), (method, url, response.text)
            elif response.status_code < 300:
                text = json.dumps(response.json())
                leaked = [i for i in siena_ids if i in text]
                assert not leaked, (method, url, leaked)
    assert called >= 20

    # nor create records in another partner's name
    start = datetime.now(UTC).isoformat()
    for path, body in (
        ("/v1/activities", {"kind": "storytelling", "title": "x", "online": True}),
        ("/v1/trainings", {"title": "x", "certification": "coach"}),
        ("/v1/camp-locations", {"id": "elsewhere", "name": "x", "place": "x"}),
    ):
        body |= {"starts_at": start, "ends_at": "2100-01-01T00:00:00Z"} if "kind" in body else {}
        response = await events.client.post(
            path, json=body | {"partner": "IT-SIENA"}, headers=belgrade
        )
        assert response.status_code == 403, (path, response.text)
