from enum import StrEnum


class EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId(StrEnum):
    COACHES_TRAINED = "coaches-trained"
    COACHING_ACADEMIES = "coaching-academies"
    COACHING_HOURS = "coaching-hours"
    COACHING_SATISFACTION = "coaching-satisfaction"
    COACHING_SESSIONS_HELD = "coaching-sessions-held"
    DEMOCRATIC_COMPETENCE_CHANGE = "democratic-competence-change"
    LOCALS_REACHED = "locals-reached"
    MEDIATION_SERVICES = "mediation-services"
    MEDIATORS_TRAINED = "mediators-trained"
    MIGRANTS_LEADING_ROLES = "migrants-leading-roles"
    MIGRANTS_REACHED = "migrants-reached"
    MIXED_PARTICIPATION = "mixed-participation"
    NEWCOMERS_COACHED = "newcomers-coached"
    PARTICIPANTS_REGISTERED = "participants-registered"
    SOCIAL_DISTANCE_CHANGE = "social-distance-change"
    SUMMER_CAMPS_HELD = "summer-camps-held"

    def __str__(self) -> str:
        return str(self.value)
