from enum import StrEnum


class EditionDetailKind(StrEnum):
    MONTHLY = "monthly"
    ON_DEMAND = "on-demand"

    def __str__(self) -> str:
        return str(self.value)
