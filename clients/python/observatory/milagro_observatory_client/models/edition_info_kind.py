from enum import StrEnum


class EditionInfoKind(StrEnum):
    MONTHLY = "monthly"
    ON_DEMAND = "on-demand"

    def __str__(self) -> str:
        return str(self.value)
