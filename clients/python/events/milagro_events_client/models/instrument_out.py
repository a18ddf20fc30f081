from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.dimension_out import DimensionOut
    from ..models.item_out import ItemOut
    from ..models.point import Point


T = TypeVar("T", bound="InstrumentOut")


@_attrs_define
class InstrumentOut:
    """
    Attributes:
        id (str):
        version (int):
        title (str):
        language (str):
        languages (list[str]):
        instructions (str):
        scale (list[Point]):
        dimensions (list[DimensionOut]):
        items (list[ItemOut]):
        scores (list[str]):
    """

    id: str
    version: int
    title: str
    language: str
    languages: list[str]
    instructions: str
    scale: list[Point]
    dimensions: list[DimensionOut]
    items: list[ItemOut]
    scores: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        version = self.version

        title = self.title

        language = self.language

        languages = self.languages

        instructions = self.instructions

        scale = []
        for scale_item_data in self.scale:
            scale_item = scale_item_data.to_dict()
            scale.append(scale_item)

        dimensions = []
        for dimensions_item_data in self.dimensions:
            dimensions_item = dimensions_item_data.to_dict()
            dimensions.append(dimensions_item)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        scores = self.scores

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "version": version,
                "title": title,
                "language": language,
                "languages": languages,
                "instructions": instructions,
                "scale": scale,
                "dimensions": dimensions,
                "items": items,
                "scores": scores,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dimension_out import DimensionOut  # noqa: PLC0415
        from ..models.item_out import ItemOut  # noqa: PLC0415
        from ..models.point import Point  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        version = d.pop("version")

        title = d.pop("title")

        language = d.pop("language")

        languages = cast(list[str], d.pop("languages"))

        instructions = d.pop("instructions")

        scale = []
        _scale = d.pop("scale")
        for scale_item_data in _scale:
            scale_item = Point.from_dict(scale_item_data)

            scale.append(scale_item)

        dimensions = []
        _dimensions = d.pop("dimensions")
        for dimensions_item_data in _dimensions:
            dimensions_item = DimensionOut.from_dict(dimensions_item_data)

            dimensions.append(dimensions_item)

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ItemOut.from_dict(items_item_data)

            items.append(items_item)

        scores = cast(list[str], d.pop("scores"))

        instrument_out = cls(
            id=id,
            version=version,
            title=title,
            language=language,
            languages=languages,
            instructions=instructions,
            scale=scale,
            dimensions=dimensions,
            items=items,
            scores=scores,
        )

        instrument_out.additional_properties = d
        return instrument_out

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
