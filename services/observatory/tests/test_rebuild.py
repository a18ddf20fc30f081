"""Replay: dropping and rebuilding the projections gives identical figures, with replicas
running, and a second rebuild at once is refused."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from milagro_contracts import registry as reg
from milagro_kit.testing.plugin import running
from milagro_observatory.catalogue import catalogue
from milagro_observatory.rebuild import REBUILD_LOCK, RebuildRefused, rebuild
from milagro_observatory.service import service


async def figures(observatory):
    out = {}
    for indicator in catalogue().indicators:
        for by in ("", *indicator.disaggregations[:2]):
            doc = await observatory.get(f"/v1/indicators/{indicator.id}", by=by, period="month")
            out[(indicator.id, by)] = doc["cells"]
    # the live headlines: running tallies settled batch by batch before, counted once after
    out["live"] = [
        {k: v for k, v in figure.items() if k != "title"}
        for figure in (await observatory.get("/v1/progress"))["indicators"]
    ]
    return out


async def test_rebuild_while_replicas_run_gives_identical_figures(
    observatory, history, envelope_at
):
    """Erasures included: their facts from other streams land before or after them."""
    settings = observatory.client.app.state.settings
    erased = []
    for pid in list(history.people)[:3]:
        moment = history.registry[-1].time + timedelta(days=400)
        event = reg.ParticipantErased(
            partner=history.people[pid]["partner"], participant_id=pid, erased_at=moment
        )
        erased.append(envelope_at(event, moment))
    async with running(service, settings):  # a second replica, sharing the durables
        await observatory.publish_all(
            history.registry + erased + history.activities + history.coaching, duplicates=0.1
        )
        before = await figures(observatory)
        await rebuild(settings, show=False)
        await observatory.released()
        after = await figures(observatory)
    assert after == before
    assert before[("participants-registered", "")][0]["value"] == len(history.people)
    registered = next(f for f in before["live"] if f["id"] == "participants-registered")
    assert registered["value"] == len(history.people)  # the erased still count, as strangers


async def test_a_second_rebuild_at_once_is_refused(observatory):
    settings = observatory.client.app.state.settings
    async with observatory.database.engine.connect() as other:  # a rebuild in progress
        await other.execute(select(func.pg_advisory_lock(REBUILD_LOCK)))
        with pytest.raises(RebuildRefused, match=r"another rebuild .* is running"):
            await rebuild(settings, show=False)
