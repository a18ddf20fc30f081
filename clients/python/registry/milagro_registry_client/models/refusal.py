from enum import StrEnum


class Refusal(StrEnum):
    ERASED = "erased"
    NOT_FOUND = "not-found"
    NO_COMMUNICATIONS_CONSENT = "no-communications-consent"

    def __str__(self) -> str:
        return str(self.value)
