from enum import StrEnum


class Certification(StrEnum):
    COACH = "coach"
    MEDIATOR = "mediator"

    def __str__(self) -> str:
        return str(self.value)
