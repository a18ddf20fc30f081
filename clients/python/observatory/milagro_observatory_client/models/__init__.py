"""Contains all the data models used in inputs/outputs"""

from .csv_field import CsvField
from .disclosure import Disclosure
from .disclosure_log import DisclosureLog
from .edition_chart_v1_editions_number_indicators_indicator_id_svg_get_indicator_id import (
    EditionChartV1EditionsNumberIndicatorsIndicatorIdSvgGetIndicatorId,
)
from .edition_chart_v1_editions_number_indicators_indicator_id_svg_get_lang import (
    EditionChartV1EditionsNumberIndicatorsIndicatorIdSvgGetLang,
)
from .edition_csv_v1_editions_number_indicators_indicator_id_csv_get_indicator_id import (
    EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId,
)
from .edition_csv_v1_editions_number_indicators_indicator_id_csv_get_period import (
    EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod,
)
from .edition_detail import EditionDetail
from .edition_detail_kind import EditionDetailKind
from .edition_detail_licence import EditionDetailLicence
from .edition_detail_links import EditionDetailLinks
from .edition_embed_v1_editions_number_indicators_indicator_id_html_get_indicator_id import (
    EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId,
)
from .edition_embed_v1_editions_number_indicators_indicator_id_html_get_lang import (
    EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang,
)
from .edition_info import EditionInfo
from .edition_info_kind import EditionInfoKind
from .edition_info_licence import EditionInfoLicence
from .edition_info_links import EditionInfoLinks
from .edition_list import EditionList
from .edition_metadata_v1_editions_number_indicators_indicator_id_metadata_json_get_indicator_id import (
    EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId,
)
from .editions_log import EditionsLog
from .health import Health
from .health_checks import HealthChecks
from .indicator_chart_v1_indicators_indicator_id_svg_get_indicator_id import (
    IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId,
)
from .indicator_chart_v1_indicators_indicator_id_svg_get_lang import IndicatorChartV1IndicatorsIndicatorIdSvgGetLang
from .indicator_csv_v1_indicators_indicator_id_csv_get_indicator_id import (
    IndicatorCsvV1IndicatorsIndicatorIdCsvGetIndicatorId,
)
from .indicator_csv_v1_indicators_indicator_id_csv_get_period import IndicatorCsvV1IndicatorsIndicatorIdCsvGetPeriod
from .indicator_embed_v1_indicators_indicator_id_html_get_indicator_id import (
    IndicatorEmbedV1IndicatorsIndicatorIdHtmlGetIndicatorId,
)
from .indicator_embed_v1_indicators_indicator_id_html_get_lang import IndicatorEmbedV1IndicatorsIndicatorIdHtmlGetLang
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
from .log_row import LogRow
from .package_resource_v1_data_indicator_id_csv_get_indicator_id import (
    PackageResourceV1DataIndicatorIdCsvGetIndicatorId,
)
from .problem_details import ProblemDetails
from .release_info import ReleaseInfo
from .target import Target
from .text import Text

__all__ = (
    "CsvField",
    "Disclosure",
    "DisclosureLog",
    "EditionChartV1EditionsNumberIndicatorsIndicatorIdSvgGetIndicatorId",
    "EditionChartV1EditionsNumberIndicatorsIndicatorIdSvgGetLang",
    "EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId",
    "EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod",
    "EditionDetail",
    "EditionDetailKind",
    "EditionDetailLicence",
    "EditionDetailLinks",
    "EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId",
    "EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang",
    "EditionInfo",
    "EditionInfoKind",
    "EditionInfoLicence",
    "EditionInfoLinks",
    "EditionList",
    "EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId",
    "EditionsLog",
    "Health",
    "HealthChecks",
    "IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId",
    "IndicatorChartV1IndicatorsIndicatorIdSvgGetLang",
    "IndicatorCsvV1IndicatorsIndicatorIdCsvGetIndicatorId",
    "IndicatorCsvV1IndicatorsIndicatorIdCsvGetPeriod",
    "IndicatorEmbedV1IndicatorsIndicatorIdHtmlGetIndicatorId",
    "IndicatorEmbedV1IndicatorsIndicatorIdHtmlGetLang",
    "IndicatorMetadata",
    "IndicatorMetadataBreakdowns",
    "IndicatorMetadataFormula",
    "IndicatorMetadataLicence",
    "IndicatorMetadataLinks",
    "IndicatorMetadataV1IndicatorsIndicatorIdMetadataJsonGetIndicatorId",
    "IndicatorSeriesV1IndicatorsIndicatorIdGetIndicatorId",
    "IndicatorSeriesV1IndicatorsIndicatorIdGetPeriod",
    "LogEntry",
    "LogRow",
    "PackageResourceV1DataIndicatorIdCsvGetIndicatorId",
    "ProblemDetails",
    "ReleaseInfo",
    "Target",
    "Text",
)
