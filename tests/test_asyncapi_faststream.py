"""faststream's AsyncAPI document of the bus, generated from the kit's declarations, agrees
with the contracts' published one (`contracts/asyncapi.json`).

Compared: the subjects (channel addresses) and each event's payload schema, with every
`$ref` resolved. Tolerated, because faststream does not model them: channel, message and
operation ids (faststream names them after the event type or the consumer); the
CloudEvents envelope around each payload and the headers (`Nats-Msg-Id`, `ce-type`,
`traceparent`), which only the contracts' document describes; faststream's subscriber
messages, whose payload is empty because the kit reads the raw batch itself.
"""

import json
from typing import Any

import pytest

from milagro_coaching.service import service as coaching
from milagro_contracts import CATALOGUE
from milagro_contracts.export import ASYNCAPI, message_key
from milagro_events.service import service as events
from milagro_kit.broker import asyncapi
from milagro_notifier.service import service as notifier
from milagro_observatory.service import service as observatory
from milagro_registry.service import service as registry

SERVICES = (registry, events, coaching, observatory, notifier)
GENERATED = asyncapi(c for s in SERVICES for c in s.consumers)
PUBLISHED = json.loads(ASYNCAPI.read_text())


def resolved(node: Any, schemas: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by what it points at."""
    if isinstance(node, dict):
        if "$ref" in node:
            return resolved(schemas[node["$ref"].rsplit("/", 1)[1]], schemas)
        return {key: resolved(value, schemas) for key, value in node.items()}
    if isinstance(node, list):
        return [resolved(item, schemas) for item in node]
    return node


def addresses(document: dict[str, Any], action: str) -> set[str]:
    channels = document["channels"]
    return {
        channels[op["channel"]["$ref"].rsplit("/", 1)[1]]["address"]
        for op in document["operations"].values()
        if op["action"] == action
    }


def test_the_same_subjects_are_published() -> None:
    assert addresses(GENERATED, "send") == addresses(PUBLISHED, "send")
    assert len(addresses(PUBLISHED, "send")) == len({s.subject for s in CATALOGUE.values()})


def test_every_consumer_receives_published_subjects_only() -> None:
    received = addresses(GENERATED, "receive")
    assert received, "no consumer declared"
    assert received <= addresses(PUBLISHED, "send")
    for service in SERVICES:
        for consumer in service.consumers:
            assert set(consumer.durable.subjects) <= received, consumer.name


@pytest.mark.parametrize("event_type", sorted(CATALOGUE))
def test_each_payload_schema_is_the_contracts(event_type: str) -> None:
    generated = GENERATED["components"]["messages"][f"{event_type}:Message"]["payload"]
    published = PUBLISHED["components"]["messages"][message_key(CATALOGUE[event_type])]
    data = published["payload"]["allOf"][1]["properties"]["data"]
    assert resolved(generated, GENERATED["components"]["schemas"]) == resolved(
        data, PUBLISHED["components"]["schemas"]
    )
