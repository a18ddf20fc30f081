"""Participants: register, read, update, and find them."""

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from milagro_contracts.event import Group, Role
from milagro_contracts.registry import (
    ParticipantAttributes,
    ParticipantRegistered,
)
from milagro_kit.auth import AUTH_RESPONSES, Principal, ensure_partner
from milagro_kit.driver import Driver
from milagro_kit.pages import BadCursor, Cursor
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Outbox, Session
from milagro_registry.api.access import Reader, Writer, participant_for
from milagro_registry.api.consent import consent_change
from milagro_registry.api.duplicates import IDENTITY_FIELDS, RULES_TEXT, judge, refuse_duplicates
from milagro_registry.api.schemas import (
    REQUIRED_ON_PATCH,
    ParticipantFields,
    ParticipantIn,
    ParticipantOut,
    ParticipantPage,
    ParticipantPatch,
)
from milagro_registry.domain.duplicates import matches
from milagro_registry.domain.people import (
    PERSONAL_FIELDS,
    Inconsistent,
    aggregate_of,
    changed_fields,
    check_consistent,
    statistical_changes,
    statistical_view,
    update_event,
)
from milagro_registry.store import Participant
from milagro_registry.store.audit import audit, audit_rows
from milagro_registry.store.keys import key_columns, person
from milagro_registry.store.queries import Search, page_of_participants
from milagro_registry.store.registration import (
    lock_partner,
    register,
)

router = APIRouter(prefix="/v1/participants", tags=["participants"])
FIELDS = tuple(ParticipantOut.model_fields)
READ_FIELDS = PERSONAL_FIELDS
NO_CONTROLS = r"^[^\x00-\x1f\x7f]*$"


def fields_of(participant: Participant) -> dict[str, Any]:
    """A participant's own fields (no id, partner, times or keys)."""
    return {name: getattr(participant, name) for name in ParticipantFields.model_fields}


def _set_keys(participant: Participant, keys: dict[str, Any]) -> None:
    for column, value in keys.items():
        setattr(participant, column, value)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ParticipantOut,
    responses=AUTH_RESPONSES | problem_responses(409, 413, 422),
    summary="Register a participant",
    description="409 `duplicate-participant` (with `existing_id`) when the partner has "
    "certainly registered this person already; 409 `likely-duplicate` with the "
    "`candidates` (id, rules met, name score) when it likely has, unless "
    "`confirm_new_person` is true. The rules:\n\n" + RULES_TEXT,
)
async def register_participant(body: ParticipantIn, caller: Writer, db: Driver) -> Participant:
    # Round trips: BEGIN; partner + duplicate locks; candidates + every write; COMMIT
    # (store/registration.py says why no fewer).
    ensure_partner(caller, body.partner)
    now = datetime.now(UTC)
    fields = body.model_dump(exclude={"partner", "consents", "confirm_new_person"})
    keys = key_columns(fields["given_name"], fields["family_name"], fields["email"])
    new = person(None, keys, fields["birth_date"])
    if not await lock_partner(db, body.partner, new):
        raise Problem(422, "unknown-partner", "Unknown partner", f"no partner {body.partner}")
    try:
        check_consistent(fields, now.date())
    except Inconsistent as exc:
        raise Problem(422, "invalid-input", "Invalid input", str(exc)) from exc
    participant = Participant(
        id=uuid.uuid4(),
        partner=body.partner,
        registered_at=now,
        updated_at=None,
        **fields,
        **keys,
    )
    registered = ParticipantRegistered(
        partner=body.partner,
        participant_id=participant.id,
        registered_at=now,
        attributes=ParticipantAttributes(**statistical_view(fields, now.date())),
    )
    # a new person has no consent history: every initial decision is news
    consents = [consent_change(caller, participant, c.purpose, c, now) for c in body.consents]
    given = [name for name in PERSONAL_FIELDS if fields.get(name) is not None]
    entries = [
        *(
            row
            for c in body.consents
            for row in audit_rows(
                caller, "consent.changed", [participant.id], [f"consent.{c.purpose}"]
            )
        ),
        *audit_rows(caller, "participant.registered", [participant.id], given),
    ]
    events = db.outbox_rows(
        registered, *(event for _, event in consents), aggregate=aggregate_of(participant.id)
    )
    found = await register(db, new, participant, events, [r for r, _ in consents], entries)
    judge(matches(new, found), confirmed=body.confirm_new_person)  # a 409 rolls it all back
    return participant


