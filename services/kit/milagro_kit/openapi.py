"""A service's OpenAPI document as the kit completes it: the errors the kit answers on any
operation, and links from a creation to what can be done with the created record."""

import re
from typing import Any

from fastapi import FastAPI

from milagro_kit.problems import problem_responses

Document = dict[str, Any]


def complete(app: FastAPI) -> None:
    """Complete the app's document the first time it is asked for (routes come later)."""
    build = app.openapi

    def openapi() -> Document:
        if app.openapi_schema is None:
            document = build()
            document_problems(document)
            link_creations(document)
            return document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def document_problems(document: Document) -> None:
    """400 for an unreadable body, 413 for one too large, 422 (problem+json, not FastAPI's
    default) for invalid input, 503 with Retry-After while the database is unreachable."""
    problems = problem_responses(400, 413, 422, 503)
    problems[503]["headers"] = {
        "Retry-After": {
            "description": "Seconds after which to try again",
            "schema": {"type": "integer"},
        }
    }
    for operation in _operations(document):
        responses = operation.setdefault("responses", {})
        default = responses.get("422", {}).get("content", {}).get("application/json", {})
        if default.get("schema", {}).get("$ref", "").endswith("/HTTPValidationError"):
            del responses["422"]
        kit = [422] if operation.get("parameters") or "requestBody" in operation else []
        if "requestBody" in operation:
            kit += [400, 413]
        if "operations" not in operation.get("tags", ()):  # /healthz never reads the database
            kit += [503]
        for status in kit:
            responses.setdefault(str(status), problems[status])
    schemas = document.get("components", {}).get("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)


def link_creations(document: Document) -> None:
    """On every 201 whose body has an `id`, a link to each operation on the record it
    created (`<collection>/{id}` and below), so a client or a stateful test knows where
    the id goes: read, change, delete and every action of the record."""
    paths: dict[str, dict[str, Any]] = document.get("paths", {})
    schemas = document.get("components", {}).get("schemas", {})
    for collection, item in paths.items():
        created = item.get("post", {}).get("responses", {}).get("201")
        schema = (created or {}).get("content", {}).get("application/json", {}).get("schema", {})
        body = schemas.get(schema.get("$ref", "").rsplit("/", 1)[-1], schema)
        if created is None or "id" not in body.get("properties", {}):
            continue
        inherited = {f"path.{p}": f"$request.path.{p}" for p in re.findall(r"{(\w+)}", collection)}
        record = re.compile(re.escape(collection) + r"/\{(\w+)\}(/[^{}]*)?")
        for path, operations in paths.items():
            match = record.fullmatch(path)
            if match is None:
                continue
            for target in _operations({"paths": {path: operations}}):
                parameters = inherited | {f"path.{match[1]}": "$response.body#/id"}
                created.setdefault("links", {})[target["operationId"]] = {
                    "operationId": target["operationId"],
                    "parameters": parameters,
                }


def _operations(document: Document) -> list[dict[str, Any]]:
    methods = ("get", "put", "post", "delete", "patch")
    return [
        operation
        for item in document.get("paths", {}).values()
        for method, operation in item.items()
        if method in methods
    ]
