"""The kit's HTTP surface: problem+json for every error, health and readiness."""

import dataclasses

import httpx
import pytest
from fastapi import APIRouter
from pydantic import BaseModel, Field, SecretStr

from milagro_kit.problems import Problem
from milagro_kit.testing.plugin import running

router = APIRouter()


class Greeting(BaseModel):
    name: str = Field(min_length=1, max_length=10)
    times: int = Field(1, ge=1, le=3)


@router.post("/greetings")
async def greet(body: Greeting) -> dict[str, str]:
    if body.name == "nobody":
        raise Problem(409, "nobody-to-greet", "Nobody to greet", "try a name", hint="x")
    if body.name == "crash":
        raise RuntimeError("a bug")
    return {"greeting": f"hello {body.name}" * body.times}


@router.delete("/greetings", status_code=204)
async def forget_greetings() -> None:
    return None


@pytest.fixture
async def client(tally, service_settings):
    service = dataclasses.replace(tally.service, routers=[router])
    settings = await service_settings(service, max_body_bytes=2048)
    async with running(service, settings) as http:
        yield http


def assert_problem(response, status: int, kind: str) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == f"https://milagroproject.eu/problems/{kind}"
    assert body["status"] == status
    assert body["title"]
    return body


async def test_valid_input_passes(client):
    response = await client.post("/greetings", json={"name": "Amina"})
    assert response.status_code == 200
    assert response.json() == {"greeting": "hello Amina"}


@pytest.mark.parametrize(
    "body",
    [{"name": ""}, {"name": "x" * 11}, {"name": "Amina", "times": 9}, {}, [], "text", None],
)
async def test_invalid_input_is_a_422_problem_naming_the_field(client, body):
    problem = assert_problem(await client.post("/greetings", json=body), 422, "invalid-input")
    assert problem["errors"] and problem["detail"]
    assert problem["instance"] == "/greetings"


@pytest.mark.parametrize("body", [b'{"name": "Am', b"\xff\xfe{"])
async def test_an_unreadable_body_is_a_400_problem(client, body):
    response = await client.post(
        "/greetings", content=body, headers={"content-type": "application/json"}
    )
    assert_problem(response, 400, "bad-request")


async def test_a_raised_problem_keeps_its_type_and_extensions(client):
    problem = assert_problem(
        await client.post("/greetings", json={"name": "nobody"}), 409, "nobody-to-greet"
    )
    assert problem["detail"] == "try a name" and problem["hint"] == "x"


async def test_unknown_route_and_method_are_problems(client):
    assert_problem(await client.get("/nowhere"), 404, "not-found")
    not_allowed = await client.get("/greetings")
    assert_problem(not_allowed, 405, "method-not-allowed")
    assert not_allowed.headers["allow"] == "DELETE, POST"  # every method of the path


async def test_a_body_over_the_limit_is_a_413_problem(client):
    response = await client.post("/greetings", json={"name": "x" * 5000})
    assert_problem(response, 413, "body-too-large")


async def test_a_bug_is_a_500_problem_without_internals(client):
    problem = assert_problem(
        await client.post("/greetings", json={"name": "crash"}), 500, "internal"
    )
    assert "a bug" not in str(problem)


async def test_a_bug_is_answered_not_raised_to_the_server(client):
    """Raised on to the server after its 500, an error makes uvicorn close the keep-alive
    connection: the app answers instead, and raises nothing."""
    transport = httpx.ASGITransport(app=client.app, raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as strict:
        response = await strict.post("/greetings", json={"name": "crash"})
    assert_problem(response, 500, "internal")


async def test_health_and_readiness(client):
    assert (await client.get("/healthz")).json() == {"status": "alive", "checks": {}}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "bus": "ok"}


async def test_not_ready_without_a_database(tally, service_settings):
    settings = await service_settings(tally.service)
    url = settings.database_url.get_secret_value().replace("/t", "/missing_t")
    broken = settings.model_copy(update={"database_url": SecretStr(url)})
    async with running(tally.service, broken) as http:
        problem = assert_problem(await http.get("/readyz"), 503, "not-ready")
    assert problem["checks"]["database"].startswith("unreachable")
    assert problem["checks"]["bus"] == "ok"


async def test_the_document_names_the_errors_the_kit_answers(client):
    document = (await client.get("/openapi.json")).json()
    greet = document["paths"]["/greetings"]["post"]["responses"]
    for status in ("400", "413", "422", "503"):
        assert "application/problem+json" in greet[status]["content"], status
    assert "Retry-After" in greet["503"]["headers"]
    assert "503" not in document["paths"]["/healthz"]["get"]["responses"]
    assert "HTTPValidationError" not in str(document)
