"""FastAPI dependencies: one line gives a handler its verified caller, or answers 401/403.

from milagro_kit.auth import Caller, require, StaffRole

@router.get("/v1/things", responses=AUTH_RESPONSES)
async def things(caller: Annotated[Principal, require(StaffRole.staff)]) -> ...
"""

import logging
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from milagro_kit.auth.principal import Principal, StaffRole
from milagro_kit.auth.verify import AuthNotConfigured, InvalidToken, TokenVerifier
from milagro_kit.problems import Problem, problem_responses
from milagro_kit.settings import Settings, settings

log = logging.getLogger(__name__)

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    bearerFormat="JWT",
    description="A JWT from the identity provider (or `milagro token` in development)",
)

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = problem_responses(401, 403)
"""The error responses every protected route declares (add 404 etc. where they apply)."""


def _verifier(request: Request) -> TokenVerifier:
    state = request.app.state
    verifier: TokenVerifier | None = getattr(state, "token_verifier", None)
    if verifier is None:
        configured: Settings = getattr(state, "settings", None) or settings()
        try:
            verifier = TokenVerifier(configured)
        except AuthNotConfigured as exc:
            log.error("cannot verify tokens: %s", exc)
            raise Problem(503, "auth-not-configured", "Authentication is not configured") from exc
        state.token_verifier = verifier
    return verifier


def _unauthenticated(detail: str, error: str | None = "invalid_token") -> HTTPException:
    challenge = "Bearer" if error is None else f'Bearer error="{error}"'
    return HTTPException(401, detail=detail, headers={"WWW-Authenticate": challenge})


async def authenticate(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    """The verified caller of this request; 401 problem without a valid bearer token."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthenticated("a bearer token is required", error=None)
    try:
        principal = await _verifier(request).verify(credentials.credentials)
    except InvalidToken as exc:
        raise _unauthenticated(f"invalid token: {exc}") from exc
    request.state.principal = principal
    return principal


Caller = Annotated[Principal, Depends(authenticate)]
"""Any authenticated caller (person or service)."""


def require(*roles: StaffRole) -> Any:
    """A dependency admitting people holding one of `roles` (admins always); 403 otherwise."""

    async def check(caller: Caller) -> Principal:
        if not caller.has_any(*roles):
            wanted = ", ".join(sorted(r.value for r in roles)) or "admin"
            raise Problem(403, "forbidden", "Not allowed", f"this needs one of the roles: {wanted}")
        return caller

    return Depends(check)


def require_service(*names: str) -> Any:
    """A dependency admitting only service credentials (of the named services, if given)."""

    async def check(caller: Caller) -> Principal:
        if caller.service is None or (names and caller.service not in names):
            raise Problem(403, "forbidden", "Not allowed", "this is for platform services only")
        return caller

    return Depends(check)


def ensure_partner(caller: Principal, partner: str) -> None:
    """403 unless the caller may act for `partner` (use where the partner code is public)."""
    if not caller.may_access(partner):
        raise Problem(403, "forbidden", "Not allowed", "this belongs to another partner")
