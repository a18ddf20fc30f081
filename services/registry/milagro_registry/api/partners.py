"""Partners: the consortium's organisations (admins register them)."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, status
from sqlalchemy import select

from milagro_contracts.registry import PartnerRegistered
from milagro_kit.auth import AUTH_RESPONSES, Caller, ensure_partner
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Outbox, Session
from milagro_registry.api.access import Admin
from milagro_registry.api.schemas import PartnerIn, PartnerList, PartnerOut
from milagro_registry.store import Partner

router = APIRouter(prefix="/v1/partners", tags=["partners"])
PartnerCodePath = Annotated[str, Path(pattern=r"^[A-Z]{2}-[A-Z0-9]{2,12}$", examples=["IT-SIENA"])]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PartnerOut,
    responses=AUTH_RESPONSES | problem_responses(409, 413, 422),
    summary="Register a partner (admins)",
)
async def register_partner(
    body: PartnerIn, caller: Admin, session: Session, outbox: Outbox
) -> Partner:
    if await session.get(Partner, body.code) is not None:
        raise Problem(409, "partner-exists", "Partner exists", f"{body.code} is registered")
    partner = Partner(**body.model_dump(), registered_at=datetime.now(UTC))
    session.add(partner)
    await session.flush()
    event = PartnerRegistered(
        partner=body.code, name=body.name, kind=body.kind, country=body.country, city=body.city
    )
    await outbox.record(event, aggregate=f"partner:{body.code}")
    return partner


@router.get(
    "",
    response_model=PartnerList,
    responses=AUTH_RESPONSES,
    summary="Every partner (admins)",
)
async def list_partners(caller: Admin, session: Session) -> PartnerList:
    rows = (await session.execute(select(Partner).order_by(Partner.code))).scalars()
    return PartnerList(items=[PartnerOut.model_validate(row) for row in rows])


@router.get(
    "/{code}",
    response_model=PartnerOut,
    responses=AUTH_RESPONSES | problem_responses(404, 422),
    summary="One partner (its own people, and admins)",
)
async def read_partner(code: PartnerCodePath, caller: Caller, session: Session) -> Partner:
    ensure_partner(caller, code)
    partner = await session.get(Partner, code)
    if partner is None:
        raise Problem(404, "not-found", "Not found", f"no partner {code}")
    return partner
