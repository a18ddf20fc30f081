"""The registry's HTTP API: partners, participants, consent, data-subject rights, contact."""

from milagro_registry.api import (
    consent,
    contact,
    duplicates,
    merges,
    participants,
    partners,
    rights,
)

# duplicates first: /v1/participants/duplicates is not a participant id
routers = [
    partners.router,
    duplicates.router,
    participants.router,
    merges.router,
    consent.router,
    rights.router,
    contact.router,
]

__all__ = ["routers"]
