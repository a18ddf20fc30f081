"""Feed formats checked by their real validators: frictionless, feedparser, an SSE client."""

import asyncio
import io
import json
import zipfile

import feedparser
import httpx
import uvicorn
from frictionless import Package, validate
from httpx_sse import aconnect_sse

from milagro_kit.service import create_app


async def test_data_package_is_valid(observatory, history, tmp_path):
    await observatory.publish_all(history.registry + history.activities + history.coaching)
    response = await observatory.client.get("/v1/datapackage.zip")
    assert response.status_code == 200
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    assert package.licenses[0]["name"] == "CC-BY-4.0"
    descriptor = (await observatory.client.get("/v1/datapackage.json")).json()
    assert descriptor["citation"] and len(descriptor["resources"]) >= 16
    rows = (tmp_path / "data" / "participants-registered.csv").read_text().splitlines()
    assert rows[0] == "period,partner,group,value,n,ci_low,ci_high,suppressed"


async def test_csv_and_conditional_requests(observatory, history):
    await observatory.publish_all(history.registry[:40])
    client = observatory.client
    first = await client.get("/v1/indicators/participants-registered.csv", params={"by": "group"})
    assert first.headers["content-type"].startswith("text/csv")
    assert first.text.startswith("period,group,value,n")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = await client.get(
        "/v1/indicators/participants-registered.csv",
        params={"by": "group"},
        headers={"If-None-Match": etag},
    )
    assert again.status_code == 304
    since = await client.get(
        "/v1/indicators/participants-registered.csv",
        params={"by": "group"},
        headers={"If-Modified-Since": modified},
    )
    assert since.status_code == 304
    await observatory.publish_all(history.activities[:5])  # no registration: no new release
    unchanged = await client.get(
        "/v1/indicators/participants-registered.csv",
        params={"by": "group"},
        headers={"If-None-Match": etag},
    )
    assert unchanged.status_code == 304
    await observatory.publish_all(history.registry[40:])
    changed = await client.get(
        "/v1/indicators/participants-registered.csv",
        params={"by": "group"},
        headers={"If-None-Match": etag},
    )
    assert changed.status_code == 200 and changed.headers["etag"] != etag


async def test_errors_are_problems(observatory):
    unknown = await observatory.client.get("/v1/indicators/nope")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    bad = await observatory.client.get(
        "/v1/indicators/participants-registered", params={"by": "shoe-size"}
    )
    assert bad.status_code == 400 and bad.json()["type"].endswith("bad-disaggregation")


async def test_disclosure_threshold_applies_to_published_cells(observatory_with, history):
    async with observatory_with(disclosure_threshold=5) as observatory:
        await observatory.publish_all(history.registry)
        doc = await observatory.get(
            "/v1/indicators/participants-registered", by="partner,migrant_status"
        )
    for cell in doc["cells"]:
        assert (
            cell["suppressed"] or cell["n"] >= 5 or cell["n"] == 0
        )  # nobody: no one to single out
    assert any(c["suppressed"] for c in doc["cells"])


async def test_atom_feed_of_changes(observatory, history):
    await observatory.publish_all(history.registry)
    first = await observatory.client.get("/v1/feed.atom")
    await observatory.publish_all(history.activities)
    second = await observatory.client.get("/v1/feed.atom")
    feed = feedparser.parse(second.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.startswith("MILAGRO")
    titles = [e.title for e in feed.entries]
    assert any(t.startswith("Participants registered") for t in titles)
    assert any(t.startswith("Locals reached") for t in titles)
    assert len(feedparser.parse(first.content).entries) < len(feed.entries)
    assert any(link.rel == "license" for link in feed.feed.links)


async def test_live_stream_sends_updates(observatory, history, unused_port):
    app = create_app(observatory.client.app.state.service, observatory.client.app.state.settings)
    server = uvicorn.Server(uvicorn.Config(app, port=unused_port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        base = f"http://127.0.0.1:{unused_port}"
        async with (
            httpx.AsyncClient(base_url=base) as client,
            aconnect_sse(client, "GET", "/v1/stream") as source,
        ):
            events = source.aiter_sse()
            first = await anext(events)
            assert first.event == "progress"
            before = json.loads(first.data)
            await observatory.publish_all(history.registry)
            while True:
                update = await asyncio.wait_for(anext(events), 10)
                figures = {f["id"]: f for f in json.loads(update.data)["indicators"]}
                if figures["participants-registered"]["value"] == len(history.people):
                    break
            assert json.loads(update.data)["data_version"] > before["data_version"]
            assert json.loads(update.data)["licence"]["id"] == "CC-BY-4.0"
    finally:
        server.should_exit = True
        await task


async def test_public_feeds_are_open_to_every_origin(observatory):
    anyone = "https://newsroom.example"
    preflight = await observatory.client.options(
        "/v1/progress",
        headers={"Origin": anyone, "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    for path in ("/v1/progress", "/v1/datapackage.json", "/v1/indicators"):
        read = await observatory.client.get(path, headers={"Origin": anyone})
        assert read.status_code == 200, path
        assert read.headers["access-control-allow-origin"] == "*", path
