"""Where summer camps are held: the partner locations first, then replications, as data.

A camp itself is an activity of kind `summer_camp` at one of these locations; closing it
publishes `camp.completed`.
"""

from datetime import UTC, datetime

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from milagro_contracts.event import PartnerCode
from milagro_events.access import Manager, Reader
from milagro_events.api.schemas import LocationId, Place, Title
from milagro_events.store import camp_locations
from milagro_kit.auth import AUTH_RESPONSES, ensure_partner
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.service import Session

router = APIRouter(prefix="/v1/camp-locations", tags=["summer camps"])


class CampLocationIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: LocationId
    partner: PartnerCode
    name: Title
    place: Place
    replication: bool = Field(
        False, description="A replication at a new place or partner, beyond the first three"
    )


class CampLocationOut(CampLocationIn):
    model_config = ConfigDict(from_attributes=True)

    added_at: datetime


class CampLocationList(BaseModel):
    items: list[CampLocationOut]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CampLocationOut,
    responses=AUTH_RESPONSES | problem_responses(409, 413, 422),
    summary="Add a place where summer camps are held",
)
async def add_camp_location(
    body: CampLocationIn, caller: Manager, session: Session
) -> CampLocationOut:
    ensure_partner(caller, body.partner)
    values = body.model_dump() | {"added_at": datetime.now(UTC)}
    statement = insert(camp_locations).values(values).on_conflict_do_nothing()
    if not (await session.execute(statement.returning(camp_locations.c.id))).first():
        raise Problem(409, "camp-location-exists", "Exists", f"{body.id!r} is taken")
    return CampLocationOut.model_validate(values)


@router.get(
    "",
    response_model=CampLocationList,
    responses=AUTH_RESPONSES,
    summary="Every camp location, with its partner",
    description="Locations are not personal: every partner sees every location, so a "
    "replication can be planned where another partner has held a camp.",
)
async def list_camp_locations(caller: Reader, session: Session) -> CampLocationList:
    rows = (await session.execute(select(camp_locations).order_by("added_at", "id"))).mappings()
    return CampLocationList.model_validate({"items": list(rows)})
