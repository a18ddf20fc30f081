from enum import StrEnum


class MediationOutServiceKind(StrEnum):
    ACCOMPANIMENT = "accompaniment"
    ADMINISTRATIVE_SUPPORT = "administrative_support"
    CONFLICT_MEDIATION = "conflict_mediation"
    INTERPRETATION = "interpretation"
    ORIENTATION = "orientation"

    def __str__(self) -> str:
        return str(self.value)
