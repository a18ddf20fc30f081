"""Writes the partner clients from every service's OpenAPI document.

    uv run python clients/generate.py            # after changing any service's API

For each service installed in the workspace (found as `milagro up` finds them):
`clients/openapi/<service>.json`, the document its app serves at /openapi.json (built
without servers); `clients/python/<service>/`, a Python package `milagro-<service>-client`
(openapi-python-client); `clients/typescript/src/<service>.ts`, its TypeScript types
(openapi-typescript, from `clients/typescript`'s locked npm packages, installed by
`npm ci` when missing). clients/tests/test_generated.py checks in CI that all of it is
what this script writes now.
"""

import copy
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from milagro_kit.service import create_app
from milagro_platform.services import discover

CLIENTS = Path(__file__).resolve().parent
TYPESCRIPT = CLIENTS / "typescript"
RUFF = Path(sys.executable).parent / "ruff"


def documents() -> dict[str, dict[str, Any]]:
    """Every service's OpenAPI document, as its app serves it."""
    return {
        name: create_app(service, service.settings(service=name)).openapi()
        for name, service in discover().items()
    }


def _shared_problem(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its inlined RFC 9457 bodies as one `ProblemDetails` component.

    The kit inlines the same schema in every error response; openapi-python-client would
    otherwise name one model per operation and status, and drop the clashing ones."""
    document = copy.deepcopy(document)
    reference = {"$ref": "#/components/schemas/ProblemDetails"}
    for operations in document["paths"].values():
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                for content in response.get("content", {}).values():
                    if content.get("schema", {}).get("title") == "ProblemDetails":
                        document["components"]["schemas"]["ProblemDetails"] = content["schema"]
                        content["schema"] = reference
    return document


def write_python(name: str, document: dict[str, Any], target: Path) -> None:
    """The Python package of one service's client in `target` (replaced)."""
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "openapi.json"
        source.write_text(json.dumps(_shared_problem(document)))
        config = Path(scratch) / "config.json"
        config.write_text(
            json.dumps(
                {
                    "project_name_override": f"milagro-{name}-client",
                    "package_name_override": f"milagro_{name}_client",
                    # what the kit's feeds and downloads send, as bytes
                    "content_type_overrides": dict.fromkeys(
                        ("image/svg+xml", "application/zip", "application/atom+xml"),
                        "application/octet-stream",
                    ),
                    # formatted by the workspace's locked ruff, so the output is stable
                    "post_hooks": [
                        f"{RUFF} check --no-cache --fix .",
                        f"{RUFF} format --no-cache .",
                    ],
                }
            )
        )
        output = Path(scratch) / "out"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(source),
                "--config",
                str(config),
                "--meta",
                "uv",
                "--output-path",
                str(output),
                "--fail-on-warning",
            ],
            check=True,
            capture_output=True,
        )
        (output / ".gitignore").unlink()
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(output, target)


def write_typescript(documents_folder: Path, target: Path) -> None:
    """The TypeScript types of every document in `documents_folder`, into `target`."""
    if not (TYPESCRIPT / "node_modules").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TYPESCRIPT, check=True)
    target.mkdir(parents=True, exist_ok=True)
    for document in sorted(documents_folder.glob("*.json")):
        subprocess.run(
            [
                str(TYPESCRIPT / "node_modules" / ".bin" / "openapi-typescript"),
                str(document),
                "--output",
                str(target / f"{document.stem}.ts"),
                # a field with a default may be left out of a request
                "--default-non-nullable",
                "false",
            ],
            check=True,
            capture_output=True,
        )


def main() -> None:
    folder = CLIENTS / "openapi"
    folder.mkdir(exist_ok=True)
    for name, document in documents().items():
        (folder / f"{name}.json").write_text(json.dumps(document, indent=2) + "\n")
        write_python(name, document, CLIENTS / "python" / name)
    write_typescript(folder, TYPESCRIPT / "src")


if __name__ == "__main__":
    main()
