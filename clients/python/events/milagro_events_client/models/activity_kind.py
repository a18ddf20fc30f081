from enum import StrEnum


class ActivityKind(StrEnum):
    DISSEMINATION = "dissemination"
    MEDIATION_SERVICE = "mediation_service"
    STORYTELLING = "storytelling"
    STRUCTURED_MEETING = "structured_meeting"
    SUMMER_CAMP = "summer_camp"
    TRAINING = "training"

    def __str__(self) -> str:
        return str(self.value)
