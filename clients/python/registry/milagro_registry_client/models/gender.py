from enum import StrEnum


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"
    SELF_DESCRIBED = "self_described"
    UNDISCLOSED = "undisclosed"

    def __str__(self) -> str:
        return str(self.value)
