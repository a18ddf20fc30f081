from enum import StrEnum


class MigrantStatus(StrEnum):
    ASYLUM_SEEKER = "asylum_seeker"
    OTHER_MIGRANT = "other_migrant"
    REFUGEE = "refugee"

    def __str__(self) -> str:
        return str(self.value)
