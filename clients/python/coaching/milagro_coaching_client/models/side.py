from enum import StrEnum


class Side(StrEnum):
    COACH = "coach"
    NEWCOMER = "newcomer"

    def __str__(self) -> str:
        return str(self.value)
