"""The notifier's API: dead letters, preferences, partner contacts, unsubscribe links."""

import uuid
from datetime import UTC, datetime
from html import escape
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert

from milagro_kit.auth import AUTH_RESPONSES, Principal, StaffRole, ensure_partner, require
from milagro_kit.auth.verify import PARTNER_CODE
from milagro_kit.problems import not_found, problem_responses
from milagro_kit.service import Session, settings_of
from milagro_notifier import unsubscribe
from milagro_notifier.dispatch import ALL_KINDS, zone_of
from milagro_notifier.queue import CHANNEL
from milagro_notifier.settings import NotifierSettings
from milagro_notifier.store import notifications, opt_outs, participants, partner_contacts
from milagro_notifier.templates import LANGUAGES, page_texts

router = APIRouter(tags=["notifier"])

Coordinator = Annotated[Principal, require(StaffRole.coordinator)]
Staff = Annotated[Principal, require(StaffRole.coordinator, StaffRole.staff)]
Kind = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^(\*|[a-z_]+)$")]


class DeadLetter(BaseModel):
    id: uuid.UUID
    kind: str
    partner: str
    participant_id: uuid.UUID | None
    attempts: int
    last_error: str | None
    created_at: datetime


@router.get(
    "/v1/dead-letters",
    response_model=list[DeadLetter],
    responses=AUTH_RESPONSES,
    summary="E-mails that exhausted their retries (the caller's partner; admins: all)",
)
async def dead_letters(caller: Coordinator, session: Session) -> list[DeadLetter]:
    query = select(notifications).where(notifications.c.state == "dead")
    if not caller.is_admin:
        query = query.where(notifications.c.partner == caller.partner)
    rows = await session.execute(query.order_by(notifications.c.created_at).limit(1000))
    return [DeadLetter.model_validate(r, from_attributes=True) for r in rows]


@router.post(
    "/v1/dead-letters/{notification_id}/replay",
    status_code=202,
    responses=AUTH_RESPONSES | problem_responses(404),
    summary="Send a dead letter again, with a fresh set of retries",
)
async def replay(notification_id: uuid.UUID, caller: Coordinator, session: Session) -> None:
    table = notifications
    query = select(table.c.partner).where(table.c.id == notification_id, table.c.state == "dead")
    partner = (await session.execute(query)).scalar()
    if partner is None or not caller.may_access(partner):
        raise not_found("dead letter")
    await session.execute(
        update(table)
        .where(table.c.id == notification_id)
        .values(state="pending", attempts=0, due_at=func.now(), done_at=None)
    )
    await session.execute(select(func.pg_notify(CHANNEL, "")))


class Preferences(BaseModel):
    opted_out: list[Kind] = Field(
        default_factory=list, max_length=50, description='Kinds not wanted ("*": no e-mail)'
    )


async def _person_of(session: Session, caller: Principal, participant_id: uuid.UUID) -> None:
    person = (await participants.look_up(session, [participant_id])).people.get(participant_id)
    if person is None:
        raise not_found("participant")
    ensure_partner(caller, person.partner)


@router.get(
    "/v1/participants/{participant_id}/preferences",
    response_model=Preferences,
    responses=AUTH_RESPONSES | problem_responses(404),
    summary="The kinds of e-mail a participant does not want",
)
async def preferences(participant_id: uuid.UUID, caller: Staff, session: Session) -> Preferences:
    await _person_of(session, caller, participant_id)
    query = select(opt_outs.c.kind).where(opt_outs.c.participant_id == participant_id)
    return Preferences(opted_out=sorted((await session.execute(query)).scalars()))


async def _opt_out(session: Session, participant_id: uuid.UUID, kinds: list[str]) -> None:
    rows = [{"participant_id": participant_id, "kind": k, "at": datetime.now(UTC)} for k in kinds]
    if rows:
        await session.execute(insert(opt_outs).values(rows).on_conflict_do_nothing())


@router.put(
    "/v1/participants/{participant_id}/preferences",
    response_model=Preferences,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="Set the kinds of e-mail a participant does not want",
)
async def set_preferences(
    participant_id: uuid.UUID, body: Preferences, caller: Staff, session: Session
) -> Preferences:
    await _person_of(session, caller, participant_id)
    await session.execute(delete(opt_outs).where(opt_outs.c.participant_id == participant_id))
    await _opt_out(session, participant_id, sorted(set(body.opted_out)))
    return Preferences(opted_out=sorted(set(body.opted_out)))


