"""What an operator sees, from the running platform.

One trace per story: a partner's POST, the outbox, the relay, every consumer of its event
and the notifier's e-mail and webhook are spans of ONE trace, collected for real from the
separate service processes by an OTLP/HTTP receiver in this test. The alert rules and the
Grafana dashboards (deploy/) parse, and use only metrics the services export."""

import asyncio
import json
import re
import subprocess
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import nats
import promql_parser
import pytest
import yaml
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from prometheus_client.parser import text_string_to_metric_families

from milagro_kit.testing.auth import bearer
from milagro_kit.testing.bodies import consents
from milagro_kit.testing.debian import tool
from milagro_platform.embedded import free_port
from milagro_platform.mailcatcher import MailCatcher
from milagro_platform.services import discover

PARTNER = "NL-LEIDEN"
REGISTERED = "eu.milagro.registry.participant.registered.v1"
SUBJECT = "milagro.registry.participant"
DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$__interval": "1m", "$__range": "1h"}
PROMETHEUS_OWN = {"up"}  # series Prometheus makes itself, not the services


@dataclass(frozen=True)
class Span:
    trace_id: str
    span_id: str
    parent_id: str
    name: str
    service: str


class Receiver(ThreadingHTTPServer):
    """An OTLP/HTTP trace receiver (protobuf, as the services' exporter sends) that is also
    the partner's webhook endpoint: spans at /v1/traces, deliveries at /hooks."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.hooks: list[bytes] = []
        super().__init__(("127.0.0.1", free_port()), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def keep(self, path: str, body: bytes) -> None:
        if path == "/hooks":
            self.hooks.append(body)
            return
        request = ExportTraceServiceRequest.FromString(body)
        for resource in request.resource_spans:
            attributes = {a.key: a.value.string_value for a in resource.resource.attributes}
            self.spans.extend(
                Span(
                    s.trace_id.hex(),
                    s.span_id.hex(),
                    s.parent_span_id.hex(),
                    s.name,
                    attributes["service.name"].removeprefix("milagro-"),
                )
                for scope in resource.scope_spans
                for s in scope.spans
            )


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        self.server.keep(self.path, body)
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Observed:
    stack: Any
    receiver: Receiver
    maildir: Path


@pytest.fixture(scope="module")
async def observed(start_platform, servers, mint, tmp_path_factory) -> AsyncIterator[Observed]:
    """The platform sending its spans here, its mail to a catcher, after one registration
    (and one unreadable message on the bus, so a dead letter is counted)."""
    folder = tmp_path_factory.mktemp("observed")
    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    mail = MailCatcher(folder / "mail", free_port())
    mail.start()
    ports = {name: free_port() for name in discover()}
    settings = {
        "otlp_endpoint": receiver.url,
        "trace_sample_ratio": "1",
        "smtp_url": mail.url,
        "registry_url": f"http://127.0.0.1:{ports['registry']}",
        "service_token": mint.token(service="notifier", subject="notifier"),
        "quiet_from": "00:00",  # no quiet hours: the welcome goes now, whatever the hour
        "quiet_until": "00:00",
        "webhook_allow_internal_urls": "true",  # the receiver listens on 127.0.0.1
    }
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("OTEL_BSP_SCHEDULE_DELAY", "200")  # export spans within 0.2 s
            async with start_platform(folder / "stack", ports=ports, **settings) as stack:
                await _register_someone(stack, mint, receiver)
                nc = await nats.connect(servers.nats_url)
                await nc.jetstream().publish(f"{SUBJECT}.registered", b"unreadable")
                await nc.close()
                yield Observed(stack, receiver, mail.folder)
    finally:
        mail.stop()
        receiver.shutdown()


@pytest.mark.timeout(240)
async def test_a_registration_is_one_trace_to_the_mail_and_the_webhook(observed) -> None:
    story = await _story(observed.receiver, observed.maildir)
    names = {(span.service, span.name) for span in story}
    consumers = [
        (name, consumer.name)
        for name, service in discover().items()
        for consumer in service.consumers
        if consumer.stream == "REGISTRY"
    ]
    for service, consumer in consumers:
        assert (service, f"{consumer} process") in names, f"{consumer} is not in the trace"
    assert ("registry", f"{SUBJECT}.registered publish") in names
    assert ("notifier", "e-mail welcome") in names
    assert ("notifier", f"webhook {REGISTERED}") in names
    # one tree: every span's parent is in the trace, up to the partner's POST
    by_id = {span.span_id: span for span in story}
    roots = [span for span in story if span.parent_id not in by_id]
    assert [(r.service, r.name) for r in roots] == [("registry", "POST /v1/participants")]


async def _register_someone(stack: Any, mint: Any, receiver: Receiver) -> None:
    admin = bearer(mint.token(roles=["admin"]))
    coordinator = bearer(mint.token(partner=PARTNER, roles=["coordinator"]))
    partner = {"code": PARTNER, "name": "Leiden", "country": "NL", "city": "Leiden"}
    async with (
        httpx.AsyncClient(base_url=stack.services["registry"].url, timeout=20) as registry,
        httpx.AsyncClient(base_url=stack.services["notifier"].url, timeout=20) as notifier,
    ):
        assert (await registry.post("/v1/partners", json=partner, headers=admin)).is_success
        hook = {"url": f"{receiver.url}/hooks", "event_types": [REGISTERED], "partner": PARTNER}
        subscribed = await notifier.post(
            "/v1/webhooks/subscriptions", json=hook, headers=coordinator
        )
        assert subscribed.status_code == 201, subscribed.text
        person = {
            "partner": PARTNER,
            "given_name": "Noor",
            "family_name": "Trace",
            "email": "noor@example.org",
            "group": "migrant",
            "migrant_status": "refugee",
            "consents": consents("participation", "communications"),
            "confirm_new_person": True,
        }
        registered = await registry.post("/v1/participants", json=person, headers=coordinator)
        assert registered.status_code == 201, registered.text


async def _story(receiver: Receiver, maildir: Path, timeout: float = 90) -> list[Span]:
    """The spans of the registration's trace once the mail and the webhook have gone (and
    every span they and the consumers make has been exported)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        posts = [s for s in receiver.spans if s.name == "POST /v1/participants" and not s.parent_id]
        mailed = list((maildir / "new").glob("*")) if (maildir / "new").is_dir() else []
        if posts and mailed and receiver.hooks:
            story = [s for s in receiver.spans if s.trace_id == posts[0].trace_id]
            if {"e-mail welcome", f"webhook {REGISTERED}"} <= {s.name for s in story}:
                await asyncio.sleep(2)  # the consumers' last spans, exported in batches
                return [s for s in receiver.spans if s.trace_id == posts[0].trace_id]
        await asyncio.sleep(0.2)
    seen = sorted({(s.service, s.name) for s in receiver.spans})
    raise AssertionError(f"no whole story in {timeout} s; spans seen: {seen}")


