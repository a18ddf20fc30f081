"""The open directory of the coaching community: every academy and its offer, in
aggregate (languages, topics, open places, the waiting list's length), nothing personal,
as JSON and CSV, with no token, so other coaching communities and partners can find and
refer to them."""

import csv
import io
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from milagro_coaching.store import academies, coaches, matches, newcomers
from milagro_kit.service import Session

router = APIRouter(prefix="/v1/open-directory", tags=["open directory"])


class Offer(BaseModel):
    academy_id: str
    partner: str
    name: str
    city: str
    time_zone: str
    opened_at: datetime
    coaches: int = Field(description="Coaches taking newcomers now")
    languages: list[str] = Field(description="Languages those coaches coach in (ISO 639)")
    topics: list[str]
    open_places: int = Field(description="Newcomers they can take on now")
    waiting: int = Field(description="Newcomers on the waiting list")


class Directory(BaseModel):
    academies: list[Offer]


async def _offers(session: Session) -> list[Offer]:
    taken = (
        select(func.count())
        .where(matches.c.coach_id == coaches.c.id)
        .where(matches.c.state == "accepted")
        .scalar_subquery()
    )
    available = (
        select(
            coaches.c.academy_id,
            func.count().label("coaches"),
            func.sum(func.greatest(coaches.c.capacity - taken, 0)).label("open_places"),
        )
        .where(coaches.c.state == "available")
        .group_by(coaches.c.academy_id)
        .subquery()
    )
    waiting = (
        select(newcomers.c.academy_id, func.count().label("waiting"))
        .where(newcomers.c.state == "waiting")
        .group_by(newcomers.c.academy_id)
        .subquery()
    )
    query = (
        select(
            academies,
            func.coalesce(available.c.coaches, 0).label("coaches"),
            func.coalesce(available.c.open_places, 0).label("open_places"),
            func.coalesce(waiting.c.waiting, 0).label("waiting"),
        )
        .outerjoin(available, available.c.academy_id == academies.c.id)
        .outerjoin(waiting, waiting.c.academy_id == academies.c.id)
        .order_by(academies.c.opened_at, academies.c.id)
    )
    rows = (await session.execute(query)).mappings().all()
    labels = await _labels(session)
    return [
        Offer(
            academy_id=str(r["id"]),
            partner=r["partner"],
            name=r["name"],
            city=r["city"],
            time_zone=r["time_zone"],
            opened_at=r["opened_at"],
            coaches=r["coaches"],
            languages=labels.get(r["id"], ([], []))[0],
            topics=labels.get(r["id"], ([], []))[1],
            open_places=int(r["open_places"]),
            waiting=r["waiting"],
        )
        for r in rows
    ]


async def _labels(session: Session) -> dict[Any, tuple[list[str], list[str]]]:
    """Each academy's languages and topics over its available coaches."""
    query = select(coaches.c.academy_id, coaches.c.languages, coaches.c.topics).where(
        coaches.c.state == "available"
    )
    found: dict[Any, tuple[set[str], set[str]]] = {}
    for academy_id, languages, topics in (await session.execute(query)).all():
        spoken, covered = found.setdefault(academy_id, (set(), set()))
        spoken.update(languages)
        covered.update(topics)
    return {a: (sorted(s), sorted(t)) for a, (s, t) in found.items()}


@router.get("", response_model=Directory, summary="Every academy's offer (no token needed)")
async def open_directory(session: Session) -> Directory:
    return Directory(academies=await _offers(session))


@router.get(
    ".csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
    summary="The same, as CSV (lists joined by spaces)",
)
async def open_directory_csv(session: Session) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(Offer.model_fields)
    for offer in await _offers(session):
        row = offer.model_dump(mode="json")
        writer.writerow(" ".join(v) if isinstance(v, list) else v for v in row.values())
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
