"""Registry tables and the queries over them."""

from milagro_registry.store.models import (
    AuditEntry,
    Base,
    ConsentChange,
    Erasure,
    Participant,
    ParticipantAlias,
    Partner,
    metadata,
)

__all__ = [
    "AuditEntry",
    "Base",
    "ConsentChange",
    "Erasure",
    "Participant",
    "ParticipantAlias",
    "Partner",
    "metadata",
]
