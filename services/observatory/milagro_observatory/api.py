"""The observatory's public API."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from milagro_kit.service import Session
from milagro_observatory.store import participants_registered

router = APIRouter(prefix="/v1", tags=["indicators"])


class Cell(BaseModel):
    partner: str
    group: str
    value: int


class Figure(BaseModel):
    indicator: str
    title: str
    total: int
    cells: list[Cell]


@router.get(
    "/indicators/participants-registered",
    response_model=Figure,
    summary="Participants registered, by partner and group",
)
async def participants_registered_figure(session: Session) -> Figure:
    table = participants_registered
    rows = (
        await session.execute(
            select(table.c.partner, table.c.group, table.c.participants).order_by(
                table.c.partner, table.c.group
            )
        )
    ).all()
    cells = [Cell(partner=r.partner, group=r.group, value=r.participants) for r in rows]
    return Figure(
        indicator="participants-registered",
        title="Participants registered",
        total=sum(c.value for c in cells),
        cells=cells,
    )
