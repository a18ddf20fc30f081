"""The public dashboard: static files shipped in the package (no CDN), one page per partner."""

from functools import lru_cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from markdown_it import MarkdownIt

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


@lru_cache
def _disclosure_page() -> bytes:
    text = resources.files(__package__).joinpath("disclosure.md").read_text("utf-8")
    body = MarkdownIt("commonmark").enable("table").render(text)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>How the MILAGRO observatory protects the people behind its figures</title>"
        '<link rel="stylesheet" href="/dashboard/assets/style.css"></head>'
        f'<body><main id="main" class="wrap doc">{body}'
        '<p><a href="/dashboard/">Back to the dashboard</a></p></main></body></html>'
    ).encode()


@router.get("/dashboard/disclosure")
async def disclosure() -> Response:
    """The threat model and the disclosure-control method (the dashboard links here)."""
    return Response(
        _disclosure_page(),
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


@router.get("/dashboard/assets/{name}")
async def asset(name: str) -> Response:
    if name not in _FILES:
        raise Problem(404, "not-found", "Not found")
    return Response(
        _read(name), media_type=_FILES[name], headers={"Cache-Control": "public, max-age=300"}
    )
