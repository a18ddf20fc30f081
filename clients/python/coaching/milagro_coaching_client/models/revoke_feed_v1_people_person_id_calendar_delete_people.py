from enum import StrEnum


class RevokeFeedV1PeoplePersonIdCalendarDeletePeople(StrEnum):
    COACHES = "coaches"
    NEWCOMERS = "newcomers"

    def __str__(self) -> str:
        return str(self.value)
