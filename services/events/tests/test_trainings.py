"""Trainings through the HTTP API: sessions, final assessments, completion by the rule."""

import uuid

from .conftest import Events

SIENA = "IT-SIENA"


async def test_a_mediator_training_certifies_exactly_those_who_met_its_rule(events: Events):
    training = await events.training(pass_mark=60)
    sessions = [await events.session_of(training, days_ago=d) for d in (8, 6, 4, 2)]
    ada, bo, cy, di, ed, flo = people = await events.people(6)
    # who came to which session (each of the four), and their final scores
    attended = {ada: 4, bo: 3, cy: 2, di: 4, ed: 4, flo: 0}
    scores = {ada: 80, bo: 60, cy: 95, di: 48}
    for number, session in enumerate(sessions):
        came = [p for p in people if attended[p] > number]
        stayed_away = [p for p in people if p not in came]
        assert (await events.check_in(session["id"], *came)).status_code == 200
        assert (
            await events.check_in(session["id"], *stayed_away, present=False)
        ).status_code == 200
    recorded = await events.client.put(
        f"/v1/trainings/{training['id']}/final-assessments",
        json={"scores": [{"participant_id": str(p), "score": s} for p, s in scores.items()]},
        headers=events.as_(SIENA),
    )
    assert recorded.status_code == 200, recorded.text
    assert len(recorded.json()["items"]) == 4

    early = await events.client.post(
        f"/v1/trainings/{training['id']}/complete", headers=events.as_(SIENA)
    )
    assert early.status_code == 409 and early.json()["type"].endswith("/sessions-scheduled")
    assert len(early.json()["activity_ids"]) == 4
    for session in sessions:
        assert (await events.close(session["id"])).status_code == 200

    done = await events.client.post(
        f"/v1/trainings/{training['id']}/complete", headers=events.as_(SIENA)
    )
    assert done.status_code == 200, done.text
    results = await events.client.get(
        f"/v1/trainings/{training['id']}/results", headers=events.as_(SIENA, "mediator")
    )
    why = {uuid.UUID(r["participant_id"]): r for r in results.json()["items"]}
    assert {p: (r["certified"], r["reason"]) for p, r in why.items()} == {
        ada: (True, "met the rule"),
        bo: (True, "met the rule"),
        cy: (False, "attended 2 of 4 sessions (50%); the rule asks 75%"),
        di: (False, "final assessment 48, pass mark 60"),
        ed: (False, "no final assessment recorded"),
        flo: (
            False,
            "attended 0 of 4 sessions (0%); the rule asks 75%; no final assessment recorded",
        ),
    }
    assert (why[bo]["sessions_attended"], why[bo]["sessions_held"], why[bo]["final_score"]) == (
        3,
        4,
        60,
    )

    completed = await events.published("training.completed", 2)
    assert {uuid.UUID(e["data"]["participant_id"]) for e in completed} == {ada, bo}
    last = sessions[-1]
    assert {e["data"]["activity_id"] for e in completed} == {last["id"]}
    assert {e["data"]["completed_at"][:19] for e in completed} == {last["ends_at"][:19]}
    assert {e["data"]["certification"] for e in completed} == {"mediator"}

    certified = await events.client.get(
        "/v1/certifications", params={"participant_id": str(ada)}, headers=events.as_(SIENA)
    )
    assert [c["certification"] for c in certified.json()["items"]] == ["mediator"]
    nobody = await events.client.get(
        "/v1/certifications", params={"participant_id": str(cy)}, headers=events.as_(SIENA)
    )
    assert nobody.json()["items"] == []
    elsewhere = await events.client.get(
        "/v1/certifications", params={"participant_id": str(ada)}, headers=events.as_("RS-BELGRADE")
    )
    assert elsewhere.json()["items"] == []

    again = await events.client.post(
        f"/v1/trainings/{training['id']}/complete", headers=events.as_(SIENA)
    )
    assert again.status_code == 409 and again.json()["type"].endswith("/training-completed")
    late_scores = await events.client.put(
        f"/v1/trainings/{training['id']}/final-assessments",
        json={"scores": [{"participant_id": str(cy), "score": 100}]},
        headers=events.as_(SIENA),
    )
    assert late_scores.status_code == 409
    late_session = await events.client.post(
        "/v1/activities",
        json={
            "partner": SIENA,
            "kind": "training",
            "title": "One more",
            "online": True,
            "starts_at": "2026-12-01T10:00:00Z",
            "ends_at": "2026-12-01T12:00:00Z",
            "training_id": training["id"],
        },
        headers=events.as_(SIENA),
    )
    assert late_session.status_code == 409
    read = await events.client.get(f"/v1/trainings/{training['id']}", headers=events.as_(SIENA))
    assert read.json()["state"] == "completed"
    assert [s["id"] for s in read.json()["sessions"]] == [s["id"] for s in sessions]
    assert {s["state"] for s in read.json()["sessions"]} == {"held"}


