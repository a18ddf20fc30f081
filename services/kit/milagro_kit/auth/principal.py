"""Who is calling: the verified claims of a bearer token, as the programme names them."""

import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class StaffRole(StrEnum):
    """The roles a partner's people hold in the platform (the `roles` claim)."""

    admin = "admin"
    coordinator = "coordinator"
    staff = "staff"
    mediator = "mediator"
    coach = "coach"
    researcher = "researcher"
    newcomer = "newcomer"
    """A newcomer of the coaching service: reads and books only their own sessions."""


SERVICE_ROLE_PREFIX = "service:"


@dataclass(frozen=True)
class Principal:
    """The caller of one request.

    A person belongs to a partner (`partner`) and holds roles; a consortium admin may act
    for every partner. A service credential (`service`) names another MILAGRO service and
    carries no partner.
    """

    subject: str
    partner: str | None = None
    roles: frozenset[StaffRole] = frozenset()
    service: str | None = None
    claims: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_admin(self) -> bool:
        return StaffRole.admin in self.roles

    @property
    def is_service(self) -> bool:
        return self.service is not None

    def has_any(self, *roles: StaffRole) -> bool:
        """Holds one of the roles (admins hold them all; services none)."""
        if self.is_service:
            return False
        return self.is_admin or not self.roles.isdisjoint(roles)

    def may_access(self, partner: str) -> bool:
        """Tenancy: a partner's people see only that partner's records; admins see all."""
        return not self.is_service and (self.is_admin or self.partner == partner)

    @property
    def participant_id(self) -> uuid.UUID | None:
        """The registry id of the person calling (a coach, a mediator, a newcomer), from the
        token's `participant` claim; None when absent or not an id."""
        claimed = self.claims.get("participant")
        try:
            return uuid.UUID(str(claimed)) if claimed else None
        except ValueError:
            return None

    @property
    def audit_name(self) -> str:
        """How the audit log names the caller."""
        return f"service:{self.service}" if self.service else self.subject
