"""The demo registers its people through the registry API: none of them may trip the
registry's duplicate rules, or `milagro up --demo` would stop at a 409."""

import uuid
from datetime import date

from milagro_registry.demo import participants
from milagro_registry.domain.duplicates import Person, matches
from milagro_registry.store.keys import key_columns, person


def test_no_demo_participant_is_a_duplicate_of_another():
    registered: dict[str, list[Person]] = {}
    for body in participants():
        keys = key_columns(body["given_name"], body["family_name"], body["email"])
        born = date.fromisoformat(body["birth_date"])
        others = registered.setdefault(body["partner"], [])
        assert matches(person(None, keys, born), others) == [], body
        others.append(person(uuid.uuid4(), keys, born))
    assert sum(map(len, registered.values())) == len(participants())
