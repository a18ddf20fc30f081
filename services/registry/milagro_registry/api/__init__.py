"""The registry's HTTP API: partners, participants, consent, data-subject rights, contact."""

from milagro_registry.api import consent, contact, participants, partners, rights

routers = [partners.router, participants.router, consent.router, rights.router, contact.router]

__all__ = ["routers"]
