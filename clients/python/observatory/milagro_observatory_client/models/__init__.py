"""Contains all the data models used in inputs/outputs"""

from .csv_field import CsvField
from .disclosure import Disclosure
from .disclosure_log import DisclosureLog
from .health import Health
from .health_checks import HealthChecks
from .http_validation_error import HTTPValidationError
from .indicator_chart_v1_indicators_indicator_id_svg_get_indicator_id import (
    IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId,
)
from .indicator_chart_v1_indicators_indicator_id_svg_get_lang import IndicatorChartV1IndicatorsIndicatorIdSvgGetLang
from .indicator_csv_v1_indicators_indicator_id_csv_get_indicator_id import (
    IndicatorCsvV1IndicatorsIndicatorIdCsvGetIndicatorId,
)
from .indicator_csv_v1_indicators_indicator_id_csv_get_period import IndicatorCsvV1IndicatorsIndicatorIdCsvGetPeriod
from .indicator_metadata import IndicatorMetadata
from .indicator_metadata_breakdowns import IndicatorMetadataBreakdowns
from .indicator_metadata_formula import IndicatorMetadataFormula
from .indicator_metadata_licence import IndicatorMetadataLicence
from .indicator_metadata_links import IndicatorMetadataLinks
from .indicator_metadata_v1_indicators_indicator_id_metadata_json_get_indicator_id import (
    IndicatorMetadataV1IndicatorsIndicatorIdMetadataJsonGetIndicatorId,
)
from .indicator_series_v1_indicators_indicator_id_get_indicator_id import (
    IndicatorSeriesV1IndicatorsIndicatorIdGetIndicatorId,
)
from .indicator_series_v1_indicators_indicator_id_get_period import IndicatorSeriesV1IndicatorsIndicatorIdGetPeriod
from .log_entry import LogEntry
from .package_resource_v1_data_indicator_id_csv_get_indicator_id import (
    PackageResourceV1DataIndicatorIdCsvGetIndicatorId,
)
from .problem_details import ProblemDetails
from .release_info import ReleaseInfo
from .target import Target
from .text import Text
from .validation_error import ValidationError
from .validation_error_context import ValidationErrorContext

__all__ = (
    "CsvField",
    "Disclosure",
    "DisclosureLog",
    "Health",
    "HealthChecks",
    "HTTPValidationError",
    "IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId",
    "IndicatorChartV1IndicatorsIndicatorIdSvgGetLang",
    "IndicatorCsvV1IndicatorsIndicatorIdCsvGetIndicatorId",
    "IndicatorCsvV1IndicatorsIndicatorIdCsvGetPeriod",
    "IndicatorMetadata",
    "IndicatorMetadataBreakdowns",
    "IndicatorMetadataFormula",
    "IndicatorMetadataLicence",
    "IndicatorMetadataLinks",
    "IndicatorMetadataV1IndicatorsIndicatorIdMetadataJsonGetIndicatorId",
    "IndicatorSeriesV1IndicatorsIndicatorIdGetIndicatorId",
    "IndicatorSeriesV1IndicatorsIndicatorIdGetPeriod",
    "LogEntry",
    "PackageResourceV1DataIndicatorIdCsvGetIndicatorId",
    "ProblemDetails",
    "ReleaseInfo",
    "Target",
    "Text",
    "ValidationError",
    "ValidationErrorContext",
)
