from enum import StrEnum


class EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    TOTAL = "total"

    def __str__(self) -> str:
        return str(self.value)
