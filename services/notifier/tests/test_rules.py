"""From domain events to e-mails: every rule in every language, reminders that follow their
session, a redelivered event, erasure with e-mails pending."""

import uuid
from datetime import timedelta

import pytest
from harness import PARTNER, now, rows, settled

from milagro_contracts.activities import (
    ActivityCancelled,
    ActivityKind,
    ActivityRescheduled,
    ActivityScheduled,
    AttendanceRecorded,
    CampCompleted,
    Certification,
    CountsByGroup,
    TrainingCompleted,
)
from milagro_contracts.coaching import (
    CoachEnrolled,
    MatchMade,
    NewcomerEnrolled,
    SessionCancelled,
    SessionRescheduled,
    SessionScheduled,
)
from milagro_contracts.event import Group
from milagro_contracts.registry import (
    ParticipantAttributes,
    ParticipantErased,
    ParticipantRegistered,
    ParticipantsMerged,
)
from milagro_kit.testing.plugin import eventually, every_row
from milagro_notifier.rules import RULES
from milagro_notifier.templates import render

ACADEMY = uuid.uuid4()


def registered(person: uuid.UUID) -> ParticipantRegistered:
    attributes = ParticipantAttributes(group=Group.migrant, languages=["en"])
    return ParticipantRegistered(
        partner=PARTNER, participant_id=person, registered_at=now(), attributes=attributes
    )


def pair(coach: uuid.UUID, newcomer: uuid.UUID) -> tuple[uuid.UUID, list[object]]:
    """The coaching events that make a match of two people; its id."""
    coach_id, newcomer_id, match_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    return match_id, [
        CoachEnrolled(
            partner=PARTNER,
            coach_id=coach_id,
            participant_id=coach,
            academy_id=ACADEMY,
            languages=["en"],
            enrolled_at=now(),
        ),
        NewcomerEnrolled(
            partner=PARTNER,
            newcomer_id=newcomer_id,
            participant_id=newcomer,
            academy_id=ACADEMY,
            languages=["en"],
            enrolled_at=now(),
        ),
        MatchMade(
            partner=PARTNER,
            match_id=match_id,
            coach_id=coach_id,
            newcomer_id=newcomer_id,
            score=0.9,
            made_at=now(),
        ),
    ]


def planned(cls, activity: uuid.UUID, hours: float):  # type: ignore[no-untyped-def]
    return cls(
        partner=PARTNER,
        activity_id=activity,
        kind=ActivityKind.storytelling,
        place="Siena <centro>",
        starts_at=now() + timedelta(hours=hours),
        ends_at=now() + timedelta(hours=hours + 2),
    )


