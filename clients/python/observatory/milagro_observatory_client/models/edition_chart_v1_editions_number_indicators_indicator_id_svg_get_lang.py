from enum import StrEnum


class EditionChartV1EditionsNumberIndicatorsIndicatorIdSvgGetLang(StrEnum):
    EN = "en"
    IT = "it"
    NL = "nl"
    SR = "sr"

    def __str__(self) -> str:
        return str(self.value)
