from enum import StrEnum


class IndicatorEmbedV1IndicatorsIndicatorIdHtmlGetLang(StrEnum):
    EN = "en"
    IT = "it"
    NL = "nl"
    SR = "sr"

    def __str__(self) -> str:
        return str(self.value)
