from enum import StrEnum


class Role(StrEnum):
    COACH = "coach"
    COACH_TRAINEE = "coach_trainee"
    MEDIATOR = "mediator"
    MEDIATOR_TRAINEE = "mediator_trainee"
    NEWCOMER = "newcomer"
    PARTICIPANT = "participant"
    STAFF = "staff"
    VOLUNTEER = "volunteer"

    def __str__(self) -> str:
        return str(self.value)
