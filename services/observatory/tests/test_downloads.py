"""Downloads people cite: metadata per indicator, the disclosure log, filtered tables."""

import csv
import io

import jsonschema

from milagro_observatory.catalogue import catalogue
from milagro_observatory.downloads import DisclosureLog, IndicatorMetadata


async def test_every_indicator_has_metadata_valid_against_its_schema(observatory_with, history):
    async with observatory_with(disclosure_threshold=5) as observatory:
        await observatory.publish_all(history.registry)
        schema = IndicatorMetadata.model_json_schema(mode="serialization")
        for indicator in catalogue().indicators:
            response = await observatory.client.get(f"/v1/indicators/{indicator.id}.metadata.json")
            assert response.status_code == 200
            document = response.json()
            jsonschema.validate(document, schema)
            assert document["title"]["sr"] and document["licence"]["id"] == "CC-BY-4.0"
            assert document["citation"] and document["disclosure"]["threshold"] == 5
        registered = (
            await observatory.client.get("/v1/indicators/participants-registered.metadata.json")
        ).json()
        assert registered["release"]["number"] >= 1
        assert registered["consent"] == "programme" and registered["counts_people"]
        assert "time" in registered["attribution"]["en"]
        listed = (await observatory.client.get("/v1/indicators")).json()
        assert listed["attribution"] == registered["attribution"]
        log = (await observatory.client.get("/v1/disclosure-log")).json()
        missing = await observatory.client.get("/v1/indicators/nope.metadata.json")
    assert missing.status_code == 404
    jsonschema.validate(log, DisclosureLog.model_json_schema(mode="serialization"))
    entry = next(e for e in log["entries"] if e["indicator"] == "participants-registered")
    hidden = entry["release"]["suppressed_small"] + entry["release"]["suppressed_protecting"]
    assert entry["release"]["suppressed_small"] > 0 and hidden < entry["release"]["cells"]


async def test_tables_filter_by_partner_and_group(observatory, history):
    await observatory.publish_all(history.registry)
    path = "/v1/indicators/participants-registered.csv"
    response = await observatory.client.get(
        path, params={"by": "partner,group", "partner": "IT-SIENA", "group": "migrant"}
    )
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {(r["partner"], r["group"]) for r in rows} == {("IT-SIENA", "migrant")}
    truth = sum(
        1 for p in history.people.values() if p["partner"] == "IT-SIENA" and p["group"] == "migrant"
    )
    assert int(rows[0]["value"]) == truth
    refused = await observatory.client.get(path, params={"by": "group", "partner": "IT-SIENA"})
    assert refused.status_code == 400
    assert refused.json()["type"].endswith("filter-needs-breakdown")


async def test_an_indicator_embeds_as_a_chart_in_four_languages(observatory_with, history):
    from xml.etree import ElementTree

    async with observatory_with(disclosure_threshold=5) as observatory:
        await observatory.publish_all(history.registry)
        path = "/v1/indicators/participants-registered.svg"
        charts = {
            lang: await observatory.client.get(path, params={"by": "partner", "lang": lang})
            for lang in ("en", "it", "sr", "nl")
        }
        table = await observatory.get("/v1/indicators/participants-registered", by="partner")
        headline = await observatory.client.get(path)
        for indicator in catalogue().indicators:  # means and changes too, empty cells too
            for by in [None, *indicator.disaggregations[:1]]:
                chart = await observatory.client.get(
                    f"/v1/indicators/{indicator.id}.svg", params={"by": by} if by else {}
                )
                assert chart.status_code == 200, (indicator.id, by, chart.text)
                ElementTree.fromstring(chart.content)
    for lang, response in charts.items():
        assert response.status_code == 200 and response.headers["content-type"].startswith(
            "image/svg+xml"
        )
        svg = ElementTree.fromstring(response.content)  # well-formed XML
        texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
        assert svg.get("lang") == lang and "CC-BY-4.0" in texts[-1]
        for cell in table["cells"]:
            if cell["partner"] != "all":
                assert cell["partner"] in texts
                if not cell["suppressed"]:
                    assert f"{cell['value']:g}" in texts
    assert "Partecipanti registrati" in charts["it"].text
    assert "Registrovani učesnici" in charts["sr"].text
    assert headline.status_code == 200 and str(len(history.people)) in headline.text
