from enum import StrEnum


class Phase(StrEnum):
    POST = "post"
    PRE = "pre"

    def __str__(self) -> str:
        return str(self.value)
