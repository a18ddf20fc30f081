from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.csv_field import CsvField
    from ..models.disclosure import Disclosure
    from ..models.indicator_metadata_breakdowns import IndicatorMetadataBreakdowns
    from ..models.indicator_metadata_formula import IndicatorMetadataFormula
    from ..models.indicator_metadata_licence import IndicatorMetadataLicence
    from ..models.indicator_metadata_links import IndicatorMetadataLinks
    from ..models.release_info import ReleaseInfo
    from ..models.target import Target
    from ..models.text import Text


T = TypeVar("T", bound="IndicatorMetadata")


@_attrs_define
class IndicatorMetadata:
    """Everything needed to use and cite one indicator, beside its figures.

    Attributes:
        id (str):
        title (Text): A text in every language of the dashboard.
        description (Text): A text in every language of the dashboard.
        unit (str):
        sources (list[str]): The events the indicator counts
        formula (IndicatorMetadataFormula):
        counts_people (bool):
        attribution (Text): A text in every language of the dashboard.
        consent (str):
        disaggregations (list[str]):
        breakdowns (IndicatorMetadataBreakdowns): Dimensions a table may have, by period
        target (None | Target):
        direction (str):
        disclosure (Disclosure):
        release (None | ReleaseInfo):
        last_updated (datetime.datetime):
        licence (IndicatorMetadataLicence):
        citation (str):
        links (IndicatorMetadataLinks):
        csv_fields (list[CsvField]):
    """

    id: str
    title: Text
    description: Text
    unit: str
    sources: list[str]
    formula: IndicatorMetadataFormula
    counts_people: bool
    attribution: Text
    consent: str
    disaggregations: list[str]
    breakdowns: IndicatorMetadataBreakdowns
    target: None | Target
    direction: str
    disclosure: Disclosure
    release: None | ReleaseInfo
    last_updated: datetime.datetime
    licence: IndicatorMetadataLicence
    citation: str
    links: IndicatorMetadataLinks
    csv_fields: list[CsvField]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.release_info import ReleaseInfo  # noqa: PLC0415
        from ..models.target import Target  # noqa: PLC0415

        id = self.id

        title = self.title.to_dict()

        description = self.description.to_dict()

        unit = self.unit

        sources = self.sources

        formula = self.formula.to_dict()

        counts_people = self.counts_people

        attribution = self.attribution.to_dict()

        consent = self.consent

        disaggregations = self.disaggregations

        breakdowns = self.breakdowns.to_dict()

        target: dict[str, Any] | None
        if isinstance(self.target, Target):
            target = self.target.to_dict()
        else:
            target = self.target

        direction = self.direction

        disclosure = self.disclosure.to_dict()

        release: dict[str, Any] | None
        if isinstance(self.release, ReleaseInfo):
            release = self.release.to_dict()
        else:
            release = self.release

        last_updated = self.last_updated.isoformat()

        licence = self.licence.to_dict()

        citation = self.citation

        links = self.links.to_dict()

        csv_fields = []
        for csv_fields_item_data in self.csv_fields:
            csv_fields_item = csv_fields_item_data.to_dict()
            csv_fields.append(csv_fields_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "description": description,
                "unit": unit,
                "sources": sources,
                "formula": formula,
                "counts_people": counts_people,
                "attribution": attribution,
                "consent": consent,
                "disaggregations": disaggregations,
                "breakdowns": breakdowns,
                "target": target,
                "direction": direction,
                "disclosure": disclosure,
                "release": release,
                "last_updated": last_updated,
                "licence": licence,
                "citation": citation,
                "links": links,
                "csv_fields": csv_fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.csv_field import CsvField  # noqa: PLC0415
        from ..models.disclosure import Disclosure  # noqa: PLC0415
        from ..models.indicator_metadata_breakdowns import IndicatorMetadataBreakdowns  # noqa: PLC0415
        from ..models.indicator_metadata_formula import IndicatorMetadataFormula  # noqa: PLC0415
        from ..models.indicator_metadata_licence import IndicatorMetadataLicence  # noqa: PLC0415
        from ..models.indicator_metadata_links import IndicatorMetadataLinks  # noqa: PLC0415
        from ..models.release_info import ReleaseInfo  # noqa: PLC0415
        from ..models.target import Target  # noqa: PLC0415
        from ..models.text import Text  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        title = Text.from_dict(d.pop("title"))

        description = Text.from_dict(d.pop("description"))

        unit = d.pop("unit")

        sources = cast(list[str], d.pop("sources"))

        formula = IndicatorMetadataFormula.from_dict(d.pop("formula"))

        counts_people = d.pop("counts_people")

        attribution = Text.from_dict(d.pop("attribution"))

        consent = d.pop("consent")

        disaggregations = cast(list[str], d.pop("disaggregations"))

        breakdowns = IndicatorMetadataBreakdowns.from_dict(d.pop("breakdowns"))

        def _parse_target(data: object) -> None | Target:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                target_type_0 = Target.from_dict(data)

                return target_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Target, data)

        target = _parse_target(d.pop("target"))

        direction = d.pop("direction")

        disclosure = Disclosure.from_dict(d.pop("disclosure"))

        def _parse_release(data: object) -> None | ReleaseInfo:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                release_type_0 = ReleaseInfo.from_dict(data)

                return release_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReleaseInfo, data)

        release = _parse_release(d.pop("release"))

        last_updated = datetime.datetime.fromisoformat(d.pop("last_updated"))

        licence = IndicatorMetadataLicence.from_dict(d.pop("licence"))

        citation = d.pop("citation")

        links = IndicatorMetadataLinks.from_dict(d.pop("links"))

        csv_fields = []
        _csv_fields = d.pop("csv_fields")
        for csv_fields_item_data in _csv_fields:
            csv_fields_item = CsvField.from_dict(csv_fields_item_data)

            csv_fields.append(csv_fields_item)

        indicator_metadata = cls(
            id=id,
            title=title,
            description=description,
            unit=unit,
            sources=sources,
            formula=formula,
            counts_people=counts_people,
            attribution=attribution,
            consent=consent,
            disaggregations=disaggregations,
            breakdowns=breakdowns,
            target=target,
            direction=direction,
            disclosure=disclosure,
            release=release,
            last_updated=last_updated,
            licence=licence,
            citation=citation,
            links=links,
            csv_fields=csv_fields,
        )

        indicator_metadata.additional_properties = d
        return indicator_metadata

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
