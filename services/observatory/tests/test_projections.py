"""Projection correctness against ground truth from a generated history (real servers)."""

import random
import statistics
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from milagro_contracts import registry as reg
from milagro_observatory.stats import t95
from milagro_observatory.store import facts, participant_attributes, participants


def cells(document, **where):
    return [c for c in document["cells"] if all(c.get(k) == v for k, v in where.items())]


def value(document, **where):
    (cell,) = cells(document, **where)
    return cell["value"]


async def test_indicators_equal_ground_truth_despite_duplicates_and_late_events(
    observatory, history
):
    shuffled = list(history.activities)
    random.Random(3).shuffle(shuffled)  # out of order within the stream
    # activities first: every registration arrives late, after the facts it disaggregates
    await observatory.publish_all(shuffled + history.coaching, duplicates=0.2)
    await observatory.publish_all(history.registry, duplicates=0.2)

    registered = await observatory.get("/v1/indicators/participants-registered", by="partner,group")
    truth = Counter((p["partner"], p["group"]) for p in history.people.values())
    for (partner, group), n in truth.items():
        assert value(registered, partner=partner, group=group, period="total") == n
    assert value(registered, partner="all", group="all") == len(history.people)

    by_gender = await observatory.get("/v1/indicators/participants-registered", by="gender")
    genders = Counter(p["gender"].value for p in history.people.values())
    for gender, n in genders.items():
        assert value(by_gender, gender=gender) == n

    locals_present = {
        pid
        for (_, pid), (present, kind, _, _) in history.present.items()
        if present
        and kind in ("structured_meeting", "storytelling")
        and history.people[pid]["group"] == "local"
    }
    locals_reached = await observatory.get("/v1/indicators/locals-reached")
    assert value(locals_reached, period="total") == len(locals_present)

    by_month = await observatory.get("/v1/indicators/locals-reached", period="month")
    monthly: dict[str, set] = {}
    for (_, pid), (present, kind, _, month) in history.present.items():
        if (
            present
            and kind in ("structured_meeting", "storytelling")
            and (history.people[pid]["group"] == "local")
        ):
            monthly.setdefault(month, set()).add(pid)
    assert {c["period"]: c["value"] for c in by_month["cells"]} == {
        m: len(p) for m, p in monthly.items()
    }

    mediators = await observatory.get("/v1/indicators/mediators-trained")
    assert value(mediators, period="total") == sum(
        "mediator" in c for c in history.certified.values()
    )

    change = await observatory.get("/v1/indicators/democratic-competence-change")
    diffs = [
        history.scores[(pid, "post")] - history.scores[(pid, "pre")]
        for (pid, phase) in history.scores
        if phase == "post" and pid in history.research  # a research indicator
    ]
    (headline,) = change["cells"]
    mean = statistics.mean(diffs)
    half = t95(len(diffs) - 1) * statistics.stdev(diffs) / len(diffs) ** 0.5
    assert headline["n"] == len(diffs)
    assert abs(headline["value"] - mean) < 0.006
    assert abs(headline["ci_low"] - (mean - half)) < 0.006
    assert abs(headline["ci_high"] - (mean + half)) < 0.006

    sessions = await observatory.get("/v1/indicators/coaching-sessions-held")
    assert value(sessions, period="total") == history.sessions_held
    hours = await observatory.get("/v1/indicators/coaching-hours")
    assert value(hours, period="total") == round(history.minutes_held / 60, 2)
    satisfaction = await observatory.get("/v1/indicators/coaching-satisfaction")
    assert value(satisfaction, period="total") == round(statistics.mean(history.ratings), 2)
    newcomers = await observatory.get("/v1/indicators/newcomers-coached")
    assert value(newcomers, period="total") == 8


async def test_erasure_forgets_the_person_and_keeps_the_aggregates(
    observatory, history, envelope_at
):
    await observatory.publish_all(history.registry + history.activities)
    before = await observatory.get("/v1/indicators/participants-registered", by="partner")
    reached_before = await observatory.get("/v1/indicators/migrants-reached")
    who = next(iter(history.people))
    erased = reg.ParticipantErased(
        partner=history.people[who]["partner"],
        participant_id=who,
        erased_at=datetime.now(UTC),
    )
    await observatory.publish_all([envelope_at(erased, datetime.now(UTC))])
    async with observatory.database.transaction() as session:
        for table in (participants, participant_attributes):
            held = select(func.count()).where(table.c.participant_id == who)
            assert not (await session.execute(held)).scalar()
        assert not (
            await session.execute(select(func.count()).where(facts.c.participant_key == who))
        ).scalar()
        keys = (await session.execute(select(facts.c.key))).scalars().all()
        assert not [k for k in keys if str(who) in k]
    after = await observatory.get("/v1/indicators/participants-registered", by="partner")
    assert after["cells"] == before["cells"]
    reached_after = await observatory.get("/v1/indicators/migrants-reached")
    assert reached_after["cells"] == reached_before["cells"]


async def test_research_indicators_count_only_people_who_consent(observatory, envelope_at):
    """Programme counts include everyone; the assessment-based research indicators only
    people whose latest research_statistics decision is a yes."""
    from milagro_contracts import activities as act
    from milagro_contracts.event import Group

    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    people = [uuid.uuid4() for _ in range(6)]
    envelopes = []
    for i, pid in enumerate(people):
        attributes = reg.ParticipantAttributes(group=Group.local)
        envelopes.append(
            envelope_at(
                reg.ParticipantRegistered(
                    partner="IT-SIENA",
                    participant_id=pid,
                    registered_at=start,
                    attributes=attributes,
                ),
                start,
            )
        )
        if i < 5:  # the sixth never answers: no consent is no consent
            envelopes.append(envelope_at(_research(pid, True, start), start))
        for phase, score, day in (("pre", 2.0, 1), ("post", 3.0 + i / 10, 60)):
            when = start + timedelta(days=day)
            envelopes.append(
                envelope_at(
                    act.AssessmentSubmitted(
                        partner="IT-SIENA",
                        assessment_id=uuid.uuid4(),
                        instrument_id="rfcdc",
                        instrument_version=1,
                        participant_id=pid,
                        group=Group.local,
                        phase=act.Phase(phase),
                        scores={"total": score},
                        submitted_at=when,
                    ),
                    when,
                )
            )
    await observatory.publish_all(envelopes)
    change = await observatory.get("/v1/indicators/democratic-competence-change")
    assert change["cells"][0]["n"] == 5
    registered = await observatory.get("/v1/indicators/participants-registered")
    assert registered["cells"][0]["value"] == 6

    later = start + timedelta(days=90)
    await observatory.publish_all([envelope_at(_research(people[0], False, later), later)])
    assert (await observatory.get("/v1/indicators/democratic-competence-change"))["cells"][0][
        "n"
    ] == 4
    # an older decision arriving late does not undo the newer one
    await observatory.publish_all([envelope_at(_research(people[0], True, start), later)])
    assert (await observatory.get("/v1/indicators/democratic-competence-change"))["cells"][0][
        "n"
    ] == 4
    assert (await observatory.get("/v1/indicators/participants-registered"))["cells"][0][
        "value"
    ] == 6


def _research(pid: uuid.UUID, given: bool, when: datetime) -> reg.ParticipantConsentChanged:
    return reg.ParticipantConsentChanged(
        partner="IT-SIENA",
        participant_id=pid,
        purpose=reg.ConsentPurpose.research_statistics,
        given=given,
        text_version="2026-01",
        changed_at=when,
    )
