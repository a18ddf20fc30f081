"""Access control for every MILAGRO API: bearer JWTs, roles and partner tenancy.

A route takes its caller with one dependency: `Caller` (any valid token),
`require(StaffRole.coordinator, ...)` (those roles, admins always) or
`require_service("notifier")` (service credentials). Tenancy: `Principal.may_access`
and `ensure_partner`. Errors are problem+json: 401 with `WWW-Authenticate: Bearer`, 403.
"""

from milagro_kit.auth.dependencies import (
    AUTH_RESPONSES,
    Caller,
    authenticate,
    bearer,
    ensure_partner,
    require,
    require_service,
)
from milagro_kit.auth.principal import Principal, StaffRole
from milagro_kit.auth.verify import AuthNotConfigured, InvalidToken, TokenVerifier, principal_of

__all__ = [
    "AUTH_RESPONSES",
    "AuthNotConfigured",
    "Caller",
    "InvalidToken",
    "Principal",
    "StaffRole",
    "TokenVerifier",
    "authenticate",
    "bearer",
    "ensure_partner",
    "principal_of",
    "require",
    "require_service",
]
