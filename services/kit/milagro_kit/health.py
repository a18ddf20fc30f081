"""Liveness and readiness: /healthz says the process is alive, /readyz that it can work."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from milagro_kit.problems import problem_response


class Health(BaseModel):
    status: str
    checks: dict[str, str] = {}


router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health, summary="The process is alive")
async def healthz() -> Health:
    return Health(status="alive")


@router.get(
    "/readyz",
    response_model=Health,
    summary="The database and the bus are reachable",
    responses={503: {"description": "Not ready", "content": {"application/problem+json": {}}}},
)
async def readyz(request: Request) -> Health | JSONResponse:
    checks: dict[str, str] = {}
    try:
        await request.app.state.database.ping()
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
    nc = getattr(request.app.state, "nats", None)
    checks["bus"] = "ok" if nc is not None and nc.is_connected else "unreachable"
    if all(value == "ok" for value in checks.values()):
        return Health(status="ready", checks=checks)
    return problem_response(request, 503, "not-ready", "Not ready", checks=checks)
