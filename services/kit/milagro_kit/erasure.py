"""Remembering that a person was erased without keeping who they were.

A service must recognise a late event about an erased person (from another stream, a
redelivery, a replay) so that it does not bring them back, yet hold nothing that points
to them. A one-way digest of the id does both: a random UUID cannot be guessed back from it.
"""

import hashlib
import uuid


def tombstone(participant_id: uuid.UUID, *, context: str) -> str:
    """The digest a service keeps of an erased id (`context` names the service's use)."""
    return hashlib.sha256(f"{context}:".encode() + participant_id.bytes).hexdigest()
