"""The MILAGRO event catalogue: the one copy of every event that crosses a service boundary.

A payload class per event (named in the past tense), the CloudEvents envelope that carries
it, and the subject and stream it travels on. Depends on pydantic only.
"""

from milagro_contracts.catalogue import CATALOGUE, STREAMS, EventSpec, Stream, spec_for, spec_of
from milagro_contracts.envelope import Envelope, new_envelope
from milagro_contracts.event import Event

__all__ = [
    "CATALOGUE",
    "STREAMS",
    "Envelope",
    "Event",
    "EventSpec",
    "Stream",
    "new_envelope",
    "spec_for",
    "spec_of",
]
