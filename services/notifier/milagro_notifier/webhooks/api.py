"""The webhooks API: a partner's coordinators (and admins) manage the partner's
subscriptions and read their delivery logs; another partner's answer 404."""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import AwareDatetime, BaseModel, Field, field_validator
from sqlalchemy import Row, delete, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from milagro_contracts import CATALOGUE
from milagro_contracts.event import PartnerCode
from milagro_kit.auth import AUTH_RESPONSES, Principal, StaffRole, ensure_partner, require
from milagro_kit.pages import cursor_after, next_cursor
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Session, settings_of
from milagro_notifier.store import webhook_attempts, webhook_deliveries, webhook_subscriptions
from milagro_notifier.webhooks import endpoints
from milagro_notifier.webhooks.fanout import EVERY_TYPE
from milagro_notifier.webhooks.settings import WebhookSettings
from milagro_notifier.webhooks.signing import new_secret

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
Coordinator = Annotated[Principal, require(StaffRole.coordinator)]
Settings = Annotated[WebhookSettings, Depends(settings_of)]
RESPONSES = AUTH_RESPONSES | problem_responses(404, 422)
subs = webhook_subscriptions
deliveries = webhook_deliveries
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
PRIVACY = (
    " A delivery's body is the event's CloudEvents envelope as it travels on the bus: "
    "pseudonymous ids and statistical attributes, never names or contact details."
)


URL_RULE = (
    "https (http only for 127.0.0.1 and localhost); not on the deployment's own networks "
    "unless it allows them"
)
TYPES_RULE = "CloudEvents types from the catalogue, or `*` for all"


class SubscriptionChange(BaseModel):
    url: str | None = Field(None, max_length=2000, description=URL_RULE)
    event_types: list[str] | None = Field(None, min_length=1, description=TYPES_RULE)

    @field_validator("url")
    @classmethod
    def _endpoint(cls, url: str | None) -> str | None:
        if url is None:
            return None
        parts = urlsplit(url)
        local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
        if not (parts.scheme == "https" and parts.hostname) and not local:
            raise ValueError("an https URL (http only to 127.0.0.1 or localhost)")
        return url

    @field_validator("event_types")
    @classmethod
    def _known(cls, types: list[str] | None) -> list[str] | None:
        unknown = set(types or ()) - set(CATALOGUE) - {EVERY_TYPE}
        if unknown:
            raise ValueError(f"not in the event catalogue: {', '.join(sorted(unknown))}")
        return sorted(set(types)) if types else None


class SubscriptionIn(SubscriptionChange):
    partner: PartnerCode
    url: str = Field(max_length=2000, description=URL_RULE)
    event_types: list[str] = Field(min_length=1, description=TYPES_RULE)


class SubscriptionOut(BaseModel):
    id: uuid.UUID
    partner: str
    url: str
    event_types: list[str]
    enabled: bool
    disabled_at: AwareDatetime | None
    disabled_reason: str | None
    previous_until: AwareDatetime | None = Field(
        description="Until when the secret replaced by the last rotation still signs deliveries"
    )
    created_at: AwareDatetime
    updated_at: AwareDatetime


class SubscriptionWithSecret(SubscriptionOut):
    secret: str = Field(description="`whsec_...`: shown now only; verify deliveries with it")


class DeliveryOut(BaseModel):
    id: uuid.UUID
    subscription_id: uuid.UUID
    event_id: uuid.UUID = Field(description="The `webhook-id` header: the same on every try")
    event_type: str
    state: Literal["pending", "delivered", "dead"]
    attempts: int = Field(description="Attempts since it was queued (or redelivered)")
    next_attempt_at: AwareDatetime | None
    last_status: int | None
    last_error: str | None
    created_at: AwareDatetime
    done_at: AwareDatetime | None


class AttemptOut(BaseModel):
    at: AwareDatetime
    status: int | None = Field(description="The HTTP status; null when no answer came")
    error: str | None
    duration_ms: int


class DeliveryDetail(DeliveryOut):
    log: list[AttemptOut] = Field(description="Every attempt, oldest first")


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None = Field(description="Give it as `cursor` for the next page")