async def test_a_training_with_no_session_held_cannot_be_completed(events: Events):
    training = await events.training(certification="coach", min_share=0.5)
    session = await events.session_of(training, days_ago=1)
    cancelled = await events.client.post(
        f"/v1/activities/{session['id']}/cancel",
        json={"reason": "the trainer fell ill"},
        headers=events.as_(SIENA),
    )
    assert cancelled.status_code == 200
    refused = await events.client.post(
        f"/v1/trainings/{training['id']}/complete", headers=events.as_(SIENA)
    )
    assert refused.status_code == 409 and refused.json()["type"].endswith("/no-session-held")


async def test_final_assessments_need_a_pass_mark_known_people_and_are_idempotent(
    events: Events,
):
    no_mark = await events.training()
    trainee = (await events.people(1))[0]
    body = {"scores": [{"participant_id": str(trainee), "score": 70}]}
    refused = await events.client.put(
        f"/v1/trainings/{no_mark['id']}/final-assessments", json=body, headers=events.as_(SIENA)
    )
    assert refused.status_code == 409 and refused.json()["type"].endswith("/no-final-assessment")

    training = await events.training(pass_mark=50)
    path = f"/v1/trainings/{training['id']}/final-assessments"
    for score in (70, 40, 40):
        body = {"scores": [{"participant_id": str(trainee), "score": score}]}
        put = await events.client.put(path, json=body, headers=events.as_(SIENA))
        assert put.status_code == 200
    assert [s["score"] for s in put.json()["items"]] == [40]
    stranger = uuid.uuid4()
    unknown = await events.client.put(
        path,
        json={"scores": [{"participant_id": str(stranger), "score": 70}]},
        headers=events.as_(SIENA),
    )
    assert unknown.status_code == 409 and unknown.headers["retry-after"] == "1"
    assert unknown.json()["participant_ids"] == [str(stranger)]
    out_of_range = await events.client.put(
        path,
        json={"scores": [{"participant_id": str(trainee), "score": 101}]},
        headers=events.as_(SIENA),
    )
    assert out_of_range.status_code == 422


async def test_trainings_belong_to_their_partner(events: Events):
    siena = await events.training()
    await events.training("RS-BELGRADE", certification="coach")
    mine = await events.client.get("/v1/trainings", headers=events.as_(SIENA))
    assert [t["id"] for t in mine.json()["items"]] == [siena["id"]]
    everyone = await events.client.get("/v1/trainings", headers=events.admin)
    assert len(everyone.json()["items"]) == 2
    belgrade = await events.client.get(
        "/v1/trainings", params={"partner": "RS-BELGRADE"}, headers=events.admin
    )
    assert [t["certification"] for t in belgrade.json()["items"]] == ["coach"]
    assert (
        await events.client.get(
            "/v1/trainings", params={"partner": "RS-BELGRADE"}, headers=events.as_(SIENA)
        )
    ).status_code == 403
    for method, path in [("GET", ""), ("GET", "/results"), ("POST", "/complete")]:
        response = await events.client.request(
            method, f"/v1/trainings/{siena['id']}{path}", headers=events.as_("RS-BELGRADE")
        )
        assert response.status_code == 404, (method, path)
    by_a_mediator = await events.client.post(
        f"/v1/trainings/{siena['id']}/complete", headers=events.as_(SIENA, "mediator")
    )
    assert by_a_mediator.status_code == 403
    other_partners = await events.client.post(
        "/v1/trainings",
        json={"partner": "RS-BELGRADE", "title": "Coaches", "certification": "coach"},
        headers=events.as_(SIENA),
    )
    assert other_partners.status_code == 403
    researcher = await events.client.get("/v1/trainings", headers=events.as_(SIENA, "researcher"))
    assert researcher.status_code == 403
