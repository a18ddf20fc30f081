"""Whether a payload schema is a compatible evolution of its released version.

Within a major version a schema may only grow: consumers written against the released
schema must keep working, and events published under the released schema must still be
valid. So, between the released and the current schema:

- every released property still exists, with the same type or a wider one (integer to
  number, a type to a union containing it, adding `null`);
- nothing becomes required that was not, and nothing stops being required;
- enum values are only added, never removed;
- no constraint is tightened (`additionalProperties: false`, lower maximums, higher
  minimums, a new or different pattern or format).

The check is syntactic and deliberately conservative: a keyword it cannot reason about
that changed is reported too. Local `$ref`s (`#/...`) are followed; others are refused.
"""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

Schema = Mapping[str, Any] | bool

# Keywords that only annotate: they never change which documents are valid.
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "definitions",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
    }
)
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_EXACT = ("pattern", "format", "multipleOf", "contentEncoding", "contentMediaType")
_HANDLED = frozenset(
    {
        "$ref",
        "type",
        "enum",
        "const",
        "anyOf",
        "oneOf",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "items",
        "uniqueItems",
        *_UPPER_BOUNDS,
        *_LOWER_BOUNDS,
        *_EXACT,
    }
)


def incompatibilities(released: Schema, current: Schema) -> list[str]:
    """Why `current` is not a compatible evolution of `released`; empty when it is.

    Each reason starts with the JSON path it is about, e.g. `$.attributes.gender: ...`.
    Raises ValueError on a `$ref` that is not local to its document.
    """
    return _Comparison(released, current).compare(released, current, "$")


def is_compatible(released: Schema, current: Schema) -> bool:
    """True when `current` is a compatible evolution of `released`."""
    return not incompatibilities(released, current)


class _Comparison:
    def __init__(self, old_root: Schema, new_root: Schema) -> None:
        self.old_root = old_root
        self.new_root = new_root
        self.following: set[tuple[str | None, str | None]] = set()

    def compare(self, old: Schema, new: Schema, path: str) -> list[str]:
        refs = (_ref(old), _ref(new))
        if refs == (None, None):
            return self._compare_resolved(old, new, path)
        if refs in self.following:  # a recursive schema: the cycle is assumed compatible
            return []
        self.following.add(refs)
        try:
            return self._compare_resolved(old, new, path)
        finally:
            self.following.discard(refs)

    def _compare_resolved(self, old: Schema, new: Schema, path: str) -> list[str]:
        old = _resolve(self.old_root, old)
        new = _resolve(self.new_root, new)
        if new is True or old is False:
            return []
        if new is False:
            return [f"{path}: now rejects every value"]
        old_branches = list(_branches(self.old_root, {} if old is True else old))
        new_branches = list(_branches(self.new_root, new))
        if len(old_branches) == 1 and len(new_branches) == 1:
            return self._compare_single(old_branches[0], new_branches[0], path)
        return self._compare_unions(old_branches, new_branches, path)

    def _compare_unions(
        self, olds: Sequence[Mapping[str, Any]], news: Sequence[Mapping[str, Any]], path: str
    ) -> list[str]:
        """Every released alternative must be accepted by some current alternative."""
        if olds and not news:
            return [f"{path}: now rejects every value"]
        problems: list[str] = []
        for old in olds:
            attempts = [self._compare_single(old, new, path) for new in news]
            if all(attempts):
                closest: list[str] = min(attempts, key=len)
                problems += closest
        return problems

    def _compare_single(
        self, old: Mapping[str, Any], new: Mapping[str, Any], path: str
    ) -> list[str]:
        problems = _compare_types(old, new, path)
        problems += _compare_enums(old, new, path)
        problems += _compare_bounds(old, new, path)
        problems += self._compare_objects(old, new, path)
        problems += self._compare_arrays(old, new, path)
        for keyword in sorted((set(old) | set(new)) - _HANDLED - _ANNOTATIONS):
            if old.get(keyword) != new.get(keyword):
                problems.append(f"{path}: {keyword!r} changed and cannot be checked")
        return problems

    def _compare_objects(
        self, old: Mapping[str, Any], new: Mapping[str, Any], path: str
    ) -> list[str]:
        problems: list[str] = []
        old_properties = old.get("properties", {})
        new_properties = new.get("properties", {})
        for name, schema in old_properties.items():
            if name not in new_properties:
                problems.append(f"{path}: property {name!r} was removed")
            else:
                problems += self.compare(schema, new_properties[name], f"{path}.{name}")
        old_required = set(old.get("required", ()))
        new_required = set(new.get("required", ()))
        for name in sorted(new_required - old_required):
            what = "became required" if name in old_properties else "is a new required property"
            problems.append(f"{path}: {name!r} {what}")
        for name in sorted(old_required - new_required):
            problems.append(f"{path}: {name!r} is no longer required")
        problems += self._compare_open(old, new, "additionalProperties", f"{path}.*")
        problems += self._compare_open(old, new, "propertyNames", f"{path}<names>")
        return problems

    def _compare_arrays(
        self, old: Mapping[str, Any], new: Mapping[str, Any], path: str
    ) -> list[str]:
        problems = self._compare_open(old, new, "items", f"{path}[]")
        if new.get("uniqueItems") and not old.get("uniqueItems"):
            problems.append(f"{path}: items must now be unique")
        return problems

    def _compare_open(
        self, old: Mapping[str, Any], new: Mapping[str, Any], keyword: str, path: str
    ) -> list[str]:
        """Compare a keyword whose absence means "anything goes"."""
        if keyword not in new:
            return []
        return self.compare(old.get(keyword, True), new[keyword], path)


