from enum import StrEnum


class MediationOutOutcome(StrEnum):
    NOT_RESOLVED = "not_resolved"
    ONGOING = "ongoing"
    REFERRED = "referred"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
