from enum import StrEnum


class Group(StrEnum):
    LOCAL = "local"
    MIGRANT = "migrant"

    def __str__(self) -> str:
        return str(self.value)
