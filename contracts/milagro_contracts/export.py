"""Writes the JSON Schema of every event and the AsyncAPI document of the whole bus.

    uv run milagro-contracts export            # refresh contracts/schemas and asyncapi.json
    uv run milagro-contracts export --release  # also freeze schemas not yet released

The committed copies are checked by the contract tests: stale copies fail, and a schema
that changed incompatibly within its major version fails.
"""

import argparse
import json
from pathlib import Path
from typing import Any

from milagro_contracts.catalogue import CATALOGUE, STREAMS, EventSpec
from milagro_contracts.envelope import Envelope

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
RELEASED = ROOT / "released"
ASYNCAPI = ROOT / "asyncapi.json"


def event_schema(spec: EventSpec) -> dict[str, Any]:
    """The JSON Schema of one event's payload (the envelope's `data`)."""
    schema = spec.payload.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": spec.schema_uri,
        "title": spec.type,
        **schema,
    }


def asyncapi() -> dict[str, Any]:
    """An AsyncAPI 3.0 document: a channel per subject, a message per event type."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for spec in CATALOGUE.values():
        key = spec.type.replace(".", "_")
        messages[key] = {
            "name": spec.type,
            "title": spec.payload.__name__,
            "summary": (spec.payload.__doc__ or "").strip(),
            "contentType": "application/cloudevents+json",
            "headers": {
                "type": "object",
                "properties": {
                    "Nats-Msg-Id": {"type": "string", "description": "= the event id"},
                    "ce-type": {"type": "string", "const": spec.type},
                    "traceparent": {"type": "string"},
                },
            },
            "payload": {
                "allOf": [
                    {"$ref": "#/components/schemas/Envelope"},
                    {"properties": {"data": {"$ref": spec.schema_uri}}},
                ]
            },
        }
        channel = {
            "address": spec.subject,
            "description": f"Stream {spec.stream}",
            "messages": {key: {"$ref": f"#/components/messages/{key}"}},
        }
        channels.setdefault(spec.subject.replace(".", "_"), channel)
        channels[spec.subject.replace(".", "_")]["messages"][key] = {
            "$ref": f"#/components/messages/{key}"
        }
        operations[f"publish_{key}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{spec.subject.replace('.', '_')}"},
            "messages": [{"$ref": f"#/channels/{spec.subject.replace('.', '_')}/messages/{key}"}],
            "summary": f"The {spec.payload.context} service publishes {spec.payload.__name__}",
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "MILAGRO domain events",
            "version": "1.0.0",
            "description": "Every event on the MILAGRO bus. Streams: "
            + ", ".join(f"{s.name} ({', '.join(s.subjects)})" for s in STREAMS),
            "license": {"name": "EUPL-1.2"},
        },
        "defaultContentType": "application/cloudevents+json",
        "servers": {
            "local": {"host": "127.0.0.1:4222", "protocol": "nats", "description": "milagro up"}
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": {"Envelope": Envelope.model_json_schema()},
            "messages": messages,
        },
    }


def rendered() -> dict[Path, str]:
    """Every exported file with its content, as the export command would write it."""
    files = {ASYNCAPI: _dump(asyncapi())}
    for spec in CATALOGUE.values():
        files[SCHEMAS / f"{spec.type}.json"] = _dump(event_schema(spec))
    return files


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="milagro-contracts")
    parser.add_argument("command", choices=["export"])
    parser.add_argument("--release", action="store_true", help="freeze unreleased schemas")
    args = parser.parse_args(argv)
    SCHEMAS.mkdir(exist_ok=True)
    for stale in set(SCHEMAS.glob("*.json")) - set(rendered()):
        stale.unlink()
    for path, text in rendered().items():
        path.write_text(text)
    if args.release:
        RELEASED.mkdir(exist_ok=True)
        for path, text in rendered().items():
            frozen = RELEASED / path.name
            if path.parent == SCHEMAS and not frozen.exists():
                frozen.write_text(text)
    print(f"wrote {len(rendered())} files under {ROOT}")