async def subscription_of(session: AsyncSession, caller: Principal, id: uuid.UUID) -> Row[Any]:
    """The subscription, if the caller's partner owns it (404 otherwise, as if unknown)."""
    row = (await session.execute(select(subs).where(subs.c.id == id))).first()
    if row is None or not caller.may_access(row.partner):
        raise Problem(404, "not-found", "No such subscription")
    return row


async def reachable(url: str, settings: WebhookSettings) -> None:
    """422 for a URL on the deployment's own networks, unless they are allowed (SSRF)."""
    if settings.webhook_allow_internal_urls:
        return
    if (reason := await endpoints.refusal(url)) is not None:
        raise Problem(422, "internal-url", "Internal URL", f"{reason}: deliveries go elsewhere")


async def change(session: AsyncSession, id: uuid.UUID, **values: Any) -> Row[Any]:
    now = datetime.now(UTC)
    statement = update(subs).where(subs.c.id == id).values(updated_at=now, **values)
    row: Row[Any] = (await session.execute(statement.returning(subs))).one()
    return row


@router.post(
    "/subscriptions",
    status_code=status.HTTP_201_CREATED,
    response_model=SubscriptionWithSecret,
    responses=AUTH_RESPONSES | problem_responses(422),
    summary="Subscribe an endpoint to a partner's events",
    description="Deliveries are POSTed and signed per the Standard Webhooks specification "
    "(`webhook-id`, `webhook-timestamp`, `webhook-signature`); the secret is shown once." + PRIVACY,
)
async def subscribe(
    body: SubscriptionIn, caller: Coordinator, session: Session, settings: Settings
) -> Any:
    ensure_partner(caller, body.partner)
    await reachable(body.url, settings)
    now = datetime.now(UTC)
    row = body.model_dump() | {
        "id": uuid.uuid4(),
        "secret": new_secret(),
        "enabled": True,
        "created_at": now,
        "updated_at": now,
    }
    return (await session.execute(insert(subs).values(row).returning(subs))).one()


@router.get(
    "/subscriptions",
    response_model=list[SubscriptionOut],
    responses=AUTH_RESPONSES,
    summary="The subscriptions of the caller's partner (an admin: of all, or of `partner`)",
)
async def subscriptions(
    caller: Coordinator, session: Session, partner: PartnerCode | None = None
) -> Any:
    query = select(subs).order_by(subs.c.created_at, subs.c.id)
    if partner is not None:
        query = query.where(subs.c.partner == partner)
    if not caller.is_admin:
        query = query.where(subs.c.partner == caller.partner)
    return (await session.execute(query)).all()


@router.get(
    "/subscriptions/{id}",
    response_model=SubscriptionOut,
    responses=RESPONSES,
    summary="A subscription",
)
async def subscription(id: uuid.UUID, caller: Coordinator, session: Session) -> Any:
    return await subscription_of(session, caller, id)


@router.patch(
    "/subscriptions/{id}",
    response_model=SubscriptionOut,
    responses=RESPONSES,
    summary="Change a subscription's URL or event types",
)
async def update_subscription(
    id: uuid.UUID,
    body: SubscriptionChange,
    caller: Coordinator,
    session: Session,
    settings: Settings,
) -> Any:
    await subscription_of(session, caller, id)
    if body.url is not None:
        await reachable(body.url, settings)
    return await change(session, id, **body.model_dump(exclude_none=True))


