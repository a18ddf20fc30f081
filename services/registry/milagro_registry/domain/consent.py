"""Consent per purpose: the current state is the latest decision, the history stays."""

from dataclasses import dataclass
from datetime import datetime

from milagro_contracts.registry import ConsentPurpose


@dataclass(frozen=True)
class Decision:
    purpose: ConsentPurpose
    given: bool
    text_version: str
    changed_at: datetime


def is_news(current: Decision | None, given: bool, text_version: str) -> bool:
    """Whether a decision changes anything: repeating the current one records nothing."""
    return current is None or (current.given, current.text_version) != (given, text_version)


def may_contact(current: dict[ConsentPurpose, Decision]) -> bool:
    """E-mail only while communications consent is given (withdrawal stops it at once)."""
    decision = current.get(ConsentPurpose.communications)
    return decision is not None and decision.given
