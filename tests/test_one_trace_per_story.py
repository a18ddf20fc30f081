"""One trace per story: a partner's POST, the outbox, the relay, every consumer of its
event and the notifier's e-mail and webhook are spans of ONE trace, collected for real
from the separate service processes by an OTLP/HTTP receiver in this test."""

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from milagro_kit.testing.auth import bearer
from milagro_platform.embedded import free_port
from milagro_platform.mailcatcher import MailCatcher
from milagro_platform.services import discover

PARTNER = "NL-LEIDEN"
REGISTERED = "eu.milagro.registry.participant.registered.v1"


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


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    threading.Thread(target=running.serve_forever, daemon=True).start()
    yield running
    running.shutdown()


@pytest.mark.timeout(240)
async def test_a_registration_is_one_trace_to_the_mail_and_the_webhook(
    start_platform, mint, receiver, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("OTEL_BSP_SCHEDULE_DELAY", "200")  # export spans within 0.2 s
    mail = MailCatcher(tmp_path / "mail", free_port())
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
    }
    try:
        async with start_platform(tmp_path / "stack", ports=ports, **settings) as stack:
            await _register_someone(stack, mint, receiver)
            story = await _story(receiver, mail.folder)
    finally:
        mail.stop()

    names = {(span.service, span.name) for span in story}
    consumers = [
        (name, consumer.name)
        for name, service in discover().items()
        for consumer in service.consumers
        if consumer.stream == "REGISTRY"
    ]
    for service, consumer in consumers:
        assert (service, f"{consumer} process") in names, f"{consumer} is not in the trace"
    assert ("registry", "milagro.registry.participant.registered publish") in names
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
            "consents": [
                {"purpose": p, "given": True, "text_version": "2024-01"}
                for p in ("participation", "communications")
            ],
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
