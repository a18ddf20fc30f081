"""`milagro token`: a development bearer token, signed with this machine's local key."""

import re
import sys

from milagro_kit.auth.principal import StaffRole
from milagro_platform.local import Local

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_ttl(text: str) -> int:
    """Seconds from `90`, `90s`, `15m`, `8h` or `7d`."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", text)
    if not match:
        raise ValueError(f"not a duration: {text!r} (try 15m, 8h, 7d)")
    return int(match[1]) * _UNITS[match[2] or "s"]


def run(
    *,
    partner: str | None,
    roles: list[str],
    service: str | None,
    ttl: str,
    subject: str | None,
    participant: str | None = None,
) -> int:
    unknown = [r for r in roles if r not in {s.value for s in StaffRole}]
    if unknown:
        print(f"unknown role {unknown[0]!r}; roles: {', '.join(StaffRole)}", file=sys.stderr)
        return 2
    if service is None and partner is None and StaffRole.admin not in roles:
        print("a person's token needs --partner (or --role admin)", file=sys.stderr)
        return 2
    try:
        seconds = parse_ttl(ttl)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    mint = Local().mint()
    claims = {"participant": participant} if participant else {}
    print(
        mint.token(
            partner=partner, roles=roles, service=service, subject=subject, ttl_s=seconds, **claims
        )
    )
    return 0
