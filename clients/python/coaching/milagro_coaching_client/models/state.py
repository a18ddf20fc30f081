from enum import StrEnum


class State(StrEnum):
    CANCELLED = "cancelled"
    HELD = "held"
    NO_SHOW = "no_show"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
