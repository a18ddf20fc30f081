from enum import StrEnum


class NewFeedV1PeoplePersonIdCalendarPostPeople(StrEnum):
    COACHES = "coaches"
    NEWCOMERS = "newcomers"

    def __str__(self) -> str:
        return str(self.value)
