"""CORS: preflights and answers for browser front-ends, over real HTTP from uvicorn."""

import asyncio
import dataclasses
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import uvicorn
from fastapi import APIRouter, Response

from milagro_kit.auth import Caller
from milagro_kit.service import create_app
from milagro_kit.testing.auth import trusting

PARTNER_APP = "https://app.partner.example"
router = APIRouter()


@router.post("/v1/things", status_code=201)
async def make_thing(caller: Caller, response: Response) -> dict[str, str]:
    response.headers["Location"] = "/v1/things/1"
    return {"by": caller.subject}


@router.get("/v1/public/feed")
async def feed() -> dict[str, int]:
    return {"figure": 1}


@asynccontextmanager
async def serving(tally, service_settings, mint, **overrides) -> AsyncIterator[httpx.AsyncClient]:
    """The tally service with these settings under uvicorn on a port of its own."""
    service = dataclasses.replace(tally.service, routers=[router])
    settings = await service_settings(service, **trusting(mint), **overrides)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(service, settings), log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            yield client
    finally:
        server.should_exit = True
        await task


def preflight(method: str, origin: str, headers: str = "authorization, content-type") -> dict:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": headers,
    }


async def test_a_configured_origin_gets_its_preflight_and_reads_the_answer(
    tally, service_settings, mint
):
    async with serving(tally, service_settings, mint, cors_origins=[PARTNER_APP]) as http:
        answer = await http.options("/v1/things", headers=preflight("POST", PARTNER_APP))
        assert answer.status_code == 204
        assert answer.headers["access-control-allow-origin"] == PARTNER_APP
        assert "POST" in answer.headers["access-control-allow-methods"]
        assert answer.headers["access-control-allow-headers"] == "authorization, content-type"
        assert "Origin" in answer.headers["vary"]
        assert int(answer.headers["access-control-max-age"]) > 0
        assert "access-control-allow-credentials" not in answer.headers  # bearer tokens only

        token = mint.token(partner="IT-SIENA", roles=["coordinator"])
        made = await http.post(
            "/v1/things", headers={"Origin": PARTNER_APP, "Authorization": f"Bearer {token}"}
        )
        assert made.status_code == 201
        assert made.headers["access-control-allow-origin"] == PARTNER_APP
        assert "Location" in made.headers["access-control-expose-headers"]
        assert "Origin" in made.headers["vary"]

        # an error answer is readable too, so the front-end can show the problem
        refused = await http.post("/v1/things", headers={"Origin": PARTNER_APP})
        assert refused.status_code == 401
        assert refused.headers["access-control-allow-origin"] == PARTNER_APP


async def test_other_origins_get_nothing_and_none_is_allowed_by_default(
    tally, service_settings, mint
):
    async with serving(tally, service_settings, mint, cors_origins=[PARTNER_APP]) as http:
        answer = await http.options("/v1/things", headers=preflight("POST", "https://evil.example"))
        assert answer.status_code == 405  # the app's own answer to OPTIONS
        assert "access-control-allow-origin" not in answer.headers
        read = await http.get("/v1/public/feed", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in read.headers
    async with serving(tally, service_settings, mint) as http:
        answer = await http.options("/v1/things", headers=preflight("POST", PARTNER_APP))
        assert answer.status_code == 405
        assert "access-control-allow-origin" not in answer.headers


async def test_public_paths_are_open_to_every_origin_for_reading(tally, service_settings, mint):
    async with serving(tally, service_settings, mint, cors_public_paths=["/v1/public/"]) as http:
        anyone = "https://newsroom.example"
        answer = await http.options("/v1/public/feed", headers=preflight("GET", anyone, ""))
        assert answer.status_code == 204
        assert answer.headers["access-control-allow-origin"] == "*"
        assert answer.headers["access-control-allow-methods"] == "GET, HEAD"
        read = await http.get("/v1/public/feed", headers={"Origin": anyone})
        assert read.status_code == 200
        assert read.headers["access-control-allow-origin"] == "*"
        assert "vary" not in read.headers
        # the rest of the API stays closed to that origin
        closed = await http.options("/v1/things", headers=preflight("POST", anyone))
        assert "access-control-allow-origin" not in closed.headers