@pytest.mark.parametrize("language", ["en", "it", "sr", "nl", "ar"])
async def test_every_rule_in_every_language(notifier, registry, mailbox, bus, language):
    coach, newcomer = registry.add(language, "Europe/Belgrade"), registry.add(language)
    activity, session = uuid.uuid4(), uuid.uuid4()
    match_id, coaching = pair(coach, newcomer)
    starts = now() + timedelta(hours=2)  # its reminder is due at once
    async with notifier() as api:
        written = "en" if language == "ar" else language
        coordinator = {"email": "coord@siena.example", "language": written, "time_zone": "UTC"}
        contacts = {"contacts": [coordinator]}
        saved = await api.client.put(
            f"/v1/partners/{PARTNER}/contacts", json=contacts, headers=api.as_(PARTNER)
        )
        assert saved.status_code == 200, saved.text
        await bus.publish(registered(coach), registered(newcomer))
        await bus.publish(
            TrainingCompleted(
                partner=PARTNER,
                activity_id=activity,
                participant_id=coach,
                certification=Certification.coach,
                completed_at=now(),
            ),
            planned(ActivityScheduled, activity, 48),
            AttendanceRecorded(
                partner=PARTNER,
                activity_id=activity,
                kind=ActivityKind.storytelling,
                participant_id=newcomer,
                present=True,
                activity_starts_at=now(),
            ),
            planned(ActivityRescheduled, activity, 72),
            ActivityCancelled(
                partner=PARTNER,
                activity_id=activity,
                kind=ActivityKind.storytelling,
                cancelled_at=now(),
            ),
            CampCompleted(
                partner=PARTNER,
                activity_id=uuid.uuid4(),
                days=5,
                participants=CountsByGroup(local=12, migrant=9),
                completed_at=now(),
            ),
        )
        await bus.publish(*coaching)
        await bus.publish(
            SessionScheduled(
                partner=PARTNER,
                session_id=session,
                match_id=match_id,
                starts_at=starts,
                duration_minutes=45,
            )
        )
        await eventually(lambda: bus.drained("COACHING", "notifier-mail-coaching"))

        async def reminders_sent() -> bool:
            return {r.state for r in await rows(api) if r.kind == "session_reminder"} == {"sent"}

        await eventually(reminders_sent)
        await bus.publish(
            SessionRescheduled(
                partner=PARTNER,
                session_id=session,
                match_id=match_id,
                starts_at=starts + timedelta(days=3),
                duration_minutes=45,
            ),
            SessionCancelled(
                partner=PARTNER,
                session_id=session,
                match_id=match_id,
                starts_at=starts + timedelta(days=3),
            ),
        )
        found = await settled(api, 19)
    sent = {(r.kind, r.participant_id) for r in found if r.state == "sent"}
    everyone = {coach, newcomer}
    assert sent == (
        {("welcome", p) for p in everyone}
        | {("certification", coach), ("activity_rescheduled", newcomer)}
        | {("activity_cancelled", newcomer)}
        | {("activity_scheduled", None), ("camp_completed", None)}
        | {(k, p) for p in everyone for k in ("match_made", "session_scheduled")}
        | {(k, p) for p in everyone for k in ("session_reminder", "session_rescheduled")}
        | {("session_cancelled", p) for p in everyone}
    )
    # the reminder of the moved session went with its cancellation
    assert sorted(r.state for r in found if r.kind == "session_reminder") == [
        "cancelled",
        "cancelled",
        "sent",
        "sent",
    ]
    assert {r.kind for r in found} == {r.kind for r in RULES}
    assert len(mailbox.messages) == 17
    assert {m["Content-Language"] for m in mailbox.messages} == {written}
    by_id = {f"<{r.id}@milagro>": r for r in found}
    for mail in mailbox.messages:
        row = by_id[mail["Message-ID"]]
        zones = {coach: "Europe/Belgrade", newcomer: "Europe/Rome", None: "UTC"}
        zone = zones[row.participant_id]
        expected = render(row.template, row.context, language, zone, None)
        # (the header may fold Babel's narrow no-break spaces)
        assert mail["Subject"].split() == expected.subject.split()
        html = mail.get_body(("html",)).get_content()
        assert "<centro>" not in html  # what the events carry is escaped in HTML


async def test_a_reminder_is_cancelled_with_its_session(notifier, registry, mailbox, bus):
    coach, newcomer = registry.add(), registry.add()
    match_id, coaching = pair(coach, newcomer)
    session, starts = uuid.uuid4(), now() + timedelta(days=3)
    async with notifier() as api:
        await bus.publish(*coaching)
        await bus.publish(
            SessionScheduled(
                partner=PARTNER,
                session_id=session,
                match_id=match_id,
                starts_at=starts,
                duration_minutes=30,
            )
        )

        async def reminders_waiting() -> bool:
            found = [r for r in await rows(api) if r.kind == "session_reminder"]
            return len(found) == 2 and {r.state for r in found} == {"pending"}

        await eventually(reminders_waiting)
        reminders = [r for r in await rows(api) if r.kind == "session_reminder"]
        assert {r.due_at for r in reminders} == {starts - timedelta(hours=24)}
        assert {r.latest_at for r in reminders} == {starts}
        await bus.publish(
            SessionCancelled(
                partner=PARTNER, session_id=session, match_id=match_id, starts_at=starts
            )
        )
        found = await settled(api, 8)
    states = {(r.kind, r.state) for r in found}
    assert ("session_reminder", "cancelled") in states
    assert ("session_reminder", "pending") not in states
    assert len([m for m in mailbox.messages if "cancel" in m["Subject"]]) == 2


async def test_a_redelivered_event_sends_once(notifier, registry, mailbox, bus):
    anna = registry.add()
    async with notifier() as api:
        [envelope] = await bus.publish(registered(anna))
        await bus.publish_envelope(envelope, msg_id=str(uuid.uuid4()))  # past the bus's dedup
        await eventually(lambda: bus.drained("REGISTRY", "notifier-registry"))
        await settled(api, 1)
    assert len(mailbox.messages) == 1


