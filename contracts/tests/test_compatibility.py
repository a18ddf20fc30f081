"""Schemas change only compatibly within a major version; the version is in the type."""

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milagro_contracts import CATALOGUE, activities, coaching, registry, spec_of
from milagro_contracts.compatibility import incompatibilities, is_compatible
from milagro_contracts.event import Event
from milagro_contracts.export import RELEASED, event_schema

RELEASED_FILES = sorted(RELEASED.glob("*.json"))
CURRENT = {event_type: event_schema(spec) for event_type, spec in CATALOGUE.items()}


# --- the catalogue against its frozen releases -------------------------------------------


def test_there_are_released_schemas() -> None:
    assert RELEASED_FILES, "no released schemas: run `uv run milagro-contracts export --release`"


@pytest.mark.parametrize("released", RELEASED_FILES, ids=lambda p: p.stem)
def test_current_schema_is_a_compatible_evolution(released: Any) -> None:
    event_type = released.stem
    assert event_type in CATALOGUE, (
        f"{event_type} was released but is no longer in the catalogue; keep publishing it "
        "until consumers moved to the next major version"
    )
    problems = incompatibilities(json.loads(released.read_text()), CURRENT[event_type])
    assert not problems, (
        f"{event_type} changed incompatibly: {problems}. Make the change compatible "
        "(add optional fields only) or publish a new major version beside this one."
    )


@pytest.mark.parametrize("event_type", CATALOGUE)
def test_the_major_version_is_in_the_type_name(event_type: str) -> None:
    spec = CATALOGUE[event_type]
    assert spec.payload.version >= 1
    assert event_type.endswith(f".v{spec.payload.version}")
    assert re.fullmatch(r"eu\.milagro\.[a-z]+\.[a-z_]+\.[a-z_]+\.v[0-9]+", event_type)
    assert spec.schema_uri.endswith(f"/{event_type}.json")


def test_every_payload_class_is_catalogued() -> None:
    concrete = [
        value
        for module in (registry, activities, coaching)
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, Event)
        and not name.startswith("_")
        and value.__module__ == module.__name__
    ]
    assert concrete
    for payload in concrete:
        assert spec_of(payload).payload is payload


# --- the checker on hand-made pairs ------------------------------------------------------

BASE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "count": {"type": "integer", "minimum": 0},
        "kind": {"enum": ["a", "b"], "type": "string"},
        "tags": {"type": "array", "items": {"type": "string", "maxLength": 10}},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
    },
    "required": ["id", "count", "kind"],
}


def changed(path: str, value: Any = None, *, delete: bool = False) -> dict[str, Any]:
    """BASE with the value at a slash-separated path replaced (or deleted)."""
    schema = copy.deepcopy(BASE)
    *parents, last = path.split("/")
    node: Any = schema
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if delete:
        del node[last]
    else:
        node[last] = value
    return schema