@router.delete(
    "/subscriptions/{id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=RESPONSES,
    summary="Delete a subscription, its pending deliveries and its log",
)
async def unsubscribe(id: uuid.UUID, caller: Coordinator, session: Session) -> Response:
    await subscription_of(session, caller, id)
    await session.execute(delete(subs).where(subs.c.id == id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/subscriptions/{id}/disable",
    response_model=SubscriptionOut,
    responses=RESPONSES,
    summary="Stop deliveries; events meanwhile are not queued for it",
)
async def disable(id: uuid.UUID, caller: Coordinator, session: Session) -> Any:
    await subscription_of(session, caller, id)
    now = datetime.now(UTC)
    return await change(
        session, id, enabled=False, disabled_at=now, disabled_reason=f"by {caller.audit_name}"
    )


@router.post(
    "/subscriptions/{id}/enable",
    response_model=SubscriptionOut,
    responses=RESPONSES,
    summary="Deliver again: deliveries left pending are sent at once",
)
async def enable(id: uuid.UUID, caller: Coordinator, session: Session) -> Any:
    await subscription_of(session, caller, id)
    await session.execute(
        update(deliveries)
        .where(deliveries.c.subscription_id == id, deliveries.c.state == "pending")
        .values(next_attempt_at=datetime.now(UTC))
    )
    return await change(
        session, id, enabled=True, disabled_at=None, disabled_reason=None, failing_since=None
    )


@router.post(
    "/subscriptions/{id}/rotate-secret",
    response_model=SubscriptionWithSecret,
    responses=RESPONSES,
    summary="A new secret; the old one keeps signing deliveries for a grace period",
    description="During the grace period (`previous_until`, 24 h by default) every delivery "
    "carries a signature with each secret, so receivers can switch at any moment.",
)
async def rotate_secret(
    id: uuid.UUID, caller: Coordinator, session: Session, settings: Settings
) -> Any:
    old = await subscription_of(session, caller, id)
    until = datetime.now(UTC) + settings.webhook_grace
    return await change(
        session, id, secret=new_secret(), previous_secret=old.secret, previous_until=until
    )


@router.get(
    "/subscriptions/{id}/deliveries",
    response_model=DeliveryPage,
    responses=RESPONSES,
    summary="The delivery log of a subscription, newest first",
    description="Keyset pages; `state=dead` lists the deliveries that exhausted their retries "
    "(replay them with `redeliver`).",
)
async def delivery_log(
    id: uuid.UUID,
    caller: Coordinator,
    session: Session,
    state: Literal["pending", "delivered", "dead"] | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Any:
    await subscription_of(session, caller, id)
    query = (
        select(deliveries)
        .where(deliveries.c.subscription_id == id)
        .order_by(deliveries.c.created_at.desc(), deliveries.c.id.desc())
        .limit(limit + 1)
    )
    if state is not None:
        query = query.where(deliveries.c.state == state)
    after = cursor_after(cursor)
    if after is not None:
        query = query.where(
            tuple_(deliveries.c.created_at, deliveries.c.id) < tuple_(after.at, after.id)
        )
    rows = [r._mapping for r in (await session.execute(query)).all()]
    return {"items": rows[:limit], "next_cursor": next_cursor(rows, limit, "created_at")}


async def delivery_of(session: AsyncSession, caller: Principal, id: uuid.UUID) -> Row[Any]:
    row = (
        await session.execute(
            select(deliveries, subs.c.partner)
            .join(subs, subs.c.id == deliveries.c.subscription_id)
            .where(deliveries.c.id == id)
        )
    ).first()
    if row is None or not caller.may_access(row.partner):
        raise Problem(404, "not-found", "No such delivery")
    return row


@router.get(
    "/deliveries/{id}",
    response_model=DeliveryDetail,
    responses=RESPONSES,
    summary="A delivery and every attempt at it",
)
async def delivery(id: uuid.UUID, caller: Coordinator, session: Session) -> Any:
    row = await delivery_of(session, caller, id)
    log = (
        await session.execute(
            select(webhook_attempts)
            .where(webhook_attempts.c.delivery_id == id)
            .order_by(webhook_attempts.c.id)
        )
    ).all()
    return {**row._mapping, "log": log}


@router.post(
    "/deliveries/{id}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=DeliveryOut,
    responses=RESPONSES,
    summary="Send a delivery again (a dead one, or one already delivered), with a fresh "
    "retry schedule",
)
async def redeliver(id: uuid.UUID, caller: Coordinator, session: Session) -> Any:
    await delivery_of(session, caller, id)
    statement = (
        update(deliveries)
        .where(deliveries.c.id == id)
        .values(state="pending", attempts=0, next_attempt_at=datetime.now(UTC), done_at=None)
        .returning(deliveries)
    )
    return (await session.execute(statement)).one()
