"""Spotting field names that suggest personal data.

Event payloads, the observatory's and notifier's tables and the public feeds may carry
pseudonymous ids and statistical attributes only; never names, contact data, birth dates,
addresses or free text about a person. These helpers let a test scan a JSON Schema (or a
list of column names) for fields whose *name* suggests otherwise.
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any

# Words that, as a part of a field name, suggest personal data or free text about a person.
PERSONAL_WORDS = frozenset(
    {
        # names
        "name",
        "names",
        "firstname",
        "lastname",
        "surname",
        "fullname",
        "nickname",
        "username",
        # contact
        "email",
        "mail",
        "phone",
        "telephone",
        "mobile",
        "fax",
        "address",
        "street",
        "postcode",
        "postal",
        "zip",
        # identity
        "birth",
        "birthday",
        "birthdate",
        "dob",
        "passport",
        "ssn",
        "iban",
        "ip",
        "photo",
        "picture",
        "avatar",
        "signature",
        # free text
        "note",
        "notes",
        "comment",
        "comments",
        "remark",
        "remarks",
        "bio",
        "biography",
    }
)


def name_words(field: str) -> list[str]:
    """The lower-case words of a field name: `birth_date`, `birthDate` -> birth, date."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", field)
    return [word for word in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if word]


def is_personal(field: str) -> bool:
    """True when a field's name suggests personal data."""
    return any(word in PERSONAL_WORDS for word in name_words(field))


def personal_fields(schema: Mapping[str, Any]) -> list[str]:
    """JSON Pointers of every property, anywhere in `schema`, whose name suggests personal data.

    E.g. `/properties/email` or `/$defs/Person/properties/given_name`.
    """
    return [pointer for pointer, name in _properties(schema, "") if is_personal(name)]


def _properties(node: Any, pointer: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            here = f"{pointer}/{_escape(str(key))}"
            if key == "properties" and isinstance(value, Mapping):
                for name, sub in value.items():
                    yield f"{here}/{_escape(name)}", name
                    yield from _properties(sub, f"{here}/{_escape(name)}")
            else:
                yield from _properties(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _properties(item, f"{pointer}/{index}")


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