PartnerCode = Annotated[str, Path(pattern=f"^{PARTNER_CODE.pattern}$", examples=["IT-SIENA"])]


class PartnerContact(BaseModel):
    email: EmailStr
    language: str = Field("en", pattern=f"^({'|'.join(LANGUAGES)})$")
    time_zone: str = Field("UTC", max_length=64)


class PartnerContacts(BaseModel):
    contacts: list[PartnerContact] = Field(max_length=20)


@router.get(
    "/v1/partners/{code}/contacts",
    response_model=PartnerContacts,
    responses=AUTH_RESPONSES,
    summary="Where the partner's coordinators are written to",
)
async def contacts(code: PartnerCode, caller: Coordinator, session: Session) -> PartnerContacts:
    ensure_partner(caller, code)
    query = select(partner_contacts).where(partner_contacts.c.partner == code)
    rows = await session.execute(query.order_by(partner_contacts.c.email))
    return PartnerContacts(
        contacts=[
            PartnerContact(email=r.email, language=r.language, time_zone=r.time_zone) for r in rows
        ]
    )


@router.put(
    "/v1/partners/{code}/contacts",
    response_model=PartnerContacts,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="Replace where the partner's coordinators are written to",
)
async def set_contacts(
    code: PartnerCode, body: PartnerContacts, caller: Coordinator, session: Session
) -> PartnerContacts:
    ensure_partner(caller, code)
    table = partner_contacts
    await session.execute(delete(table).where(table.c.partner == code))
    unique = {c.email.lower(): c for c in body.contacts}
    rows = [
        {
            "partner": code,
            "email": email,
            "language": c.language,
            "time_zone": zone_of(c.time_zone),
            "added_at": datetime.now(UTC),
        }
        for email, c in unique.items()
    ]
    if rows:
        await session.execute(insert(table).values(rows))
    return await contacts(code, caller, session)


_PAGE = """<!doctype html><html lang="{language}"><head><meta charset="utf-8"><title>{title}</title>
</head><body style="font-family: sans-serif"><p>{message}</p>{form}</body></html>"""
_FORM = """<form method="post"><button name="scope" value="kind">{this_kind}</button>
<button name="scope" value="all">{everything}</button></form>"""


def _page(language: str | None, message: str, form: bool) -> HTMLResponse:
    """The unsubscribe page in the e-mail's language (English when it has none)."""
    texts = {k: escape(v) for k, v in page_texts(language).items()}
    return HTMLResponse(
        _PAGE.format(
            language=language if language in LANGUAGES else "en",
            title=texts["title"],
            message=texts[message],
            form=_FORM.format(**texts) if form else "",
        )
    )


def _signed(request: Request, token: str) -> tuple[uuid.UUID, str, str | None]:
    settings: NotifierSettings = settings_of(request)
    found = unsubscribe.read(settings.unsubscribe_secret.get_secret_value(), token)
    if found is None:
        raise not_found("unsubscribe link")
    return found


@router.get(
    "/v1/unsubscribe/{token}",
    response_class=HTMLResponse,
    responses=problem_responses(404),
    summary="The page of an unsubscribe link (no log-in): asks before changing anything",
)
async def unsubscribe_page(token: str, request: Request) -> HTMLResponse:
    # a GET changes nothing: mail scanners follow links
    _, _, language = _signed(request, token)
    return _page(language, "question", form=True)


@router.post(
    "/v1/unsubscribe/{token}",
    response_class=HTMLResponse,
    responses=problem_responses(404),
    summary="Unsubscribe (no log-in): one-click (RFC 8058), or the page's form",
)
async def unsubscribe_now(token: str, request: Request, session: Session) -> HTMLResponse:
    participant_id, kind, language = _signed(request, token)
    scope = parse_qs((await request.body()).decode(errors="replace")).get("scope", ["kind"])[0]
    await _opt_out(session, participant_id, [ALL_KINDS if scope == "all" else kind])
    return _page(language, "done", form=False)
