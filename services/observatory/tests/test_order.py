"""The observatory's figures do not depend on the order events arrive in (issue 17, item 1).

Histories go through the real consumers' runners into a real database, once in the order
things happened and once interleaved and redelivered at random; every cell of every
indicator must come out the same.
"""

import asyncio
import random
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from order import deliver, figures, headlines_both_ways, in_order, rebuilt, shuffled, stream_of
from programme import programme
from sqlalchemy import select

from milagro_contracts import activities as act
from milagro_contracts import coaching as coa
from milagro_contracts import new_envelope
from milagro_contracts import registry as reg
from milagro_contracts.event import AgeBand, Group
from milagro_kit.database import Database
from milagro_kit.testing.plugin import new_database
from milagro_observatory.catalogue import Formula, catalogue
from milagro_observatory.service import service
from milagro_observatory.store import facts

EXAMPLES = 30


@pytest.fixture
async def database(service_database):
    return await service_database(service)


@pytest.mark.timeout(900)
def test_figures_do_not_depend_on_the_order_of_delivery(servers):
    """Hypothesis draws a history and a delivery (random interleaving of the streams,
    fetches of random size, events delivered late or twice): the published figures equal
    those of the history delivered in the order it happened, and so do those of the
    rebuild's bulk path given that delivery (all of it, or what is left after replicas
    applied half of it live); the live headlines' running tallies equal the headlines
    computed from every fact, every way."""
    started = time.monotonic()
    now = datetime.now(UTC)
    # Hypothesis runs examples synchronously: the test owns a loop (and a database on it)
    # rather than nesting in the session's running one.
    loop = asyncio.new_event_loop()
    database = Database(loop.run_until_complete(new_database(servers, service)))

    async def same_figures(history: random.Random, delivery: random.Random) -> None:
        envelopes = programme(history, now)
        await deliver(database, in_order(envelopes))
        expected = await figures(database)
        tallied, computed = await headlines_both_ways(database)
        assert tallied == computed
        batches = shuffled(envelopes, delivery, late=0.2, again=0.15)
        await deliver(database, batches)
        assert await figures(database) == expected
        tallied, computed = await headlines_both_ways(database)
        assert tallied == computed
        # the rebuild's bulk path, alone or after replicas applied some batches live
        await rebuilt(database, batches, live=delivery.choice([0, len(batches) // 2]))
        assert await figures(database) == expected
        tallied, computed = await headlines_both_ways(database)
        assert tallied == computed

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.randoms(use_true_random=False), st.randoms(use_true_random=False))
    def check(history: random.Random, delivery: random.Random) -> None:
        loop.run_until_complete(same_figures(history, delivery))

    try:
        check()
    finally:
        loop.run_until_complete(database.close())
        loop.close()
    elapsed = time.monotonic() - started
    print(f"{EXAMPLES} histories, each delivered twice and rebuilt in bulk: {elapsed:.1f} s")


START = datetime(2026, 3, 2, 10, tzinfo=UTC)


def _at(days: float) -> datetime:
    return START + timedelta(days=days)


def _wrap(payload, days: float):
    return _envelope(payload, _at(days))


def _envelope(payload, when: datetime):
    return new_envelope(payload, source="/test", time=when)


def _registered(pid: uuid.UUID, days: float, band: AgeBand = AgeBand.age_18_24):
    attributes = reg.ParticipantAttributes(group=Group.local, age_band=band)
    event = reg.ParticipantRegistered(
        partner="IT-SIENA", participant_id=pid, registered_at=_at(days), attributes=attributes
    )
    return _wrap(event, days)


def _updated(pid: uuid.UUID, days: float, band: AgeBand):
    change = reg.ParticipantAttributesChange(age_band=band)
    event = reg.ParticipantUpdated(
        partner="IT-SIENA", participant_id=pid, updated_at=_at(days), changed=change
    )
    return _wrap(event, days)


def _present(pid: uuid.UUID, days: float, activity: uuid.UUID | None = None):
    event = act.AttendanceRecorded(
        partner="IT-SIENA",
        activity_id=activity or uuid.uuid4(),
        kind=act.ActivityKind.structured_meeting,
        participant_id=pid,
        present=True,
        activity_starts_at=_at(days),
    )
    return _wrap(event, days)


async def _bands(database) -> list[tuple[str, str | None]]:
    async with database.transaction() as session:
        query = select(facts.c.fact, facts.c.age_band).order_by(facts.c.happened)
        return [tuple(r) for r in (await session.execute(query)).all()]


async def test_an_update_before_its_registration_is_applied(database):
    pid = uuid.uuid4()
    registered, updated = _registered(pid, 0), _updated(pid, 10, AgeBand.age_25_34)
    later = _present(pid, 20)
    await deliver(
        database, [("ACTIVITIES", [later]), ("REGISTRY", [updated]), ("REGISTRY", [registered])]
    )
    assert await _bands(database) == [("registration", "18-24"), ("attendance", "25-34")]


async def test_a_fact_takes_the_attributes_of_its_time(database):
    """Counted where they were then: before the change in the old band, after it in the
    new, whichever arrives first."""
    pid = uuid.uuid4()
    events = [
        _registered(pid, 0),
        _present(pid, 5),
        _updated(pid, 10, AgeBand.age_25_34),
        _present(pid, 15),
    ]
    expected = [("registration", "18-24"), ("attendance", "18-24"), ("attendance", "25-34")]
    for batches in (in_order(events), [("ACTIVITIES", events[1::2]), ("REGISTRY", events[::2])]):
        await deliver(database, batches)
        assert await _bands(database) == expected


async def test_a_fact_arriving_after_the_erasure_is_unlinked_like_the_others(database):
    pid, meeting = uuid.uuid4(), uuid.uuid4()
    erased = _wrap(
        reg.ParticipantErased(partner="IT-SIENA", participant_id=pid, erased_at=_at(30)), 30
    )
    before, late = _present(pid, 5, meeting), _present(pid, 20)
    registered = _registered(pid, 0)
    await deliver(
        database,
        [
            ("REGISTRY", [registered]),
            ("ACTIVITIES", [before]),
            ("REGISTRY", [erased]),
            ("ACTIVITIES", [late]),
        ],
    )
    async with database.transaction() as session:
        rows = (await session.execute(select(facts.c.participant_key, facts.c.key))).all()
    assert pid not in {who for who, _ in rows}
    assert not [key for _, key in rows if str(pid) in key]
    assert len({who for who, _ in rows}) == 1  # one stranger: still one person
    reached = await figures(database)
    await deliver(database, in_order([registered, before, late, erased]))
    assert await figures(database) == reached


async def test_an_academy_is_active_while_it_held_a_session_in_the_last_90_days(database):
    now = datetime.now(UTC)
    envelopes = []
    academies = [uuid.uuid4() for _ in range(3)]
    for academy, days_ago in zip(academies, (10.5, 89.5, 90.5), strict=True):
        coach, newcomer, match = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        when = now - timedelta(days=days_ago)
        for payload in (
            coa.AcademyOpened(partner="IT-SIENA", academy_id=academy, city="S", opened_at=when),
            coa.CoachEnrolled(
                partner="IT-SIENA",
                coach_id=coach,
                participant_id=uuid.uuid4(),
                academy_id=academy,
                languages=["it"],
                enrolled_at=when,
            ),
            coa.MatchMade(
                partner="IT-SIENA",
                match_id=match,
                coach_id=coach,
                newcomer_id=newcomer,
                score=1.0,
                made_at=when,
            ),
            coa.SessionHeld(
                partner="IT-SIENA",
                session_id=uuid.uuid4(),
                match_id=match,
                starts_at=when,
                duration_minutes=60,
            ),
        ):
            envelopes.append(_envelope(payload, when))
    # the sessions first, their matches and enrolments after: completed when they come
    sessions = [e for e in envelopes if e.type.endswith("session.held.v1")]
    rest = [e for e in envelopes if e not in sessions]
    await deliver(database, [("COACHING", sessions), ("COACHING", rest)])
    active = (await figures(database))["coaching-academies"]
    assert active[("total", ())].value == 2  # the third's last session is 90.5 days old
    tallied, computed = await headlines_both_ways(database)  # the live headline too
    assert tallied["coaching-academies"] == computed["coaching-academies"]
    assert tallied["coaching-academies"].value == 2


def test_the_catalogue_says_how_facts_are_attributed_and_what_active_means():
    texts = catalogue().attribution.model_dump()
    assert set(texts) == {"en", "it", "sr", "nl"} and all(len(t) > 60 for t in texts.values())
    academies = catalogue().get("coaching-academies")
    assert academies is not None and academies.formula.within_days == 90
    assert all("90" in text for text in academies.description.model_dump().values())
    windowed_sum = academies.formula.model_dump() | {"kind": "sum"}
    with pytest.raises(ValueError, match="within_days applies to"):
        Formula.model_validate(windowed_sum)  # a headline's tallies cannot window a sum


async def test_a_merged_records_registration_arriving_after_the_merge_stays_void(database):
    kept, twin = uuid.uuid4(), uuid.uuid4()
    merged = _wrap(
        reg.ParticipantsMerged(partner="IT-SIENA", kept_id=kept, merged_id=twin, merged_at=_at(9)),
        9,
    )
    events = [_registered(kept, 0), _registered(twin, 3, AgeBand.age_25_34), merged]
    await deliver(database, in_order(events))
    expected = await figures(database)
    await deliver(database, [("REGISTRY", [events[0], merged]), ("REGISTRY", [events[1]])])
    assert await figures(database) == expected
    assert await _bands(database) == [("registration", "18-24")]


async def test_an_update_changes_only_what_it_names_even_in_the_old_shape(database):
    """The published-figures defect: an update of the gender alone, sent as it is now or as
    events were before `cleared` existed (every attribute, null where unchanged), must
    leave the others as they were for what the person does afterwards."""
    from milagro_contracts import Envelope
    from milagro_contracts.event import Gender, MigrantStatus

    attributes = reg.ParticipantAttributes(
        group=Group.migrant,
        migrant_status=MigrantStatus.refugee,
        gender=Gender.female,
        age_band=AgeBand.age_25_34,
    )
    for legacy in (False, True):
        pid = uuid.uuid4()
        registered = _wrap(
            reg.ParticipantRegistered(
                partner="IT-SIENA", participant_id=pid, registered_at=_at(0), attributes=attributes
            ),
            0,
        )
        update = _wrap(
            reg.ParticipantUpdated(
                partner="IT-SIENA",
                participant_id=pid,
                updated_at=_at(10),
                changed=reg.ParticipantAttributesChange(gender=Gender.male),
            ),
            10,
        )
        if legacy:
            every = dict.fromkeys(reg.ParticipantAttributesChange.model_fields)
            data = update.data | {"changed": every | {"gender": "male"}}
            update = Envelope.model_validate(update.model_dump() | {"data": data})
        await deliver(database, in_order([registered, update, _present(pid, 20)]))
        async with database.transaction() as session:
            row = (
                await session.execute(
                    select(
                        facts.c.group, facts.c.migrant_status, facts.c.gender, facts.c.age_band
                    ).where(facts.c.fact == "attendance", facts.c.participant_key == pid)
                )
            ).one()
        assert tuple(row) == ("migrant", "refugee", "male", "25-34"), legacy


def _session_before_its_match() -> list:
    coach, newcomer, match, academy = (uuid.uuid4() for _ in range(4))
    coach_person, newcomer_person = uuid.uuid4(), uuid.uuid4()
    payloads = [
        (
            30,
            coa.SessionHeld(
                partner="IT-SIENA",
                session_id=uuid.uuid4(),
                match_id=match,
                starts_at=_at(30),
                duration_minutes=45,
            ),
        ),
        (1, coa.AcademyOpened(partner="IT-SIENA", academy_id=academy, city="S", opened_at=_at(1))),
        (
            4,
            coa.MatchMade(
                partner="IT-SIENA",
                match_id=match,
                coach_id=coach,
                newcomer_id=newcomer,
                score=1.0,
                made_at=_at(4),
            ),
        ),
    ]
    for days, (kind, role, cid, person) in enumerate(
        [
            (coa.CoachEnrolled, "coach_id", coach, coach_person),
            (coa.NewcomerEnrolled, "newcomer_id", newcomer, newcomer_person),
        ],
        start=2,
    ):
        enrolment = {"participant_id": person, "academy_id": academy, role: cid}
        payloads.append(
            (days, kind(partner="IT-SIENA", languages=["it"], enrolled_at=_at(days), **enrolment))
        )
    return [_registered(newcomer_person, 0), *(_wrap(p, days) for days, p in payloads)]


def _erased_with_late_facts_and_a_merge() -> list:
    pid, twin, kept = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    return [
        _registered(pid, 0),
        _present(pid, 5),
        _wrap(reg.ParticipantErased(partner="IT-SIENA", participant_id=pid, erased_at=_at(30)), 30),
        _present(pid, 20),  # committed before the erasure, delivered after it
        _updated(pid, 25, AgeBand.age_25_34),
        _registered(kept, 1),
        _registered(twin, 2, AgeBand.age_35_44),
        _present(twin, 6),
        _wrap(
            reg.ParticipantsMerged(
                partner="IT-SIENA", kept_id=kept, merged_id=twin, merged_at=_at(9)
            ),
            9,
        ),
        _updated(twin, 12, AgeBand.age_25_34),  # about the merged record: void
        _updated(kept, -1, AgeBand.age_25_34),  # before its registration
        _present(kept, 13),
    ]


@pytest.mark.parametrize(
    "history",
    [
        [
            _updated(pid := uuid.uuid4(), 10, AgeBand.age_25_34),
            _present(pid, 20),
            _registered(pid, 0),
            _present(pid, 5),
        ],
        _erased_with_late_facts_and_a_merge(),
        _session_before_its_match(),
    ],
    ids=["update before registration", "erasure and merge with late facts", "late session"],
)
async def test_the_bulk_path_gives_the_live_figures(database, history):
    """Whatever replicas applied live before the rebuild's bulk transaction (nothing, the
    registry's erasures and merges, a part of every stream), the same figures."""
    await deliver(database, in_order(history))
    expected, bands = await figures(database), await _bands(database)
    as_delivered = [(stream_of(e), [e]) for e in history]
    for live in range(len(as_delivered) + 1):
        await rebuilt(database, as_delivered, live=live)
        assert (await figures(database), await _bands(database)) == (expected, bands), live
        tallied, computed = await headlines_both_ways(database)
        assert tallied == computed
