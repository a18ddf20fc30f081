from enum import StrEnum


class State(StrEnum):
    CANCELLED = "cancelled"
    HELD = "held"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
