"""Merging two records of one person: what the kept record ends up with."""

from typing import Any

from milagro_contracts.event import Group

FILLED_FROM_DUPLICATE: tuple[str, ...] = (
    "email",
    "phone",
    "birth_date",
    "preferred_language",
    "country",
)
"""Fields the kept record takes from the duplicate only where it has none itself."""

UNITED: tuple[str, ...] = ("languages", "roles")
"""Lists that become the union of both records (the kept record's order first)."""


def merged_fields(kept: dict[str, Any], duplicate: dict[str, Any]) -> dict[str, Any]:
    """The kept record's fields after the merge: its own values win, its gaps are filled
    from the duplicate, languages and roles are united. The name, the group and what goes
    with them stay the kept record's, so the result is as consistent as the kept record."""
    after = dict(kept)
    for name in FILLED_FROM_DUPLICATE:
        if after.get(name) is None:
            after[name] = duplicate.get(name)
    for name in UNITED:
        after[name] = list(dict.fromkeys([*kept.get(name, []), *duplicate.get(name, [])]))
    if after.get("gender") is None:
        after["gender"] = duplicate.get("gender")
        after["gender_self_described"] = duplicate.get("gender_self_described")
    if (
        after.get("group") == Group.migrant
        and duplicate.get("group") == Group.migrant
        and after.get("migrant_status") is None
    ):
        after["migrant_status"] = duplicate.get("migrant_status")
    return after
