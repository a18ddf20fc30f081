"""Tenancy for every endpoint: nobody reaches what is not theirs.

Siena's academy gets one of everything; then Belgrade's coordinator, and a coach and a
newcomer of another Siena academy call every operation of the OpenAPI document with its
ids: a person, pairing or session they are not part of is 404 or 403, never 2xx; an
academy is another partner's 404 (its own partner's people may read it), and no answer
shows the people, pairings or sessions of others. A new route is covered by being in the
document: the test fails if it meets a path parameter it has no id for.
"""

import json
from datetime import UTC, datetime, timedelta

from .conftest import Coaching

BODIES = {  # valid bodies, so that a refusal is about who asks and not the request
    "reschedule": {"starts_at": "2100-01-04T10:00:00Z", "duration_minutes": 60},
    "sessions": {"starts_at": "2100-01-04T10:00:00Z", "duration_minutes": 60},
    "cancel": {"reason": "tenancy test"},
    "held": {"duration_minutes": 60, "topics": ["work"]},
    "no-show": {"side": "newcomer"},
    "feedback": {"rating": 5},
    "accept": {},
    "decline": {"reason": "tenancy test"},
    "end": {"reason": "tenancy test"},
    "coaches": {
        "participant_id": "00000000-0000-4000-8000-000000000000",
        "languages": ["en"],
        "topics": ["work"],
        "availability": {"zone": "UTC", "slots": []},
    },
    "newcomers": {
        "participant_id": "00000000-0000-4000-8000-000000000000",
        "languages": ["en"],
        "availability": {"zone": "UTC", "slots": []},
    },
    "matches": {
        "coach_id": "00000000-0000-4000-8000-000000000000",
        "newcomer_id": "00000000-0000-4000-8000-000000000000",
        "reason": "tenancy test",
    },
    "{coach_id}": {"capacity": 3},
    "{newcomer_id}": {"needs": ["work"]},
}


async def test_no_endpoint_lets_anyone_reach_what_is_not_theirs(coaching: Coaching):
    academy = await coaching.academy()
    pair = await coaching.pair(academy)
    booked = await coaching.book(pair, datetime.now(UTC) + timedelta(days=2))
    assert booked.status_code == 201, booked.text
    ids = {
        "academy_id": str(academy),
        "coach_id": str(pair.coach_id),
        "newcomer_id": str(pair.newcomer_id),
        "match_id": str(pair.match_id),
        "session_id": booked.json()["id"],
        "person_id": str(pair.coach_id),
        "people": "coaches",
        "secret": "not-a-secret",
    }
    # an academy is no secret (the open directory lists it); its people and their sessions are
    private = [ids[k] for k in ("coach_id", "newcomer_id", "match_id", "session_id")]
    private += [str(pair.coach_person), str(pair.newcomer_person)]
    elsewhere = await coaching.pair(await coaching.academy("IT-SIENA", "Colle"))
    callers = {
        "Belgrade's coordinator": coaching.as_("RS-BELGRADE"),
        "another coach": coaching.coach(elsewhere),
        "another newcomer": coaching.newcomer(elsewhere),
    }
    document = (await coaching.client.get("/openapi.json")).json()
    called = 0
    for path, operations in document["paths"].items():
        if not path.startswith("/v1/") or path.startswith("/v1/open-directory"):
            continue
        for method in operations:
            names = [p.split("}")[0].strip("{") for p in path.split("/") if "{" in p]
            unknown = [n for n in names if n not in ids]
            assert not unknown, f"no id of Siena's for {unknown} in {method.upper()} {path}"
            url = path.replace("{people}", ids["people"]).format(**ids)
            last = path.rsplit("/", 1)[-1]
            body = BODIES.get(last) if method in ("post", "put", "patch") else None
            for who, headers in callers.items():
                response = await coaching.client.request(method, url, json=body, headers=headers)
                called += 1
                assert response.status_code < 500, (who, method, url, response.text)
                partners_academy = names == ["academy_id"] and who != "Belgrade's coordinator"
                if names and names != ["secret"] and not partners_academy:
                    assert response.status_code in (403, 404), (who, method, url, response.text)
                elif response.status_code < 300 and response.content:
                    text = json.dumps(response.json())
                    leaked = [i for i in private if i in text]
                    assert not leaked, (who, method, url, leaked)
    assert called >= 60
