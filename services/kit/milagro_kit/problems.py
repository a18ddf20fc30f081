"""RFC 9457 problem details: every error a client sees is application/problem+json."""

import logging
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from milagro_kit.database import unreachable

log = logging.getLogger(__name__)

PROBLEM_BASE = "https://milagroproject.eu/problems/"
MEDIA_TYPE = "application/problem+json"


class ProblemDetails(BaseModel):
    """The body of every error response (RFC 9457)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A URI naming the kind of problem")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


class Problem(Exception):
    """Raise from any handler to answer with a problem+json response.

    `kind` becomes the type URI (`https://milagroproject.eu/problems/<kind>`), stable so
    clients can act on it; `headers` go on the response (e.g. `Retry-After`); extra
    keyword arguments become extension members.
    """

    def __init__(
        self,
        status: int,
        kind: str,
        title: str,
        detail: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.headers = headers
        self.extensions = extensions


class Refusal(Problem):
    """A domain rule refusing a step, raised from a pure module of rules and answered like
    any Problem: 409 when the state of things forbids it (`conflict`), 422 when the request
    is wrong; the title is the slug in words."""

    def __init__(
        self,
        slug: str,
        detail: str,
        *,
        conflict: bool = True,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        title = slug.replace("-", " ").capitalize()
        status = 409 if conflict else 422
        super().__init__(status, slug, title, detail, headers=headers, **extensions)
        self.slug = slug
        self.conflict = conflict


REFUSALS = (404, 409, 413, 422)
"""What a route that applies domain rules may answer besides 401/403."""

_TITLES = {
    400: ("bad-request", "Bad request"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    413: ("body-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("invalid-input", "Invalid input"),
    503: ("unavailable", "Service unavailable"),
}


def problem_response(
    request: Request | None,
    status: int,
    kind: str,
    title: str,
    detail: str | None = None,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body: dict[str, Any] = {"type": PROBLEM_BASE + kind, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if request is not None:
        body["instance"] = request.url.path
    body.update(extensions)
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the given error statuses, for a route decorator."""
    schema = ProblemDetails.model_json_schema()
    return {
        status: {
            "description": _TITLES.get(status, ("error", "Error"))[1],
            "content": {MEDIA_TYPE: {"schema": schema}},
        }
        for status in statuses
    }


class Outage:
    """Requests refused while a dependency is unreachable, logged once per outage rather
    than once per request (a busy service would write hundreds of lines a second): the
    first refusal is a warning; the next ones are counted, and an outage ends when none
    came for `quiet_s`."""

    def __init__(self, what: str, quiet_s: float = 10.0) -> None:
        self.what = what
        self.quiet_s = quiet_s
        self.refused = 0
        self.last = -quiet_s

    def refuse(self, request: Request, exc: BaseException) -> None:
        now = time.monotonic()
        if now - self.last >= self.quiet_s:
            self.refused = 0
            log.warning(
                "%s unreachable (%r, on %s %s): answering 503 until it is back",
                self.what,
                exc,
                request.method,
                request.url.path,
            )
        self.refused += 1
        self.last = now


METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> str:
    """Every method a route of the request's path takes (FastAPI makes one route per
    method, and Starlette's own 405 names only the first route's methods)."""
    routes = request.app.router.routes
    return ", ".join(
        method
        for method in METHODS
        if any(r.matches({**request.scope, "method": method})[0] is Match.FULL for r in routes)
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Turn every error, including validation and unexpected ones, into problem+json."""
    database_outage = Outage("database")

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(
            request,
            exc.status,
            exc.kind,
            exc.title,
            exc.detail,
            headers=exc.headers,
            **exc.extensions,
        )

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {"location": list(map(str, e["loc"])), "message": e["msg"], "code": e["type"]}
            for e in exc.errors()
        ]
        if any(e["code"] == "json_invalid" for e in errors):  # nothing to validate
            return problem_response(
                request, 400, "bad-request", "Bad request", "the body is not valid JSON"
            )
        detail = "; ".join(f"{'.'.join(e['location'])}: {e['message']}" for e in errors[:5])
        return problem_response(
            request, 422, "invalid-input", "Invalid input", detail, errors=errors
        )

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        kind, title = _TITLES.get(exc.status_code, ("http-error", "HTTP error"))
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem_response(request, exc.status_code, kind, title, detail, headers=headers)

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, "internal", "Internal error")

    async def on_database(request: Request, exc: Exception) -> JSONResponse:
        # The pool does not ping before each checkout (database.py): a connection lost
        # with a restarted server fails here once, and the client's retry gets a new one.
        if not unreachable(exc):
            return await on_unexpected(request, exc)
        database_outage.refuse(request, exc)
        return problem_response(
            request,
            503,
            "unavailable",
            "Service unavailable",
            "the database did not answer; retry shortly",
            headers={"Retry-After": "1"},
        )

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(HTTPException, on_http)
    app.add_exception_handler(DBAPIError, on_database)
    app.add_exception_handler(PoolTimeout, on_database)
    app.add_exception_handler(OSError, on_database)
    # Keyed `Exception`, a handler runs in Starlette's outermost middleware, which raises
    # the error again after the 500 is sent, and uvicorn then drops the connection: it
    # only takes errors of the middleware themselves. The app's own reach `Unexpected`.
    app.add_exception_handler(Exception, on_unexpected)
    app.add_middleware(Unexpected)  # the innermost: middleware added later wrap it


class Unexpected:
    """Answers an error that no handler took (a bug) with a 500 problem, and keeps the
    connection: raised on to the server, the error would make it close the connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception:
            if started:  # half a response: only closing the connection can end it
                raise
            request = Request(scope)
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            response = problem_response(request, 500, "internal", "Internal error")
            await response(scope, receive, send)


class BodySizeLimit:
    """Refuses request bodies over a limit with 413, before the app reads them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            None,
            413,
            "body-too-large",
            "Request body too large",
            f"the limit is {self.max_bytes} bytes",
        )
        await response(scope, receive, send)


def not_found(what: str) -> Problem:
    """404 for a record that is unknown, or another partner's (existence never leaks)."""
    return Problem(404, "not-found", "Not found", f"no such {what}")
