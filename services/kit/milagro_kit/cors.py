"""CORS: partners' browser front-ends calling a service from their own origin.

A service answers preflights (`OPTIONS` with `Origin` and `Access-Control-Request-Method`)
and marks its answers readable by the origins the deployment allows
(`MILAGRO_CORS_ORIGINS`, none by default), and by every origin on the paths it publishes
openly (`MILAGRO_CORS_PUBLIC_PATHS`: the observatory's public feeds). Tokens travel in
the `Authorization` header, never in cookies, so credentials are not allowed: a page can
only act with a token it holds itself. A request from another origin gets no CORS
headers, so the browser keeps the answer from that page; a preflight from it passes to
the app like any OPTIONS request (405).
"""

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE"
PUBLIC_METHODS = "GET, HEAD"
EXPOSED = "Location, ETag, Last-Modified, Link, Retry-After, Content-Disposition"
"""Answer headers a front-end may read besides the CORS-safelisted ones."""
MAX_AGE = "600"
"""Seconds a browser may reuse a preflight's answer."""


class Cors:
    """Answers preflights and adds CORS headers for allowed origins and public paths."""

    def __init__(self, app: ASGIApp, origins: list[str], public_paths: list[str]) -> None:
        self.app = app
        self.origins = frozenset(o.rstrip("/") for o in origins)
        self.public_paths = tuple(public_paths)

    def allowed(self, scope: Scope, origin: str) -> str | None:
        """The `Access-Control-Allow-Origin` for this request, or None if not allowed."""
        if self.public_paths and scope["path"].startswith(self.public_paths):
            return "*"
        return origin if origin in self.origins else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        allow = None if origin is None else self.allowed(scope, origin)
        if allow is None:
            await self.app(scope, receive, send)
            return
        asked = headers.get("access-control-request-method")
        if scope["method"] == "OPTIONS" and asked is not None:
            await self.preflight(allow, headers)(scope, receive, send)
            return

        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer = MutableHeaders(scope=message)
                answer["Access-Control-Allow-Origin"] = allow  # replaces a route's own
                answer["Access-Control-Expose-Headers"] = EXPOSED
                if allow != "*":
                    answer.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, marked)

    def preflight(self, allow: str, headers: Headers) -> Response:
        answer = {
            "Access-Control-Allow-Origin": allow,
            "Access-Control-Allow-Methods": PUBLIC_METHODS if allow == "*" else METHODS,
            "Access-Control-Max-Age": MAX_AGE,
        }
        if allow != "*":
            answer["Vary"] = "Origin"
        wanted = headers.get("access-control-request-headers")
        if wanted:
            # any header: what a request may carry is checked by the API, not by CORS
            answer["Access-Control-Allow-Headers"] = wanted
        return Response(status_code=204, headers=answer)