@pytest.mark.parametrize(
    ("schema", "why"),
    [
        (BASE, "unchanged"),
        (changed("properties/extra", {"type": "string"}), "an optional property added"),
        (changed("properties/kind/enum", ["a", "b", "c"]), "an enum value added"),
        (changed("properties/count/type", "number"), "integer widened to number"),
        (changed("properties/count/minimum", delete=True), "a bound dropped"),
        (changed("properties/tags/items/maxLength", 20), "an upper bound raised"),
        (changed("properties/id/description", "The id"), "an annotation added"),
        (changed("additionalProperties", True), "extra properties explicitly allowed"),
        (
            changed("properties/id", {"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            "a type widened into a union",
        ),
        (
            changed("properties/note", {"type": ["string", "null", "integer"]}),
            "a union written as a type list, widened",
        ),
    ],
)
def test_compatible_changes(schema: dict[str, Any], why: str) -> None:
    assert incompatibilities(BASE, schema) == [], why


@pytest.mark.parametrize(
    ("schema", "reason"),
    [
        (changed("properties/count", delete=True), "'count' was removed"),
        (changed("properties/note", delete=True), "'note' was removed"),
        (changed("required", [*BASE["required"], "note"]), "'note' became required"),
        (
            changed("properties/extra", {"type": "string"})
            | {"required": [*BASE["required"], "extra"]},
            "'extra' is a new required property",
        ),
        (changed("required", ["id", "count"]), "'kind' is no longer required"),
        (changed("properties/kind/enum", ["a"]), "enum values removed: ['b']"),
        (changed("properties/count/type", "string"), "type changed from integer to string"),
        (changed("properties/id/type", "integer"), "type changed from string to integer"),
        (changed("properties/note", {"type": "string"}), "type changed from null to string"),
        (changed("additionalProperties", False), "now rejects every value"),
        (changed("properties/tags/items/maxLength", 5), "maxLength tightened from 10 to 5"),
        (changed("properties/count/minimum", 1), "minimum tightened from 0 to 1"),
        (changed("properties/id/pattern", "^[a-f]+$"), "pattern changed"),
        (changed("properties/tags/items", {"type": "integer"}), "type changed"),
        (changed("properties/id/allOf", [{"type": "string"}]), "'allOf' changed"),
    ],
)
def test_incompatible_changes(schema: dict[str, Any], reason: str) -> None:
    problems = incompatibilities(BASE, schema)
    assert any(reason in problem for problem in problems), problems


def test_local_refs_are_followed() -> None:
    inlined = {"type": "object", "properties": {"g": {"enum": ["x", "y"]}}}
    referenced = {
        "$defs": {"G": {"enum": ["x", "y"]}},
        "type": "object",
        "properties": {"g": {"$ref": "#/$defs/G", "description": "beside the $ref"}},
    }
    assert is_compatible(inlined, referenced)
    assert is_compatible(referenced, inlined)
    narrowed = copy.deepcopy(referenced)
    narrowed["$defs"]["G"]["enum"] = ["x"]
    assert incompatibilities(inlined, narrowed) == ["$.g: enum values removed: ['y']"]


def test_recursive_schemas_terminate() -> None:
    tree = {
        "$defs": {"Node": {"type": "object", "properties": {"kids": {
            "type": "array", "items": {"$ref": "#/$defs/Node"}}}}},
        "$ref": "#/$defs/Node",
    }  # fmt: skip
    assert is_compatible(tree, copy.deepcopy(tree))


def test_external_refs_are_refused() -> None:
    with pytest.raises(ValueError, match="only local"):
        incompatibilities({"$ref": "https://example.org/s.json"}, {})


# --- properties of the checker on generated schemas --------------------------------------

names = st.text(alphabet="abcdefgh_", min_size=1, max_size=6)
leaves = st.one_of(
    st.just({"type": "string"}),
    st.integers(1, 50).map(lambda n: {"type": "string", "maxLength": n}),
    st.integers(0, 9).map(lambda n: {"type": "integer", "minimum": n}),
    st.just({"type": "number"}),
    st.just({"type": "boolean"}),
    st.lists(names, min_size=1, max_size=4, unique=True).map(
        lambda values: {"type": "string", "enum": values}
    ),
)


def objects(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(names, children, max_size=4).flatmap(
        lambda properties: st.sets(st.sampled_from(sorted(properties) or [""])).map(
            lambda required: {
                "type": "object",
                "properties": properties,
                "required": sorted(required & set(properties)),
            }
        )
    )


schemas = st.recursive(
    leaves,
    lambda children: st.one_of(
        objects(children),
        children.map(lambda items: {"type": "array", "items": items}),
        children.map(lambda inner: {"anyOf": [inner, {"type": "null"}]}),
    ),
    max_leaves=12,
)
object_schemas = objects(schemas)
# The checker is cheap but generating nested schemas is not: keep the example counts modest.
fewer = settings(max_examples=50)


@fewer
@given(schemas)
def test_every_schema_is_compatible_with_itself(schema: dict[str, Any]) -> None:
    assert incompatibilities(schema, copy.deepcopy(schema)) == []


@fewer
@given(object_schemas, names, schemas)
def test_adding_an_optional_property_is_compatible(
    schema: dict[str, Any], name: str, extra: dict[str, Any]
) -> None:
    grown = copy.deepcopy(schema)
    if name not in grown["properties"]:
        grown["properties"][name] = extra
    assert incompatibilities(schema, grown) == []


@fewer
@given(object_schemas, st.data())
def test_removing_a_property_is_incompatible(schema: dict[str, Any], data: st.DataObject) -> None:
    if not schema["properties"]:
        return
    name = data.draw(st.sampled_from(sorted(schema["properties"])))
    shrunk = copy.deepcopy(schema)
    del shrunk["properties"][name]
    assert f"$: property {name!r} was removed" in incompatibilities(schema, shrunk)


@fewer
@given(object_schemas, names, schemas)
def test_adding_a_required_property_is_incompatible(
    schema: dict[str, Any], name: str, extra: dict[str, Any]
) -> None:
    grown = copy.deepcopy(schema)
    grown["properties"].setdefault(name, extra)
    grown["required"] = sorted({*grown["required"], name})
    assert is_compatible(schema, grown) == (name in schema["required"])


@given(st.lists(names, min_size=2, max_size=6, unique=True), st.data())
def test_narrowing_an_enum_is_incompatible(values: list[str], data: st.DataObject) -> None:
    dropped = data.draw(st.sampled_from(values))
    old = {"type": "object", "properties": {"e": {"enum": values}}}
    new = {"type": "object", "properties": {"e": {"enum": [v for v in values if v != dropped]}}}
    assert incompatibilities(old, new) == [f"$.e: enum values removed: {[dropped]!r}"]
    assert is_compatible(new, old)


@fewer
@given(st.sampled_from(sorted(CURRENT)), st.data())
def test_real_schemas_reject_dropped_and_retyped_fields(
    event_type: str, data: st.DataObject
) -> None:
    schema = CURRENT[event_type]
    assert is_compatible(schema, copy.deepcopy(schema))
    name = data.draw(st.sampled_from(sorted(schema["properties"])))
    without = copy.deepcopy(schema)
    del without["properties"][name]
    without["required"] = [n for n in without.get("required", []) if n != name]
    assert not is_compatible(schema, without)
    retyped = copy.deepcopy(schema)
    retyped["properties"][name] = {"type": "boolean"}
    if schema["properties"][name].get("type") != "boolean":
        assert not is_compatible(schema, retyped)
