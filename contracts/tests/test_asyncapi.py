"""The AsyncAPI document has the structure AsyncAPI 3.0 requires and covers the catalogue."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from milagro_contracts import CATALOGUE
from milagro_contracts.export import asyncapi, channel_key, message_key

DOC = asyncapi()
COMPONENT_KEY = re.compile(r"^[A-Za-z0-9.\-_]+$")


def resolve(ref: str) -> Any:
    assert ref.startswith("#/"), f"{ref} is not local"
    node: Any = DOC
    for part in ref[2:].split("/"):
        assert part in node, f"{ref} does not resolve"
        node = node[part]
    return node


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_top_level() -> None:
    assert DOC["asyncapi"] == "3.0.0"
    assert {"title", "version"} <= set(DOC["info"])
    for server in DOC["servers"].values():
        assert {"host", "protocol"} <= set(server)
    assert set(DOC) <= {
        "asyncapi", "id", "info", "servers", "defaultContentType",
        "channels", "operations", "components",
    }  # fmt: skip


def test_every_reference_is_local_and_resolves() -> None:
    found = list(refs(DOC))
    assert found
    for ref in found:
        resolve(ref)


def test_component_keys_are_valid() -> None:
    for section in ("schemas", "messages"):
        for key in DOC["components"][section]:
            assert COMPONENT_KEY.match(key), key
    for key in [*DOC["channels"], *DOC["operations"]]:
        assert COMPONENT_KEY.match(key), key


def test_channels_have_an_address_and_referenced_messages() -> None:
    for channel in DOC["channels"].values():
        assert isinstance(channel["address"], str)
        assert channel["messages"]
        for key, message in channel["messages"].items():
            assert message == {"$ref": f"#/components/messages/{key}"}


def test_operations_send_their_channel_messages() -> None:
    for operation in DOC["operations"].values():
        assert operation["action"] in {"send", "receive"}
        channel = operation["channel"]["$ref"]
        assert channel.startswith("#/channels/")
        for message in operation["messages"]:
            # AsyncAPI 3.0: an operation's messages must be messages of its channel.
            assert message["$ref"].startswith(f"{channel}/messages/")
            resolve(message["$ref"])


def test_messages_have_a_payload_schema() -> None:
    for message in DOC["components"]["messages"].values():
        assert {"name", "payload", "contentType"} <= set(message)
        assert message["headers"]["type"] == "object"
        Draft202012Validator.check_schema(message["payload"])


def test_the_catalogue_is_covered_once() -> None:
    messages = DOC["components"]["messages"]
    assert sorted(m["name"] for m in messages.values()) == sorted(CATALOGUE)
    assert len(DOC["operations"]) == len(CATALOGUE)
    assert len(DOC["channels"]) == len({spec.subject for spec in CATALOGUE.values()})


@pytest.mark.parametrize("spec", CATALOGUE.values(), ids=list(CATALOGUE))
def test_each_event_has_its_channel_operation_and_payload(spec: Any) -> None:
    channel = DOC["channels"][channel_key(spec.subject)]
    assert channel["address"] == spec.subject
    assert message_key(spec) in channel["messages"]
    operation = DOC["operations"][f"publish_{message_key(spec)}"]
    assert operation["channel"] == {"$ref": f"#/channels/{channel_key(spec.subject)}"}
    envelope, pinned = DOC["components"]["messages"][message_key(spec)]["payload"]["allOf"]
    assert envelope == {"$ref": "#/components/schemas/Envelope"}
    assert pinned["properties"]["type"] == {"const": spec.type}
    data = resolve(pinned["properties"]["data"]["$ref"])
    assert data["title"] == spec.payload.__name__
