from enum import StrEnum


class Topic(StrEnum):
    COMMUNITY = "community"
    EDUCATION = "education"
    FAMILY = "family"
    HEALTH_SYSTEM = "health_system"
    HOUSING = "housing"
    LANGUAGE_LEARNING = "language_learning"
    LEGAL_ORIENTATION = "legal_orientation"
    OTHER = "other"
    WORK = "work"

    def __str__(self) -> str:
        return str(self.value)
