from enum import StrEnum


class IndicatorCsvV1IndicatorsIndicatorIdCsvGetPeriod(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    TOTAL = "total"

    def __str__(self) -> str:
        return str(self.value)
