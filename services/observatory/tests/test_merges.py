"""A person registered twice, then merged: the observatory counts them once, whatever order
the streams arrive in, and a rebuild gives the same figures."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from milagro_contracts import activities as act
from milagro_contracts import coaching as coa
from milagro_contracts import registry as reg
from milagro_contracts.event import Group, MigrantStatus
from milagro_observatory.rebuild import rebuild
from milagro_observatory.store import facts, participant_attributes

PARTNER = "IT-SIENA"
START = datetime(2026, 3, 2, 10, tzinfo=UTC)


def total(document) -> float:
    (cell,) = [c for c in document["cells"] if c.get("period") == "total"]
    return cell["value"]


async def figures(observatory) -> tuple[float, float, float]:
    return (
        total(await observatory.get("/v1/indicators/participants-registered")),
        total(await observatory.get("/v1/indicators/locals-reached")),
        total(await observatory.get("/v1/indicators/newcomers-coached")),
    )


async def test_a_merged_person_counts_once_with_every_fact_kept(observatory, envelope_at):
    wrap = envelope_at
    a, b, c, m1, m2 = (uuid.uuid4() for _ in range(5))  # b is a again; m2 is m1 again
    clock = iter(START + timedelta(hours=h) for h in range(100))

    def registered(pid: uuid.UUID, group: Group):
        status = MigrantStatus.refugee if group is Group.migrant else None
        attributes = reg.ParticipantAttributes(group=group, migrant_status=status)
        at = next(clock)
        event = reg.ParticipantRegistered(
            partner=PARTNER, participant_id=pid, registered_at=at, attributes=attributes
        )
        return wrap(event, at)

    def present(activity: uuid.UUID, kind: act.ActivityKind, pid: uuid.UUID):
        at = next(clock)
        event = act.AttendanceRecorded(
            partner=PARTNER,
            activity_id=activity,
            kind=kind,
            participant_id=pid,
            present=True,
            activity_starts_at=at,
        )
        return wrap(event, at)

    def merged(kept: uuid.UUID, gone: uuid.UUID):
        at = next(clock)
        return wrap(
            reg.ParticipantsMerged(partner=PARTNER, kept_id=kept, merged_id=gone, merged_at=at),
            at,
        )

    partner = reg.PartnerRegistered(
        partner=PARTNER, name="Siena", kind=reg.PartnerKind.full, country="IT", city="Siena"
    )
    meeting, story, later = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    meetings, stories = act.ActivityKind.structured_meeting, act.ActivityKind.storytelling
    academy, coach = uuid.uuid4(), uuid.uuid4()
    coaching = [
        wrap(
            coa.CoachEnrolled(
                partner=PARTNER,
                coach_id=coach,
                participant_id=c,
                academy_id=academy,
                languages=["it"],
                enrolled_at=START,
            ),
            START,
        )
    ]
    for newcomer, pid in ((uuid.uuid4(), m1), (uuid.uuid4(), m2)):
        match = uuid.uuid4()
        coaching += [
            wrap(
                coa.NewcomerEnrolled(
                    partner=PARTNER,
                    newcomer_id=newcomer,
                    participant_id=pid,
                    academy_id=academy,
                    languages=["ar"],
                    enrolled_at=START,
                ),
                START,
            ),
            wrap(
                coa.MatchMade(
                    partner=PARTNER,
                    match_id=match,
                    coach_id=coach,
                    newcomer_id=newcomer,
                    score=0.9,
                    made_at=START,
                ),
                START,
            ),
            wrap(
                coa.SessionHeld(
                    partner=PARTNER,
                    session_id=uuid.uuid4(),
                    match_id=match,
                    starts_at=START,
                    duration_minutes=60,
                ),
                START,
            ),
        ]
    registry = [
        wrap(partner, START),
        registered(a, Group.local),
        registered(b, Group.local),
        registered(c, Group.local),
        registered(m1, Group.migrant),
        registered(m2, Group.migrant),
    ]
    attendance = [
        present(meeting, meetings, a),
        present(meeting, meetings, b),  # both records at one meeting: one presence
        present(meeting, meetings, c),
        present(story, stories, b),
    ]
    await observatory.publish_all(registry + attendance + coaching)
    assert await figures(observatory) == (5, 3, 2)

    merges = [merged(a, b), merged(m1, m2)]
    await observatory.publish_all(merges)
    assert await figures(observatory) == (3, 2, 1)

    late = [present(later, meetings, b)]  # recorded under the old id after the merge
    await observatory.publish_all(late)
    await observatory.publish_all(merges, duplicates=1.0)  # redelivered: changes nothing
    assert await figures(observatory) == (3, 2, 1)
    async with observatory.database.transaction() as session:
        keys = (await session.execute(select(facts.c.participant_key, facts.c.key))).all()
        described = select(participant_attributes.c.participant_id)
        people = set((await session.execute(described)).scalars())
    assert not {b, m2} & {k for k, _ in keys}
    assert people == {a, c, m1}
    assert sorted(key for pid, key in keys if pid == a) == sorted(
        [str(a), f"{meeting}:{a}", f"{story}:{a}", f"{later}:{a}"]
    )

    before = {
        name: await observatory.get(f"/v1/indicators/{name}", by="partner", period="month")
        for name in ("participants-registered", "locals-reached", "newcomers-coached")
    }
    await rebuild(observatory.client.app.state.settings, show=False)
    for name, document in before.items():
        after = await observatory.get(f"/v1/indicators/{name}", by="partner", period="month")
        assert after["cells"] == document["cells"], name
