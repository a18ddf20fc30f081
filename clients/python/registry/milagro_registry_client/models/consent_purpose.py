from enum import StrEnum


class ConsentPurpose(StrEnum):
    COMMUNICATIONS = "communications"
    PARTICIPATION = "participation"
    RESEARCH_STATISTICS = "research_statistics"

    def __str__(self) -> str:
        return str(self.value)
