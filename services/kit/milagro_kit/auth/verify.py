"""Bearer token verification: signature, issuer, audience, expiry, and the MILAGRO claims."""

import asyncio
import logging
import re
import time
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from jwt import PyJWKClient

from milagro_kit.auth.principal import SERVICE_ROLE_PREFIX, Principal, StaffRole
from milagro_kit.settings import Settings

log = logging.getLogger(__name__)
PARTNER_CODE = re.compile(r"[A-Z]{2}-[A-Z0-9]{2,12}")


class InvalidToken(Exception):
    """The token cannot be trusted; the message says why (safe to show the caller)."""


class AuthNotConfigured(Exception):
    """Neither a JWKS URL nor a public key is configured."""


class TokenVerifier:
    """Verifies tokens against a JWKS URL (keys cached) or one configured public key.

    A verified token is remembered (a bounded map, oldest out first) until it expires or,
    at most, for as long as the key set is cached: a front-end sends the same token with
    every request, and checking its signature again each time cost a twentieth of a
    registration's CPU (issue 16). The cost: a key withdrawn from the JWKS stops
    admitting tokens already seen up to `auth_jwks_cache_s` later, as the key cache
    already allowed."""

    REMEMBERED = 10_000

    def __init__(self, settings: Settings) -> None:
        self._verified: dict[str, tuple[float, Principal]] = {}
        self._remember_s = float(settings.auth_jwks_cache_s)
        self.issuer = settings.auth_issuer
        self.audience = settings.auth_audience
        self.algorithms = settings.auth_algorithms
        self.leeway = settings.auth_leeway_s
        self._jwks: PyJWKClient | None = None
        self._key: Any = None
        if settings.auth_jwks_url:
            self._jwks = PyJWKClient(
                settings.auth_jwks_url,
                cache_keys=True,
                lifespan=settings.auth_jwks_cache_s,
                timeout=5,  # a request waits for this at most when the key set is refetched
            )
        elif settings.auth_public_key or settings.auth_public_key_file:
            pem = settings.auth_public_key or Path(str(settings.auth_public_key_file)).read_text()
            self._key = load_pem_public_key(pem.encode())
        else:
            raise AuthNotConfigured(
                "set MILAGRO_AUTH_JWKS_URL, MILAGRO_AUTH_PUBLIC_KEY or MILAGRO_AUTH_PUBLIC_KEY_FILE"
            )

    async def verify(self, token: str) -> Principal:
        """The principal of a valid token; `InvalidToken` otherwise."""
        now = time.time()
        known = self._verified.get(token)
        if known is not None:
            if now < known[0]:
                return known[1]
            del self._verified[token]
        claims = await self._claims(token)
        principal = principal_of(claims)
        if len(self._verified) >= self.REMEMBERED:
            del self._verified[next(iter(self._verified))]
        until = min(claims["exp"] + self.leeway, now + self._remember_s)
        self._verified[token] = (until, principal)
        return principal

    async def _claims(self, token: str) -> dict[str, Any]:
        try:
            if self._jwks is not None:
                # the JWKS client blocks on its first fetch and on unknown key ids
                key: Any = await asyncio.to_thread(self._jwks.get_signing_key_from_jwt, token)
            else:
                key = self._key
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=self.algorithms,
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.PyJWKClientError as exc:
            log.warning("JWKS lookup failed: %s", exc)
            raise InvalidToken("the token's signing key is unknown") from exc
        except jwt.InvalidTokenError as exc:
            raise InvalidToken(str(exc) or type(exc).__name__) from exc
        except jwt.PyJWTError as exc:  # e.g. a key that does not fit the token's algorithm
            raise InvalidToken("the token's signature cannot be verified") from exc
        return claims


def principal_of(claims: dict[str, Any]) -> Principal:
    """The principal named by verified claims; `InvalidToken` when claims are missing."""
    subject = str(claims.get("sub"))[:200]
    partner = claims.get("partner")
    raw_roles = claims.get("roles", [])
    service = claims.get("service")
    if not isinstance(raw_roles, list) or not all(isinstance(r, str) for r in raw_roles):
        raise InvalidToken("the roles claim must be a list of strings")
    if service is None:
        service = next(
            (
                r.removeprefix(SERVICE_ROLE_PREFIX)
                for r in raw_roles
                if r.startswith(SERVICE_ROLE_PREFIX)
            ),
            None,
        )
    if service is not None:
        if not isinstance(service, str) or not re.fullmatch(r"[a-z][a-z0-9-]{0,39}", service):
            raise InvalidToken("the service claim must be a service name")
        return Principal(subject=subject, service=service, claims=claims)
    if "roles" not in claims:
        raise InvalidToken('the token has no "roles" claim')
    known = {r.value for r in StaffRole}
    roles = frozenset(StaffRole(r) for r in raw_roles if r in known)
    if partner is not None and not (isinstance(partner, str) and PARTNER_CODE.fullmatch(partner)):
        raise InvalidToken("the partner claim must be a partner code")
    if partner is None and StaffRole.admin not in roles:
        raise InvalidToken('the token has no "partner" claim')
    return Principal(subject=subject, partner=partner, roles=roles, claims=claims)
