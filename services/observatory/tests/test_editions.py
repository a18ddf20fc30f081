"""Dated editions: cut monthly and on demand, frozen byte for byte, valid, citable."""

import asyncio
import base64
import csv
import hashlib
import io
import json
import zipfile
from datetime import UTC, datetime

import jsonschema
from frictionless import validate

from milagro_kit.testing.auth import bearer, trusting
from milagro_kit.testing.plugin import eventually
from milagro_observatory import editions
from milagro_observatory.catalogue import catalogue
from milagro_observatory.downloads import IndicatorMetadata

REGISTERED = "participants-registered"


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_an_edition_is_frozen_valid_and_citable(observatory_with, history, mint, tmp_path):
    month = datetime.now(UTC).strftime("%Y-%m")
    async with observatory_with(
        disclosure_threshold=5, edition_interval_s=0.1, **trusting(mint)
    ) as observatory:
        client = observatory.client
        assert (await observatory.get("/v1/editions"))["editions"] == []  # nothing to freeze
        staff = bearer(mint.token(partner="IT-SIENA", roles=["staff"]))
        empty = await client.post("/v1/editions", headers=staff)
        assert empty.status_code == 409 and empty.json()["type"].endswith("nothing-to-freeze")
        half = len(history.registry) // 2
        await observatory.publish_all(history.registry[:half] + history.activities)

        async def monthly() -> bool:
            listed = (await observatory.get("/v1/editions"))["editions"]
            return [e["month"] for e in listed] == [month]

        await eventually(monthly, timeout=30)
        coach = bearer(mint.token(partner="IT-SIENA", roles=["coach"]))
        assert (await client.post("/v1/editions")).status_code == 401
        assert (await client.post("/v1/editions", headers=coach)).status_code == 403
        made = await client.post("/v1/editions", headers=staff)
        assert made.status_code == 201, made.text
        edition = made.json()
        number = edition["number"]
        assert number == 2 and edition["kind"] == "on-demand" and edition["month"] is None
        assert made.headers["location"] == f"/v1/editions/{number}"
        assert f"edition {number} of {edition['date']}" in edition["citation"]
        assert edition["licence"]["id"] == "CC-BY-4.0"
        live_log = await observatory.get("/v1/disclosure-log")
        path = f"/v1/editions/{number}/indicators/{REGISTERED}"
        table = {"by": "group"}
        frozen_csv = (await client.get(f"{path}.csv", params=table)).text
        live_csv = (await client.get(f"/v1/indicators/{REGISTERED}.csv", params=table)).text
        reached = f"/v1/editions/{number}/indicators/migrants-reached.csv"
        window = {"period": "month", "from": "2026-02", "to": "2026-03"}
        in_window = (await client.get(reached, params=window)).text
        every_month = (await client.get(reached, params={"period": "month"})).text
        frozen_svg = (await client.get(f"{path}.svg", params={"by": "group", "lang": "it"})).text
        frozen_page = await client.get(f"{path}.html", params={"by": "group", "lang": "sr"})
        first = await client.get(edition["download"].replace("http://test", ""))

        await observatory.publish_all(history.registry[half:])  # new releases since
        again = await client.get(f"/v1/editions/{number}.zip")
        cached = await client.get(
            f"/v1/editions/{number}.zip", headers={"If-None-Match": again.headers["etag"]}
        )
        later_csv = (await client.get(f"{path}.csv", params=table)).text
        live_later = (await client.get(f"/v1/indicators/{REGISTERED}.csv", params=table)).text
        frozen_meta = await observatory.get(f"{path}.metadata.json")
        live_meta = await observatory.get(f"/v1/indicators/{REGISTERED}.metadata.json")
        detail = await observatory.get(f"/v1/editions/{number}")
        log = await observatory.get("/v1/editions/disclosure-log")
        filtered = await client.get(f"{path}.csv", params={"by": "group", "group": "migrant"})
        listed = (await observatory.get("/v1/editions"))["editions"]
        missing = await client.get("/v1/editions/99.zip")
        refused = await client.get(f"{path}.csv", params={"period": "total", "from": "2026-01"})

    # byte for byte, whenever downloaded, and the checksum published verifies it
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert hashlib.sha256(first.content).hexdigest() == edition["sha256"]
    assert len(first.content) == edition["bytes"]
    digest = base64.b64encode(hashlib.sha256(first.content).digest()).decode()
    assert again.headers["content-digest"] == f"sha-256=:{digest}:"
    assert cached.status_code == 304
    assert [e["number"] for e in listed] == [2, 1]
    assert listed[0]["sha256"] == edition["sha256"]

    # a valid Frictionless package, with the metadata and the disclosure log as they were
    zipfile.ZipFile(io.BytesIO(first.content)).extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["edition"]["number"] == number and package["citation"] == edition["citation"]
    assert len(package["resources"]) == len(catalogue().indicators)
    zipped_log = json.loads((tmp_path / "disclosure-log.json").read_text())
    assert zipped_log["entries"] == live_log["entries"]  # the log as it was when cut
    assert zipped_log == detail["disclosure_log"]
    zipped_meta = json.loads((tmp_path / "metadata" / f"{REGISTERED}.metadata.json").read_text())
    assert zipped_meta == frozen_meta and frozen_meta["citation"] == edition["citation"]
    jsonschema.validate(frozen_meta, IndicatorMetadata.model_json_schema(mode="serialization"))

    # the figures the edition froze do not move; the live ones did
    assert frozen_csv == live_csv == later_csv
    assert live_later != live_csv
    assert frozen_meta["release"]["number"] < live_meta["release"]["number"]
    months = {r["period"] for r in rows(in_window)}  # the time-range filter
    assert months == {"2026-02", "2026-03"} < {r["period"] for r in rows(every_month)}
    assert {r["group"] for r in rows(filtered.text)} == {"migrant"}
    assert "edizione 2" in frozen_svg and "Partecipanti registrati" in frozen_svg
    assert frozen_page.headers["content-type"].startswith("text/html")
    assert '<html lang="sr">' in frozen_page.text and "edicija 2" in frozen_page.text
    assert f'href="http://test/v1/editions/{number}/indicators/{REGISTERED}.csv?by=group"' in (
        frozen_page.text
    )

    # the disclosure log of every edition: counts per indicator and rule, never which cells
    entry = next(r for r in log["rows"] if r["edition"] == number and r["indicator"] == REGISTERED)
    frozen_entry = next(e for e in zipped_log["entries"] if e["indicator"] == REGISTERED)
    assert entry["release"] == frozen_entry["release"]
    assert entry["release"]["suppressed_small"] > 0
    assert {(r["edition"], r["indicator"]) for r in log["rows"]} == {
        (e, i.id) for e in (1, 2) for i in catalogue().indicators
    }
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(
        "application/problem+json"
    )
    assert refused.status_code == 400


async def test_one_monthly_edition_whatever_the_replicas(observatory_with, history):
    async with observatory_with(disclosure_threshold=5) as observatory:
        await observatory.publish_all(history.registry[:40])
        settings = observatory.client.app.state.settings

        async def replica() -> int | None:
            async with observatory.database.transaction() as session:
                return await editions.cut_monthly(session, settings, "2099-01")

        cut = await asyncio.gather(*(replica() for _ in range(4)))
        later = await replica()
        listed = (await observatory.get("/v1/editions"))["editions"]
    months = [e["month"] for e in listed]
    assert months.count("2099-01") == 1 and later is None
    assert sum(n is not None for n in cut) == 1