def _compare_types(old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> list[str]:
    old_types, new_types = _types(old), _types(new)
    if new_types is None:
        return []
    if old_types is None:
        return [f"{path}: any type was accepted, now only {_list(new_types)}"]
    lost = {t for t in old_types if t not in new_types and not _widened(t, new_types)}
    if lost:
        return [f"{path}: type changed from {_list(old_types)} to {_list(new_types)}"]
    return []


def _compare_enums(old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> list[str]:
    old_values, new_values = _values(old), _values(new)
    if new_values is None:
        return []
    if old_values is None:
        return [f"{path}: now restricted to {new_values!r}"]
    removed = [value for value in old_values if value not in new_values]
    return [f"{path}: enum values removed: {removed!r}"] if removed else []


def _compare_bounds(old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> list[str]:
    problems = [
        f"{path}: {key} tightened from {old.get(key)} to {new[key]}"
        for key in _UPPER_BOUNDS
        if key in new and (key not in old or new[key] < old[key])
    ]
    problems += [
        f"{path}: {key} tightened from {old.get(key)} to {new[key]}"
        for key in _LOWER_BOUNDS
        if key in new and (key not in old or new[key] > old[key])
    ]
    problems += [
        f"{path}: {key} changed from {old.get(key)!r} to {new[key]!r}"
        for key in _EXACT
        if key in new and new[key] != old.get(key)
    ]
    return problems


def _types(schema: Mapping[str, Any]) -> set[str] | None:
    """The JSON types a schema admits, or None when it does not say."""
    if "type" in schema:
        declared = schema["type"]
        return {declared} if isinstance(declared, str) else set(declared)
    values = _values(schema)
    return None if values is None else {_json_type(value) for value in values}


def _values(schema: Mapping[str, Any]) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema:
        return list(schema["enum"])
    return None


def _widened(json_type: str, into: set[str]) -> bool:
    return json_type == "integer" and "number" in into


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _list(types: set[str]) -> str:
    return "|".join(sorted(types))


def _ref(schema: Schema) -> str | None:
    return schema.get("$ref") if isinstance(schema, Mapping) else None


def _resolve(root: Schema, schema: Schema) -> Schema:
    """Follow `$ref`s; keywords beside a `$ref` apply too, so they are merged in."""
    seen: set[str] = set()
    while isinstance(schema, Mapping) and "$ref" in schema:
        ref = schema["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise ValueError(f"only local $refs can be compared, not {ref!r}")
        if ref in seen:
            raise ValueError(f"$ref cycle through {ref!r}")
        seen.add(ref)
        target = _pointer(root, ref)
        siblings = {key: value for key, value in schema.items() if key != "$ref"}
        if target is False or (target is True and not siblings):
            return target
        schema = {**({} if target is True else target), **siblings}
    return schema


def _pointer(root: Schema, ref: str) -> Schema:
    node: Any = root
    for part in filter(None, ref[1:].split("/")):
        key = part.replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(key)] if isinstance(node, list) else node[key]
        except (KeyError, IndexError, ValueError, TypeError):
            raise ValueError(f"unresolvable $ref {ref!r}") from None
    if not isinstance(node, Mapping | bool):
        raise ValueError(f"$ref {ref!r} does not point at a schema")
    return node


def _branches(root: Schema, schema: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The alternatives of a union (flattened), each with the union's other keywords."""
    union = schema.get("anyOf", schema.get("oneOf"))
    if union is None:
        yield schema
        return
    shared = {key: value for key, value in schema.items() if key not in ("anyOf", "oneOf")}
    for alternative in union:
        resolved = _resolve(root, alternative)
        if resolved is False:
            continue
        branch = {**shared, **({} if resolved is True else resolved)}
        yield from _branches(root, branch)