@router.get(
    "/{participant_id}",
    response_model=ParticipantOut,
    responses=AUTH_RESPONSES | problem_responses(404, 410, 422),
    summary="One participant, with personal data",
)
async def read_participant(
    participant_id: uuid.UUID, caller: Reader, session: Session
) -> Participant:
    participant = await participant_for(session, caller, participant_id)
    await audit(session, caller, "participant.read", [participant.id], READ_FIELDS)
    return participant


@router.patch(
    "/{participant_id}",
    response_model=ParticipantOut,
    responses=AUTH_RESPONSES | problem_responses(404, 409, 410, 413, 422),
    summary="Change a participant's fields",
    description="Fields absent from the body stay; `null` clears an optional field. "
    "Changed statistical attributes are published as `participant.updated`. A change of "
    "name, birth date or e-mail meets the duplicate rules as a registration does.",
)
async def update_participant(
    participant_id: uuid.UUID,
    body: ParticipantPatch,
    caller: Writer,
    session: Session,
    outbox: Outbox,
) -> Participant:
    changes = body.model_dump(include=body.model_fields_set - {"confirm_new_person"})
    cleared = [name for name in REQUIRED_ON_PATCH if name in changes and changes[name] is None]
    if cleared:
        raise Problem(422, "invalid-input", "Invalid input", f"{cleared[0]} cannot be cleared")
    participant = await participant_for(session, caller, participant_id, lock=True)
    now = datetime.now(UTC)
    before = fields_of(participant)
    after = before | changes
    try:
        check_consistent(after, now.date())
    except Inconsistent as exc:
        raise Problem(422, "invalid-input", "Invalid input", str(exc)) from exc
    changed = changed_fields(before, after)
    if not changed:
        return participant
    if set(changed) & set(IDENTITY_FIELDS):
        keys = key_columns(after["given_name"], after["family_name"], after["email"])
        await refuse_duplicates(
            session,
            participant.partner,
            participant.id,
            keys,
            after,
            confirmed=body.confirm_new_person,
        )
        _set_keys(participant, keys)
    for name in changed:
        setattr(participant, name, after[name])
    participant.updated_at = now
    statistics = statistical_changes(before, after, now.date())
    if statistics:
        event = update_event(participant.partner, participant.id, statistics, now)
        await outbox.record(event, aggregate=aggregate_of(participant.id))
    await audit(session, caller, "participant.updated", [participant.id], changed)
    return participant


@router.get(
    "",
    response_model=ParticipantPage,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="Find participants",
    description="Ordered by registration time; follow `next_cursor` for more. Pages stay "
    "stable while others register people: nothing is repeated or skipped. `name` finds "
    "every participant each of whose words is in a part of their name, whatever the case, "
    "diacritics or script (Ђорђе = Đorđe = Djordje = dorde), with family-name particles "
    "as parts of their own (van der Berg is found by Berg); a word of one or two letters "
    "matches the start of a part, a longer one anywhere inside. A name search lists whole "
    "parts first, then starts of parts, then the rest, each in registration order.",
)
async def list_participants(
    caller: Reader,
    session: Session,
    partner: Annotated[
        str | None, Query(pattern=r"^[A-Z]{2}-[A-Z0-9]{2,12}$", description="Admins: one partner")
    ] = None,
    name: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            pattern=NO_CONTROLS,
            description="Words of a name, in any case, script or order",
        ),
    ] = None,
    role: Role | None = None,
    group: Group | None = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
    registered_from: date | None = None,
    registered_to: date | None = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> ParticipantPage:
    scope = _partner_scope(caller, partner)
    try:
        after = Cursor.decode(cursor, ranked=name is not None) if cursor else None
    except BadCursor as exc:
        raise Problem(422, "invalid-cursor", "Invalid cursor", str(exc)) from exc
    search = Search(
        partner=scope,
        name=name,
        role=role,
        group=group,
        language=language,
        registered_from=registered_from,
        registered_to=registered_to,
    )
    rows = await page_of_participants(session, search, after, limit + 1)
    page, more = rows[:limit], len(rows) > limit
    await audit(session, caller, "participant.listed", [p.id for p, _ in page], READ_FIELDS)
    last = Cursor(page[-1][0].registered_at, page[-1][0].id, page[-1][1]) if page else None
    return ParticipantPage(
        items=[ParticipantOut.model_validate(p) for p, _ in page],
        next_cursor=last.encode() if more and last else None,
    )


def _partner_scope(caller: Principal, partner: str | None) -> str | None:
    if caller.is_admin:
        return partner
    if partner is not None:
        ensure_partner(caller, partner)
    return caller.partner
