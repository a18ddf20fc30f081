from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.log_row import LogRow


T = TypeVar("T", bound="EditionsLog")


@_attrs_define
class EditionsLog:
    """For each edition and each indicator: how many cells were hidden, by which rule.

    Attributes:
        document (str):
        rows (list[LogRow]):
    """

    document: str
    rows: list[LogRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "rows": rows,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.log_row import LogRow  # noqa: PLC0415

        d = dict(src_dict)
        document = d.pop("document")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in _rows:
            rows_item = LogRow.from_dict(rows_item_data)

            rows.append(rows_item)

        editions_log = cls(
            document=document,
            rows=rows,
        )

        editions_log.additional_properties = d
        return editions_log

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
