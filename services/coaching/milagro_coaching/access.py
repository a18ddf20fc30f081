"""Who may do what in the coaching service.

Academy coordinators (the coordinators and staff of the academy's partner) manage their
academy: enrolment, matching, every session. A coach sees only their own newcomers and
sessions, a newcomer only their own: their token's `participant` claim names their
registry id. Researchers read nothing here (the observatory and the open directory are
theirs). A partner never sees another's records: those answer 404, as unknown ones do.
"""

from typing import Annotated

from milagro_kit.auth import Principal, StaffRole, require

COORDINATORS = (StaffRole.coordinator, StaffRole.staff)
Coordinator = Annotated[Principal, require(*COORDINATORS)]
"""Manages an academy: opens it, enrols, matches, and may act on every session of it."""
Member = Annotated[Principal, require(*COORDINATORS, StaffRole.coach, StaffRole.newcomer)]
"""Coordinators, and coaches and newcomers for what is their own."""


def coordinates(caller: Principal, partner: str) -> bool:
    return caller.may_access(partner) and caller.has_any(*COORDINATORS)
