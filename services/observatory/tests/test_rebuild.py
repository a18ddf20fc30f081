"""Replay: dropping and rebuilding the projections gives identical figures."""

from milagro_observatory.catalogue import catalogue
from milagro_observatory.rebuild import rebuild


async def figures(observatory):
    out = {}
    for indicator in catalogue().indicators:
        for by in ("", *indicator.disaggregations[:2]):
            doc = await observatory.get(f"/v1/indicators/{indicator.id}", by=by, period="month")
            out[(indicator.id, by)] = doc["cells"]
    return out


async def test_rebuild_gives_identical_figures(observatory, history):
    await observatory.publish_all(
        history.registry + history.activities + history.coaching, duplicates=0.1
    )
    before = await figures(observatory)
    settings = observatory.client.app.state.settings
    await rebuild(settings, show=False)
    after = await figures(observatory)
    assert after == before
    assert before[("participants-registered", "")][0]["value"] == len(history.people)
