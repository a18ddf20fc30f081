from enum import StrEnum


class PartnerKind(StrEnum):
    ASSOCIATED = "associated"
    FULL = "full"

    def __str__(self) -> str:
        return str(self.value)
