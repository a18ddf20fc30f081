"""The public dashboard: static files shipped in the package (no CDN), one page per partner."""

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response

from milagro_kit.problems import Problem

router = APIRouter(include_in_schema=False)

_FILES = {
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}


def _read(name: str) -> bytes:
    return resources.files(__package__).joinpath("dashboard", name).read_bytes()


def _page() -> Response:
    return Response(
        _read("index.html"),
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-cache"},
    )


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse("/dashboard/")


@router.get("/dashboard/")
async def dashboard() -> Response:
    return _page()


@router.get("/dashboard/partners/{code}")
async def partner_page(code: str) -> Response:
    return _page()


@router.get("/dashboard/assets/{name}")
async def asset(name: str) -> Response:
    if name not in _FILES:
        raise Problem(404, "not-found", "Not found")
    return Response(
        _read(name), media_type=_FILES[name], headers={"Cache-Control": "public, max-age=300"}
    )
