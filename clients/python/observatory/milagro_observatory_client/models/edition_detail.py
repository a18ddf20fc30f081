from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.edition_detail_kind import EditionDetailKind

if TYPE_CHECKING:
    from ..models.disclosure_log import DisclosureLog
    from ..models.edition_detail_licence import EditionDetailLicence
    from ..models.edition_detail_links import EditionDetailLinks


T = TypeVar("T", bound="EditionDetail")


@_attrs_define
class EditionDetail:
    """
    Attributes:
        number (int):
        date (str): YYYY-MM-DD (UTC) of publication
        published_at (datetime.datetime):
        kind (EditionDetailKind):
        month (None | str): The month of a monthly edition
        citation (str):
        licence (EditionDetailLicence):
        sha256 (str): Checksum of the zip, hexadecimal
        bytes_ (int):
        download (str):
        links (EditionDetailLinks):
        disclosure_log (DisclosureLog): For each indicator's current release: how many cells are hidden, by which rule.
    """

    number: int
    date: str
    published_at: datetime.datetime
    kind: EditionDetailKind
    month: None | str
    citation: str
    licence: EditionDetailLicence
    sha256: str
    bytes_: int
    download: str
    links: EditionDetailLinks
    disclosure_log: DisclosureLog
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        date = self.date

        published_at = self.published_at.isoformat()

        kind = self.kind.value

        month: None | str
        month = self.month

        citation = self.citation

        licence = self.licence.to_dict()

        sha256 = self.sha256

        bytes_ = self.bytes_

        download = self.download

        links = self.links.to_dict()

        disclosure_log = self.disclosure_log.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "date": date,
                "published_at": published_at,
                "kind": kind,
                "month": month,
                "citation": citation,
                "licence": licence,
                "sha256": sha256,
                "bytes": bytes_,
                "download": download,
                "links": links,
                "disclosure_log": disclosure_log,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.disclosure_log import DisclosureLog  # noqa: PLC0415
        from ..models.edition_detail_licence import EditionDetailLicence  # noqa: PLC0415
        from ..models.edition_detail_links import EditionDetailLinks  # noqa: PLC0415

        d = dict(src_dict)
        number = d.pop("number")

        date = d.pop("date")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        kind = EditionDetailKind(d.pop("kind"))

        def _parse_month(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        month = _parse_month(d.pop("month"))

        citation = d.pop("citation")

        licence = EditionDetailLicence.from_dict(d.pop("licence"))

        sha256 = d.pop("sha256")

        bytes_ = d.pop("bytes")

        download = d.pop("download")

        links = EditionDetailLinks.from_dict(d.pop("links"))

        disclosure_log = DisclosureLog.from_dict(d.pop("disclosure_log"))

        edition_detail = cls(
            number=number,
            date=date,
            published_at=published_at,
            kind=kind,
            month=month,
            citation=citation,
            licence=licence,
            sha256=sha256,
            bytes_=bytes_,
            download=download,
            links=links,
            disclosure_log=disclosure_log,
        )

        edition_detail.additional_properties = d
        return edition_detail

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
