"""Every endpoint by own partner / other partner / admin / no token / wrong role."""

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

CALLERS = ("own", "other", "admin", "none", "wrong_role", "service")


@dataclass
class Case:
    method: str
    path: str  # {id}: a fresh IT-SIENA participant per call (merge: another as the body)
    body: dict[str, Any] | None
    expected: dict[str, int]


def _new_person(n: int) -> dict[str, Any]:
    return {
        "partner": "IT-SIENA",
        "given_name": f"Tenant{n}",
        "family_name": "Rossi",
        "group": "local",
        "email": f"tenant.{n}@example.org",
    }


CASES = {
    "register partner": Case(
        "POST",
        "/v1/partners",
        {"code": "NL-UTRECHT", "name": "Utrecht", "country": "NL", "city": "Utrecht"},
        dict(own=403, other=403, admin=201, none=401, wrong_role=403, service=403),
    ),
    "list partners": Case(
        "GET",
        "/v1/partners",
        None,
        dict(own=403, other=403, admin=200, none=401, wrong_role=403, service=403),
    ),
    "read partner": Case(
        "GET",
        "/v1/partners/IT-SIENA",
        None,
        dict(own=200, other=403, admin=200, none=401, wrong_role=200, service=403),
    ),
    "register participant": Case(
        "POST",
        "/v1/participants",
        {},
        dict(own=201, other=403, admin=201, none=401, wrong_role=403, service=403),
    ),
    "read participant": Case(
        "GET",
        "/v1/participants/{id}",
        None,
        dict(own=200, other=404, admin=200, none=401, wrong_role=403, service=403),
    ),
    "update participant": Case(
        "PATCH",
        "/v1/participants/{id}",
        {"languages": ["it", "en"]},
        dict(own=200, other=404, admin=200, none=401, wrong_role=403, service=403),
    ),
    "list participants": Case(
        "GET",
        "/v1/participants?partner=IT-SIENA",
        None,
        dict(own=200, other=403, admin=200, none=401, wrong_role=403, service=403),
    ),
    "change consent": Case(
        "PUT",
        "/v1/participants/{id}/consents/communications",
        {"given": True, "text_version": "v1"},
        dict(own=200, other=404, admin=200, none=401, wrong_role=403, service=403),
    ),
    "read consents": Case(
        "GET",
        "/v1/participants/{id}/consents",
        None,
        dict(own=200, other=404, admin=200, none=401, wrong_role=403, service=403),
    ),
    "export": Case(
        "GET",
        "/v1/participants/{id}/export",
        None,
        dict(own=200, other=404, admin=200, none=401, wrong_role=403, service=403),
    ),
    "erase": Case(
        "DELETE",
        "/v1/participants/{id}",
        None,
        dict(own=200, other=404, admin=200, none=401, wrong_role=403, service=403),
    ),
    "list duplicates": Case(
        "GET",
        "/v1/participants/duplicates?partner=IT-SIENA",
        None,
        dict(own=200, other=403, admin=200, none=401, wrong_role=403, service=403),
    ),
    "merge": Case(
        "POST",
        "/v1/participants/{id}/merge",
        {"duplicate_id": "another fresh IT-SIENA participant"},
        dict(own=200, other=404, admin=200, none=401, wrong_role=403, service=403),
    ),
    "contact look-up": Case(
        "GET",
        "/internal/v1/participants/{id}/contact",
        None,
        dict(own=403, other=403, admin=403, none=401, wrong_role=403, service=200),
    ),
}


def headers_of(registry: Any, caller: str) -> dict[str, str]:
    return {
        "own": registry.as_("IT-SIENA", "coordinator"),
        "other": registry.as_("RS-BELGRADE", "coordinator"),
        "admin": registry.admin,
        "none": {},
        "wrong_role": registry.as_("IT-SIENA", "researcher"),
        "service": registry.service("notifier"),
    }[caller]


@pytest.mark.parametrize("name", CASES)
async def test_tenancy(registry, name):
    case = CASES[name]
    wrong: list[str] = []
    for n, caller in enumerate(CALLERS):
        person = await registry.register(
            consents=[{"purpose": "communications", "given": True, "text_version": "v1"}]
        )
        body = _new_person(n) if case.body == {} else case.body
        if name == "register partner":
            body = body | {"code": f"NL-U{n}"}
        if name == "merge":
            body = {"duplicate_id": (await registry.register())["id"]}
        response: httpx.Response = await registry.client.request(
            case.method,
            case.path.format(id=person["id"]),
            json=body,
            headers=headers_of(registry, caller),
        )
        if response.status_code != case.expected[caller]:
            wrong.append(f"{caller}: {response.status_code} {response.text[:200]}")
        if response.status_code >= 400:
            assert response.headers["content-type"] == "application/problem+json"
        if response.status_code == 401:
            assert response.headers["www-authenticate"].startswith("Bearer")
    assert not wrong, f"{name}: " + "; ".join(wrong)


async def test_a_partner_lists_only_its_own_participants(registry):
    ours = await registry.register("IT-SIENA")
    theirs = await registry.register("RS-BELGRADE")
    for partner, mine, not_mine in (("IT-SIENA", ours, theirs), ("RS-BELGRADE", theirs, ours)):
        response = await registry.client.get(
            "/v1/participants", headers=registry.as_(partner, "staff")
        )
        ids = {p["id"] for p in response.json()["items"]}
        assert mine["id"] in ids and not_mine["id"] not in ids
    everyone = await registry.client.get("/v1/participants", headers=registry.admin)
    assert {ours["id"], theirs["id"]} <= {p["id"] for p in everyone.json()["items"]}


async def test_an_erased_participant_is_gone_to_its_partner_and_unknown_to_others(registry):
    person = await registry.register()
    erased = await registry.client.delete(
        f"/v1/participants/{person['id']}", headers=registry.as_("IT-SIENA")
    )
    assert erased.status_code == 200
    own = await registry.client.get(
        f"/v1/participants/{person['id']}", headers=registry.as_("IT-SIENA")
    )
    other = await registry.client.get(
        f"/v1/participants/{person['id']}", headers=registry.as_("RS-BELGRADE")
    )
    assert (own.status_code, other.status_code) == (410, 404)
    assert other.json()["type"].endswith("/not-found")
