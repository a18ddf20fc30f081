from enum import StrEnum


class EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang(StrEnum):
    EN = "en"
    IT = "it"
    NL = "nl"
    SR = "sr"

    def __str__(self) -> str:
        return str(self.value)
