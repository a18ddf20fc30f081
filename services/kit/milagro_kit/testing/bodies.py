"""Pieces of request bodies the end-to-end front-ends send alike."""

from typing import Any


def consents(*purposes: str) -> list[dict[str, Any]]:
    """Consent given to `purposes` (default: all three), as a registration sends it."""
    chosen = purposes or ("participation", "communications", "research_statistics")
    return [{"purpose": p, "given": True, "text_version": "2024-01"} for p in chosen]


def always_available(zone: str) -> dict[str, Any]:
    """Weekly availability at every hour of every day, in `zone`."""
    return {
        "zone": zone,
        "slots": [{"weekday": d, "start": "00:00", "end": "24:00"} for d in range(7)],
    }
