"""Every payload matches its exported schema, survives the envelope, and is not personal."""

import json
import uuid
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator
from pydantic import ValidationError

from milagro_contracts import CATALOGUE, Envelope, Event, new_envelope, spec_for
from milagro_contracts.export import SCHEMAS, asyncapi, message_key
from milagro_contracts.privacy import is_personal, personal_fields
from milagro_contracts.registry import ParticipantErased
from milagro_contracts.testing import payloads

SPECS = list(CATALOGUE.values())
# The one name on the bus: a partner organisation's.
NOT_PERSONAL = {("eu.milagro.registry.partner.registered.v1", "/properties/name")}


@cache
def payload_validator(event_type: str) -> Validator:
    schema = json.loads((SCHEMAS / f"{event_type}.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


ASYNCAPI = asyncapi()


@cache
def envelope_validator(event_type: str) -> Validator:
    """The AsyncAPI message payload of a type, as a schema over the whole document."""
    message = f"#/components/messages/{message_key(CATALOGUE[event_type])}/payload"
    return Draft202012Validator({**ASYNCAPI, "$ref": message})


def errors(validator: Validator, instance: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


@pytest.mark.parametrize("spec", SPECS, ids=list(CATALOGUE))
def test_payloads_match_their_exported_schema(spec: Any) -> None:
    @settings(max_examples=30)
    @given(payloads(spec.payload))
    def check(payload: Event) -> None:
        assert errors(payload_validator(spec.type), payload.model_dump(mode="json")) == []

    check()


@pytest.mark.parametrize("spec", SPECS, ids=list(CATALOGUE))
def test_envelope_round_trip(spec: Any) -> None:
    @settings(max_examples=10)
    @given(payloads(spec.payload))
    def check(payload: Event) -> None:
        sent = new_envelope(payload, source="/milagro/test", subject="some-aggregate")
        wire = sent.model_dump_json()
        received = Envelope.model_validate_json(wire)
        assert received == sent
        assert received.type == spec.type
        assert received.dataschema == spec.schema_uri
        assert spec_for(received.type).parse(received.data) == payload
        assert errors(envelope_validator(spec.type), json.loads(wire)) == []

    check()


@settings(max_examples=5)
@given(payloads(SPECS[0].payload))
def test_the_asyncapi_envelope_rejects_a_mislabelled_event(payload: Event) -> None:
    first, second = SPECS[0], SPECS[1]
    wire = json.loads(new_envelope(payload, source="/milagro/test").model_dump_json())
    assert errors(envelope_validator(first.type), wire) == []
    assert errors(envelope_validator(second.type), wire) != []


@pytest.mark.parametrize("spec", SPECS, ids=list(CATALOGUE))
def test_no_payload_carries_personal_data(spec: Any) -> None:
    schema = json.loads((SCHEMAS / f"{spec.type}.json").read_text())
    found = {(spec.type, pointer) for pointer in personal_fields(schema)} - NOT_PERSONAL
    assert not found, f"personal fields on the bus: {sorted(found)}"


@pytest.mark.parametrize(
    "field",
    ["name", "given_name", "family_name", "firstName", "email", "contact_email", "phone",
     "mobile_number", "birth_date", "dateOfBirth", "address", "street", "postcode", "notes",
     "comment", "remarks"],
)  # fmt: skip
def test_personal_names_are_spotted(field: str) -> None:
    assert is_personal(field)


@pytest.mark.parametrize(
    "field",
    ["participant_id", "partner", "group", "gender", "age_band", "country", "languages",
     "roles", "text_version", "instrument_id", "place", "city", "kind", "scores"],
)  # fmt: skip
def test_statistical_attributes_are_not_spotted(field: str) -> None:
    assert not is_personal(field)


def test_personal_fields_are_found_anywhere_in_a_schema() -> None:
    schema = {
        "properties": {"participant_id": {"type": "string"}},
        "$defs": {"Person": {"properties": {"given_name": {"type": "string"}}}},
        "anyOf": [{"properties": {"contact": {"properties": {"email": {}}}}}],
    }
    assert personal_fields(schema) == [
        "/$defs/Person/properties/given_name",
        "/anyOf/0/properties/contact/properties/email",
    ]


def test_event_times_must_say_their_time_zone():
    """A naive time could fall into the wrong month of an indicator: refused at the edge."""
    with pytest.raises(ValidationError, match="timezone"):
        ParticipantErased(
            partner="IT-SIENA", participant_id=uuid.uuid4(), erased_at=datetime(2026, 5, 1, 12, 0)
        )


def test_an_update_carries_what_changed_and_names_what_was_cleared():
    from milagro_contracts.registry import (
        ClearableAttribute,
        ParticipantAttributesChange,
        ParticipantUpdated,
    )

    update = ParticipantUpdated(
        partner="RS-BELGRADE",
        participant_id=uuid.uuid4(),
        updated_at=datetime.now(UTC),
        changed=ParticipantAttributesChange(gender="male"),
        cleared=[ClearableAttribute.migrant_status],
    )
    data = new_envelope(update, source="/test").data
    assert data["changed"] == {"gender": "male"}  # nothing else, not even as null
    read = spec_for(new_envelope(update, source="/test").type).parse(data)
    assert read.assignments() == {"gender": "male", "migrant_status": None}


def test_an_update_published_before_cleared_existed_changes_only_its_values():
    """Such events carried every attribute, null where unchanged: null is not a value."""
    from milagro_contracts.registry import ParticipantUpdated

    legacy = {
        "partner": "RS-BELGRADE",
        "participant_id": str(uuid.uuid4()),
        "updated_at": "2026-11-01T10:00:00Z",
        "changed": {
            "group": None,
            "migrant_status": None,
            "gender": "male",
            "age_band": None,
            "country": None,
            "languages": None,
            "roles": None,
        },
    }
    assert ParticipantUpdated.model_validate(legacy).assignments() == {"gender": "male"}
