"""The deployment files, checked without Docker or a cluster: docker-compose.yml against the
Compose specification's schema, and the one entry point (compose's nginx gateway, the
Kubernetes Ingress) against every service's OpenAPI document: each path goes to its
service, and /internal/ nowhere."""

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import crossplane
import jsonschema
import yaml

from milagro_kit.service import create_app
from milagro_kit.testing.debian import tool
from milagro_platform.services import discover

ROOT = Path(__file__).resolve().parents[1]
GATEWAY = ROOT / "deploy" / "gateway" / "nginx.conf"
INGRESS = ROOT / "deploy" / "kubernetes" / "ingress.yaml"
NOT_ROUTED = ("/healthz", "/readyz", "/internal/")  # each replica's own, or service to service


def compose_errors(document: dict[str, Any]) -> list[str]:
    schema = json.loads((ROOT / "deploy" / "compose-spec" / "compose-spec.json").read_text())
    validator = jsonschema.Draft201909Validator(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def test_compose_follows_the_compose_specification() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose_errors(compose) == []
    # the schema does catch a mistake
    compose["services"]["gateway"]["restart"] = ["always"]
    assert compose_errors(compose)


def example_paths() -> dict[str, list[str]]:
    """Every public path of every service, its parameters filled with a possible value."""
    found: dict[str, list[str]] = {}
    for name, service in discover().items():
        document = create_app(service, service.settings(service=name)).openapi()
        for template, operations in document["paths"].items():
            if template.startswith(NOT_ROUTED):
                continue
            path = template
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "path":
                        value = parameter["schema"].get("enum", ["x1"])[0]
                        path = path.replace(f"{{{parameter['name']}}}", value)
            found.setdefault(name, []).append(path)
    return found


def nginx_locations() -> list[dict[str, Any]]:
    parsed = crossplane.parse(str(GATEWAY), combine=True)
    assert parsed["status"] == "ok", parsed["errors"]
    http = next(d for d in parsed["config"][0]["parsed"] if d["directive"] == "http")
    server = next(d for d in http["block"] if d["directive"] == "server")
    return [d for d in server["block"] if d["directive"] == "location"]


def nginx_route(locations: list[dict[str, Any]], path: str) -> str | None:
    """The upstream nginx passes `path` to (its location rules: an exact match, else the
    longest prefix unless a regex matches first), None for a refusal."""
    exact = [loc for loc in locations if loc["args"][0] == "="]
    prefixes = [loc for loc in locations if len(loc["args"]) == 1]
    regexes = [loc for loc in locations if loc["args"][0] in ("~", "~*")]
    chosen = next((loc for loc in exact if loc["args"][1] == path), None)
    if chosen is None:
        longest = max(
            (loc for loc in prefixes if path.startswith(loc["args"][0])),
            key=lambda loc: len(loc["args"][0]),
        )
        chosen = next((r for r in regexes if re.search(r["args"][1], path)), longest)
    upstream = next((d["args"][0] for d in chosen["block"] if d["directive"] == "proxy_pass"), None)
    return upstream.removeprefix("http://").split("/")[0] if upstream else None


def ingress_route(path: str) -> str | None:
    """The Service ingress-nginx sends `path` to: regex paths (use-regex), anchored at the
    start, case-insensitive, the longest first."""
    ingress = yaml.safe_load(INGRESS.read_text())
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/use-regex"] == "true"
    rules = ingress["spec"]["rules"][0]["http"]["paths"]
    for rule in sorted(rules, key=lambda r: len(r["path"]), reverse=True):
        if re.match(rule["path"], path, re.IGNORECASE):
            return str(rule["backend"]["service"]["name"]).removeprefix("milagro-")
    return None


def test_the_gateway_and_the_ingress_send_each_path_to_its_service() -> None:
    locations = nginx_locations()
    paths = example_paths()
    assert set(paths) == set(discover())
    for service, examples in paths.items():
        for path in examples:
            assert nginx_route(locations, path) == service, f"gateway: {path}"
            assert ingress_route(path) == service, f"ingress: {path}"
    for service in paths:
        assert nginx_route(locations, f"/{service}/openapi.json") == service
    for hidden in ("/internal/v1/participants/x1/contact", "/v1/nothing", "/metrics"):
        assert nginx_route(locations, hidden) is None, hidden
        assert ingress_route(hidden) is None, hidden


def test_nginx_accepts_the_gateway_config(tmp_path: Path) -> None:
    nginx = tool("nginx", "nginx-light")
    # the upstreams' names resolve only inside compose's network
    config = re.sub(r"server \w+:8000;", "server 127.0.0.1:8000;", GATEWAY.read_text())
    (tmp_path / "nginx.conf").write_text(config)
    checked = subprocess.run(
        [
            nginx,
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-g",
            f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;",
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
