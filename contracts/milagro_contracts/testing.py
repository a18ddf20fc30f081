"""Hypothesis strategies for valid event payloads (needs `hypothesis`, a dev dependency).

    from milagro_contracts.testing import events, payloads

    @given(payloads(ParticipantRegistered))
    def test_projection(event): ...

The strategies are derived from the payload classes' fields and their constraints, so a
new event is covered as soon as it is in the catalogue; a field of a type this module does
not know fails loudly (extend `_values`).
"""

import types
from datetime import UTC, datetime, timedelta, timezone
from enum import Enum
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin
from uuid import UUID

from hypothesis import strategies as st
from pydantic import AwareDatetime, BaseModel
from pydantic.fields import FieldInfo

from milagro_contracts.catalogue import CATALOGUE
from milagro_contracts.event import Event

_CONSTRAINTS = ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern")
# Long lists and texts add nothing but time.
_MAX_SIZE = 5
_MAX_TEXT = 30
_OFFSETS = (UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5, minutes=-30)))

E = TypeVar("E", bound=Event)


def payloads(payload: type[E]) -> st.SearchStrategy[E]:
    """Valid instances of one payload class."""
    return _raw(payload).map(payload.model_validate)


def events() -> st.SearchStrategy[Event]:
    """Valid payloads of any event in the catalogue."""
    return st.sampled_from([spec.payload for spec in CATALOGUE.values()]).flatmap(payloads)


def _raw(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """Field values for `model.model_validate`: every required field, some optional ones."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, field in model.model_fields.items():
        values = _values(field.annotation, _constraints(field.metadata))
        (required if field.is_required() else optional)[name] = values
    return st.fixed_dictionaries(required, optional=optional)


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            found |= _constraints(item.metadata)
        for key in _CONSTRAINTS:
            if getattr(item, key, None) is not None:
                found[key] = getattr(item, key)
    return found


def _values(annotation: Any, limits: dict[str, Any]) -> st.SearchStrategy[Any]:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _values(args[0], limits | _constraints(list(args[1:])))
    if origin in (Union, types.UnionType):
        return st.one_of([_values(arg, limits) for arg in args])
    if origin is list:
        low, high = _sizes(limits)
        return st.lists(_values(args[0], {}), min_size=low, max_size=high)
    if origin is dict:
        keys, values = _values(args[0], {}), _values(args[1], {})
        low, high = _sizes(limits)
        return st.dictionaries(keys, values, min_size=low, max_size=high)
    if annotation is type(None):
        return st.none()
    if isinstance(annotation, type):
        return _scalar(annotation, limits)
    raise TypeError(f"no strategy for {annotation!r}; extend milagro_contracts.testing")


def _scalar(kind: type, limits: dict[str, Any]) -> st.SearchStrategy[Any]:
    if issubclass(kind, BaseModel):
        return _raw(kind)
    if issubclass(kind, Enum):
        return st.sampled_from(list(kind))
    if kind is bool:
        return st.booleans()
    if kind is int:
        low = limits.get("ge", limits["gt"] + 1 if "gt" in limits else -(2**31))
        high = limits.get("le", limits["lt"] - 1 if "lt" in limits else 2**31)
        return st.integers(low, high)
    if kind is float:
        return st.floats(limits.get("ge"), limits.get("le"), allow_nan=False, allow_infinity=False)
    if kind is str:
        return _text(limits)
    if kind is UUID:
        return st.uuids()
    if kind is datetime or kind is AwareDatetime:
        return st.datetimes(
            min_value=datetime(2000, 1, 1),
            max_value=datetime(2100, 1, 1),
            timezones=st.sampled_from(_OFFSETS),
        )
    raise TypeError(f"no strategy for {kind!r}; extend milagro_contracts.testing")


def _text(limits: dict[str, Any]) -> st.SearchStrategy[str]:
    low, high = limits.get("min_length", 0), limits.get("max_length")
    if "pattern" in limits:
        matching = st.from_regex(limits["pattern"], fullmatch=True)
        return matching.filter(lambda text: low <= len(text) <= (high or len(text)))
    return st.text(min_size=low, max_size=min(high or _MAX_TEXT, _MAX_TEXT))


def _sizes(limits: dict[str, Any]) -> tuple[int, int]:
    low: int = limits.get("min_length", 0)
    return low, min(limits.get("max_length", low + _MAX_SIZE), low + _MAX_SIZE)
