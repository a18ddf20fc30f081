from enum import StrEnum


class IndicatorSeriesV1IndicatorsIndicatorIdGetPeriod(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    TOTAL = "total"

    def __str__(self) -> str:
        return str(self.value)