def queries() -> dict[str, str]:
    """Every PromQL expression of the alert rules and the dashboards, by where it is."""
    found = {}
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    for group in rules["groups"]:
        for rule in group["rules"]:
            found[f"alerts.yml {rule['alert']}"] = rule["expr"]
    for board in sorted((DEPLOY / "grafana" / "dashboards").glob("*.json")):
        for panel in json.loads(board.read_text())["panels"]:
            for target in panel.get("targets", []):
                found[f"{board.name} {panel['title']} {target['refId']}"] = target["expr"]
    return found


def metric_names(query: str) -> set[str]:
    """The metrics a PromQL expression reads (Grafana's variables filled in)."""
    for variable, value in GRAFANA_VARIABLES.items():
        query = query.replace(variable, value)
    query = re.sub(r"\$\w+", "x", query)  # a dashboard variable in a label matcher
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            names.add(node.name)
        for child in ("lhs", "rhs", "expr", "param", "vector_selector"):
            if getattr(node, child, None) is not None:
                walk(getattr(node, child))
        for argument in getattr(node, "args", None) or []:
            walk(argument)

    walk(promql_parser.parse(query))
    return names


def test_every_alert_and_panel_query_parses() -> None:
    found = queries()
    assert len(found) > 20
    for where, query in found.items():
        assert metric_names(query), f"{where}: reads no metric"
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    for group in rules["groups"]:
        for rule in group["rules"]:
            assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"}, rule
            assert rule["labels"]["severity"] in ("page", "warn"), rule["alert"]
            assert {"summary", "description"} <= set(rule["annotations"]), rule["alert"]
    with pytest.raises(ValueError):
        metric_names("sum(rate(milagro_events_published_total[5m])")  # the parser does refuse


def test_promtool_accepts_the_rules() -> None:
    promtool = tool("promtool", "prometheus")
    checked = subprocess.run(
        [promtool, "check", "rules", str(DEPLOY / "prometheus" / "alerts.yml")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


DASHBOARD = {
    "type": "object",
    "required": ["uid", "title", "schemaVersion", "panels", "time"],
    "properties": {
        "uid": {"type": "string", "pattern": "^[a-z0-9-]{1,40}$"},
        "title": {"type": "string", "minLength": 1},
        "schemaVersion": {"type": "integer", "minimum": 36},
        "panels": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "type", "title", "gridPos"],
                "properties": {
                    "id": {"type": "integer"},
                    "type": {"enum": ["stat", "timeseries", "row", "gauge", "table"]},
                    "gridPos": {
                        "type": "object",
                        "required": ["x", "y", "w", "h"],
                        "properties": {
                            "x": {"type": "integer", "minimum": 0, "maximum": 23},
                            "w": {"type": "integer", "minimum": 1, "maximum": 24},
                        },
                    },
                    "datasource": {"$ref": "#/$defs/prometheus"},
                    "targets": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["refId", "expr"],
                            "properties": {"datasource": {"$ref": "#/$defs/prometheus"}},
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "prometheus": {
            "type": "object",
            "required": ["type", "uid"],
            "properties": {"type": {"const": "prometheus"}, "uid": {"const": "prometheus"}},
        }
    },
}
"""What Grafana's file provisioning needs of a dashboard, and the datasource provisioned
in deploy/grafana/provisioning (uid `prometheus`)."""


def test_the_dashboards_are_well_formed() -> None:
    boards = [json.loads(b.read_text()) for b in (DEPLOY / "grafana" / "dashboards").glob("*.json")]
    assert len({b["uid"] for b in boards}) == len(boards) >= 2
    for board in boards:
        jsonschema.validate(board, DASHBOARD)
        ids = [p["id"] for p in board["panels"]]
        assert len(set(ids)) == len(ids), f"{board['uid']}: panel ids repeat"


@pytest.mark.timeout(240)
async def test_alerts_and_dashboards_read_only_exported_metrics(observed) -> None:
    exported = set(PROMETHEUS_OWN)
    deadline = time.monotonic() + 60
    wanted = set().union(*map(metric_names, queries().values()))
    async with httpx.AsyncClient(timeout=10) as client:
        while not wanted <= exported and time.monotonic() < deadline:
            # the relay and the consumers count in the workers, requests in the APIs
            for running in observed.stack.processes.values():
                text = (await client.get(f"{running.url}/metrics")).text
                exported |= {
                    sample.name
                    for family in text_string_to_metric_families(text)
                    for sample in family.samples
                }
            await asyncio.sleep(0.5)
    assert wanted - exported == set()
