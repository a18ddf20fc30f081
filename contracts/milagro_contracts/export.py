"""Writes the JSON Schema of every event and the AsyncAPI document of the whole bus.

    uv run milagro-contracts export            # refresh contracts/schemas and asyncapi.json
    uv run milagro-contracts export --release  # also freeze schemas not yet released

The committed copies are checked by the contract tests: stale copies fail, and a schema
that changed incompatibly within its major version fails.
"""

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from milagro_contracts.catalogue import CATALOGUE, STREAMS, EventSpec
from milagro_contracts.envelope import Envelope

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
RELEASED = ROOT / "released"
ASYNCAPI = ROOT / "asyncapi.json"

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Payloads are described as they are written on the bus (`model_dump(mode="json")`).
SCHEMA_MODE: Final[Literal["serialization"]] = "serialization"


def event_schema(spec: EventSpec) -> dict[str, Any]:
    """The JSON Schema of one event's payload (the envelope's `data`), self-contained."""
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": spec.schema_uri,
        **spec.payload.model_json_schema(mode=SCHEMA_MODE),
    }


def message_key(spec: EventSpec) -> str:
    """The AsyncAPI message id of an event type (component keys allow no dots)."""
    return spec.type.replace(".", "_")


def channel_key(subject: str) -> str:
    """The AsyncAPI channel id of a NATS subject."""
    return subject.replace(".", "_")


def asyncapi() -> dict[str, Any]:
    """An AsyncAPI 3.0 document: a channel per subject, a message and an operation per type.

    Every schema (envelope, payloads and what they share) sits under `components.schemas`
    and is referenced locally, so the document stands alone.
    """
    specs = list(CATALOGUE.values())
    models: list[type[BaseModel]] = [spec.payload for spec in specs] + [Envelope]
    refs, definitions = models_json_schema(
        [(model, SCHEMA_MODE) for model in models],
        ref_template="#/components/schemas/{model}",
    )
    by_subject: dict[str, list[EventSpec]] = defaultdict(list)
    for spec in specs:
        by_subject[spec.subject].append(spec)

    channels = {
        channel_key(subject): {
            "address": subject,
            "description": f"JetStream stream {same[0].stream}",
            "messages": {
                message_key(spec): {"$ref": f"#/components/messages/{message_key(spec)}"}
                for spec in same
            },
        }
        for subject, same in by_subject.items()
    }
    operations = {
        f"publish_{message_key(spec)}": {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel_key(spec.subject)}"},
            "messages": [
                {"$ref": f"#/channels/{channel_key(spec.subject)}/messages/{message_key(spec)}"}
            ],
            "summary": f"The {spec.payload.context} service publishes {spec.payload.__name__}",
        }
        for spec in specs
    }
    envelope_ref = refs[(Envelope, SCHEMA_MODE)]
    messages = {
        message_key(spec): _message(spec, envelope_ref, refs[(spec.payload, SCHEMA_MODE)])
        for spec in specs
    }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "MILAGRO domain events",
            "version": "1.0.0",
            "description": "Every event on the MILAGRO bus, as a CloudEvents 1.0 envelope in "
            "structured JSON mode. Streams: "
            + ", ".join(f"{s.name} ({', '.join(s.subjects)})" for s in STREAMS),
            "license": {"name": "EUPL-1.2"},
        },
        "defaultContentType": "application/cloudevents+json",
        "servers": {
            "local": {"host": "127.0.0.1:4222", "protocol": "nats", "description": "milagro up"}
        },
        "channels": channels,
        "operations": operations,
        "components": {"schemas": definitions["$defs"], "messages": messages},
    }


def _message(spec: EventSpec, envelope: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The message of one event type: the envelope, pinned to the type, carrying its payload."""
    return {
        "name": spec.type,
        "title": spec.payload.__name__,
        "summary": (spec.payload.__doc__ or "").strip(),
        "contentType": "application/cloudevents+json",
        "headers": {
            "type": "object",
            "properties": {
                "Nats-Msg-Id": {"type": "string", "description": "The event id"},
                "ce-type": {"type": "string", "const": spec.type},
                "traceparent": {"type": "string", "description": "W3C trace context"},
            },
        },
        "payload": {
            "allOf": [
                envelope,
                {
                    "type": "object",
                    "properties": {
                        "type": {"const": spec.type},
                        "dataschema": {"const": spec.schema_uri},
                        "data": data,
                    },
                },
            ]
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
    """The `milagro-contracts` command."""
    parser = argparse.ArgumentParser(prog="milagro-contracts")
    parser.add_argument("command", choices=["export"])
    parser.add_argument("--release", action="store_true", help="freeze unreleased schemas")
    args = parser.parse_args(argv)
    files = rendered()
    SCHEMAS.mkdir(exist_ok=True)
    for stale in set(SCHEMAS.glob("*.json")) - set(files):
        stale.unlink()
    for path, text in files.items():
        path.write_text(text)
    frozen = 0
    if args.release:
        RELEASED.mkdir(exist_ok=True)
        for path, text in files.items():
            release = RELEASED / path.name
            if path.parent == SCHEMAS and not release.exists():
                release.write_text(text)
                frozen += 1
    print(f"wrote {len(files)} files under {ROOT}; froze {frozen} new schemas")
