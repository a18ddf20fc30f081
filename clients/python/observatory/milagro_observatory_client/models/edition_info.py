from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.edition_info_kind import EditionInfoKind

if TYPE_CHECKING:
    from ..models.edition_info_licence import EditionInfoLicence
    from ..models.edition_info_links import EditionInfoLinks


T = TypeVar("T", bound="EditionInfo")


@_attrs_define
class EditionInfo:
    """One dated edition, and how to get and cite it.

    Attributes:
        number (int):
        date (str): YYYY-MM-DD (UTC) of publication
        published_at (datetime.datetime):
        kind (EditionInfoKind):
        month (None | str): The month of a monthly edition
        citation (str):
        licence (EditionInfoLicence):
        sha256 (str): Checksum of the zip, hexadecimal
        bytes_ (int):
        download (str):
        links (EditionInfoLinks):
    """

    number: int
    date: str
    published_at: datetime.datetime
    kind: EditionInfoKind
    month: None | str
    citation: str
    licence: EditionInfoLicence
    sha256: str
    bytes_: int
    download: str
    links: EditionInfoLinks
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
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.edition_info_licence import EditionInfoLicence  # noqa: PLC0415
        from ..models.edition_info_links import EditionInfoLinks  # noqa: PLC0415

        d = dict(src_dict)
        number = d.pop("number")

        date = d.pop("date")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        kind = EditionInfoKind(d.pop("kind"))

        def _parse_month(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        month = _parse_month(d.pop("month"))

        citation = d.pop("citation")

        licence = EditionInfoLicence.from_dict(d.pop("licence"))

        sha256 = d.pop("sha256")

        bytes_ = d.pop("bytes")

        download = d.pop("download")

        links = EditionInfoLinks.from_dict(d.pop("links"))

        edition_info = cls(
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
        )

        edition_info.additional_properties = d
        return edition_info

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