async def test_erasure_purges_pending_sends(notifier, registry, mailbox, bus):
    coach, newcomer = registry.add(), registry.add()
    match_id, coaching = pair(coach, newcomer)
    async with notifier() as api:
        await bus.publish(registered(coach), registered(newcomer))
        await bus.publish(*coaching)
        await bus.publish(
            SessionScheduled(
                partner=PARTNER,
                session_id=uuid.uuid4(),
                match_id=match_id,
                starts_at=now() + timedelta(days=5),
                duration_minutes=30,
            )
        )
        await eventually(lambda: bus.drained("COACHING", "notifier-mail-coaching"))
        # the preferences API knows people from the directory: its own consumer, not waited above
        await eventually(lambda: bus.drained("REGISTRY", "notifier-directory"))
        put = await api.client.put(
            f"/v1/participants/{newcomer}/preferences",
            json={"opted_out": ["match_made"]},
            headers=api.as_(PARTNER),
        )
        assert put.status_code == 200, put.text
        await bus.publish(
            ParticipantErased(partner=PARTNER, participant_id=newcomer, erased_at=now())
        )
        await eventually(lambda: bus.drained("REGISTRY", "notifier-directory"))
        held = await rows(api)
        dump = await every_row(api.settings.database_url.get_secret_value())
    assert newcomer not in {r.participant_id for r in held}
    assert str(newcomer) not in dump
    assert [r.state for r in held if r.kind == "session_reminder"] == ["pending"]  # the coach's


async def test_preferences_and_contacts_are_the_partners_own(notifier, registry, bus):
    anna = registry.add()
    async with notifier() as api:
        await bus.publish(registered(anna))
        await eventually(lambda: bus.drained("REGISTRY", "notifier-directory"))
        url = f"/v1/participants/{anna}/preferences"
        staff = api.as_(PARTNER, "staff")
        saved = await api.client.put(url, json={"opted_out": ["welcome", "*"]}, headers=staff)
        assert saved.json() == {"opted_out": ["*", "welcome"]}
        assert (await api.client.get(url, headers=staff)).json() == saved.json()
        other = api.as_("NL-UTRECHT")
        assert (await api.client.get(url, headers=other)).status_code == 403
        contacts = f"/v1/partners/{PARTNER}/contacts"
        assert (await api.client.get(contacts, headers=other)).status_code == 403
        assert (await api.client.get(contacts, headers=staff)).status_code == 403  # coordinators
        mine = await api.client.get(contacts, headers=api.as_(PARTNER))
        assert mine.json() == {"contacts": []}
        # an admin may name any partner, but only a partner code (was a 500 past 16 letters)
        nobody = {"contacts": [{"email": "coord@example.org"}]}
        invalid = await api.client.put(
            f"/v1/partners/{'X' * 17}/contacts", json=nobody, headers=api.admin
        )
        assert invalid.status_code == 422, invalid.text


async def test_a_merge_hands_the_merged_records_e_mails_to_the_kept_one(notifier, registry, bus):
    coach, newcomer, kept = registry.add(), registry.add(), registry.add()
    match_id, coaching = pair(coach, newcomer)
    async with notifier() as api:
        await bus.publish(registered(coach), registered(newcomer), registered(kept))
        await bus.publish(*coaching)
        await bus.publish(
            SessionScheduled(
                partner=PARTNER,
                session_id=uuid.uuid4(),
                match_id=match_id,
                starts_at=now() + timedelta(days=5),
                duration_minutes=30,
            )
        )
        await eventually(lambda: bus.drained("COACHING", "notifier-mail-coaching"))
        await bus.publish(
            ParticipantsMerged(partner=PARTNER, kept_id=kept, merged_id=newcomer, merged_at=now())
        )
        await eventually(lambda: bus.drained("REGISTRY", "notifier-directory"))
        reminders = [r for r in await rows(api) if r.kind == "session_reminder"]
    assert {r.participant_id for r in reminders} == {coach, kept}


async def test_history_replayed_to_a_new_consumer_e_mails_nobody(notifier, registry, bus):
    anna, bruno = registry.add(), registry.add()
    async with notifier() as api:
        await bus.publish(registered(anna), time=now() - timedelta(days=30))
        await bus.publish(registered(bruno))
        await eventually(lambda: bus.drained("REGISTRY", "notifier-registry"))
        found = await settled(api, 1)
    assert [r.participant_id for r in found] == [bruno]


async def test_a_session_recorded_after_it_took_place_tells_nobody(
    notifier, registry, mailbox, bus
):
    coach, newcomer = registry.add(), registry.add()
    match_id, coaching = pair(coach, newcomer)
    async with notifier() as api:
        await bus.publish(*coaching)
        await bus.publish(
            SessionScheduled(
                partner=PARTNER,
                session_id=uuid.uuid4(),
                match_id=match_id,
                starts_at=now() - timedelta(days=3),  # a coordinator records it afterwards
                duration_minutes=60,
            )
        )
        found = await settled(api, 6)  # the match's two, then a session's two and reminders
    late = {(r.kind, r.state, r.last_error) for r in found if r.kind.startswith("session")}
    assert late == {
        ("session_scheduled", "skipped", "too late"),
        ("session_reminder", "skipped", "too late"),
    }
    assert not [m for m in mailbox.messages if "session" in m["Subject"].lower()]
