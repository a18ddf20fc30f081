"""Who may do what in the events service.

Coordinators and staff manage their partner's activities, trainings and camps;
facilitators and mediators record what they run (their token's `participant` claim names
their own registry id); researchers read nothing here (the observatory is theirs). A
partner never sees another's records: those answer 404, as unknown ones do.
"""

from typing import Annotated

from milagro_kit.auth import Principal, StaffRole, ensure_partner, require
from milagro_kit.problems import not_found

MANAGERS = (StaffRole.coordinator, StaffRole.staff)
Manager = Annotated[Principal, require(*MANAGERS)]
"""Schedules, reschedules, cancels and closes activities; runs trainings and camps."""
Recorder = Annotated[Principal, require(*MANAGERS, StaffRole.mediator, StaffRole.coach)]
"""Records attendance, services and assessments: managers, and facilitators for their own."""
Reader = Recorder
"""Reads a partner's activities and attendance (pseudonymous ids only)."""


def manages(caller: Principal, partner: str) -> bool:
    return caller.may_access(partner) and caller.has_any(*MANAGERS)


def ensure_visible(caller: Principal, partner: str, what: str) -> None:
    """404 unless the caller's partner owns the record (existence never leaks)."""
    if not caller.may_access(partner):
        raise not_found(what)


def partner_scope(caller: Principal, partner: str | None) -> str | None:
    """The partner a list is narrowed to: the caller's own (403 if they ask for another's);
    admins see every partner's unless they name one."""
    if caller.is_admin:
        return partner
    if partner is not None:
        ensure_partner(caller, partner)
    return caller.partner
