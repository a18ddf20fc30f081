"""One trace from the publishing request through the bus to the consumer; logs carry it."""

import dataclasses
import json
import logging
from typing import Any

import pytest
from fastapi import APIRouter
from opentelemetry import metrics, propagate, trace
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from milagro_kit.database import Database
from milagro_kit.outbox import current_trace_context, record
from milagro_kit.settings import Settings
from milagro_kit.telemetry import JsonFormatter, sampler
from milagro_kit.testing.plugin import eventually, running

EXPORTER = InMemorySpanExporter()


@pytest.fixture(scope="module", autouse=True)
def tracing():
    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):  # the first module to ask installs it
        provider = TracerProvider()
        trace.set_tracer_provider(provider)
    provider.add_span_processor(SimpleSpanProcessor(EXPORTER))


async def test_the_trace_continues_across_the_bus(tally, service_settings):
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    EXPORTER.clear()
    async with running(tally.service, settings):
        with trace.get_tracer("test").start_as_current_span("partner request") as request:
            async with database.transaction() as session:
                envelopes = await record(session, tally.registered(), source="/test")

        async def consumed() -> bool:
            return any(s.name == "tally process" for s in EXPORTER.get_finished_spans())

        await eventually(consumed)
    trace_id = request.get_span_context().trace_id
    assert envelopes[0].traceparent and f"{trace_id:032x}" in envelopes[0].traceparent
    spans = EXPORTER.get_finished_spans()
    consumer = next(s for s in spans if s.name == "tally process")
    # request -> the relay's publish of the outbox row -> the consumer
    relay = next(
        s for s in spans if consumer.parent and s.context.span_id == consumer.parent.span_id
    )
    assert relay.kind == trace.SpanKind.PRODUCER and relay.name.endswith(" publish")
    assert relay.parent is not None
    assert relay.parent.span_id == request.get_span_context().span_id
    assert consumer.context.trace_id == relay.context.trace_id == trace_id
    assert consumer.kind == trace.SpanKind.CONSUMER
    await database.close()


def test_json_logs_carry_the_trace_id():
    formatter = JsonFormatter("tally")
    with trace.get_tracer("test").start_as_current_span("work") as span:
        record_ = logging.LogRecord(
            "milagro", logging.INFO, __file__, 1, "hello %s", ("you",), None
        )
        line = json.loads(formatter.format(record_))
    assert line["message"] == "hello you"
    assert line["service"] == "tally"
    assert line["trace_id"] == f"{span.get_span_context().trace_id:032x}"
    assert line["level"] == "info"


async def test_relay_and_consumer_metrics_are_scraped(tally, service_settings):
    if not isinstance(metrics.get_meter_provider(), MeterProvider):
        metrics.set_meter_provider(MeterProvider(metric_readers=[PrometheusMetricReader()]))
    settings = await service_settings(tally.service)
    database = Database(settings.database_url.get_secret_value())
    async with running(tally.service, settings) as http:

        def figure(text: str, name: str) -> float:
            lines = [
                line
                for line in text.splitlines()
                if line.startswith(f"{name}{{") and ("tally" in line or "published" in name)
            ]
            return float(lines[0].rsplit(" ", 1)[1]) if lines else 0.0

        async def figures() -> tuple[float, float]:
            response = await http.get("/metrics")
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/plain")
            text = response.text
            return (
                figure(text, "milagro_events_published_total"),
                figure(text, "milagro_events_consumed_total"),
            )

        # the counters are the process's: earlier tests may have moved them already
        published, consumed = await figures()
        async with database.transaction() as session:
            await record(session, tally.registered(), tally.registered(), source="/test")

        async def scraped() -> bool:
            # the counters move just after the commit they count: scrape until they show
            now = await figures()
            return now[0] >= published + 2 and now[1] >= consumed + 2

        await eventually(scraped)
    assert await tally.counts(database) == (2, 2)
    await database.close()


def _log_line(message: str) -> dict[str, str]:
    record_ = logging.LogRecord("milagro", logging.INFO, __file__, 1, message, (), None)
    return dict(json.loads(JsonFormatter("tally").format(record_)))


def test_an_unsampled_request_still_carries_its_trace_id_into_logs_and_events():
    tracer = TracerProvider(sampler=sampler(Settings(trace_sample_ratio=0.0))).get_tracer("t")
    with tracer.start_as_current_span("request") as span:
        assert not span.is_recording()  # nothing exported, little work
        line = _log_line("registered")
        carried = current_trace_context()["traceparent"]
    trace_id = f"{span.get_span_context().trace_id:032x}"
    assert line["trace_id"] == trace_id
    _, carried_trace, carried_span, flags = carried.split("-")
    assert (carried_trace, carried_span) == (trace_id, f"{span.get_span_context().span_id:016x}")
    assert int(flags, 16) & 1 == 0  # not sampled: the consumers will not record it either


@pytest.mark.parametrize("ratio", [0.0, 0.5, 1.0])
def test_sampling_follows_the_parent_whatever_the_ratio(ratio):
    tracer = TracerProvider(sampler=sampler(Settings(trace_sample_ratio=ratio))).get_tracer("t")
    for flags, recorded in (("01", True), ("00", False)):
        parent = propagate.extract({"traceparent": f"00-{'ab' * 16}-{'cd' * 8}-{flags}"})
        with tracer.start_as_current_span("consume", context=parent) as span:
            assert span.is_recording() is recorded
            assert span.get_span_context().trace_id == int("ab" * 16, 16)


def test_the_ratio_samples_new_traces_by_trace_id():
    tracer = TracerProvider(sampler=sampler(Settings(trace_sample_ratio=0.25))).get_tracer("t")
    recorded = 0
    for _ in range(2000):
        with tracer.start_as_current_span("request") as span:
            recorded += span.is_recording()
    assert 350 < recorded < 650  # a quarter, give or take


traced = APIRouter()


@traced.post("/v1/things/{thing}")
async def make_thing(thing: str) -> dict[str, Any]:
    if thing == "crash":
        raise RuntimeError("a bug")
    return {"traceparent": current_trace_context()["traceparent"], "log": _log_line("made")}


async def test_a_request_span_continues_the_callers_trace(tally, service_settings):
    service = dataclasses.replace(tally.service, routers=[traced])
    settings = await service_settings(service)
    caller_trace, caller_span = "ab" * 16, "cd" * 8
    EXPORTER.clear()
    async with running(service, settings) as http:
        answer = await http.post(
            "/v1/things/7", headers={"traceparent": f"00-{caller_trace}-{caller_span}-01"}
        )
        crash = await http.post("/v1/things/crash")
        await http.get("/healthz")
    assert answer.status_code == 200 and crash.status_code == 500
    spans = [s for s in EXPORTER.get_finished_spans() if s.kind == trace.SpanKind.SERVER]
    assert len(spans) == 2  # one per request, none for probes, none from FastAPI's own layer
    span = next(s for s in spans if s.context.trace_id == int(caller_trace, 16))
    assert span.parent is not None and span.parent.span_id == int(caller_span, 16)
    assert span.name == "POST /v1/things/{thing}"
    assert span.attributes["http.route"] == "/v1/things/{thing}"
    assert span.attributes["http.response.status_code"] == 200
    # what the route records (events, logs) carries the request's span
    carried = answer.json()["traceparent"].split("-")
    assert carried[1:3] == [caller_trace, f"{span.context.span_id:016x}"]
    assert answer.json()["log"]["trace_id"] == caller_trace
    failed = next(s for s in spans if s is not span)
    assert failed.status.status_code == trace.StatusCode.ERROR
    assert failed.attributes["http.response.status_code"] == 500


async def test_request_durations_are_scraped(tally, service_settings):
    if not isinstance(metrics.get_meter_provider(), MeterProvider):
        metrics.set_meter_provider(MeterProvider(metric_readers=[PrometheusMetricReader()]))
    service = dataclasses.replace(tally.service, routers=[traced])
    async with running(service, await service_settings(service)) as http:
        assert (await http.post("/v1/things/8")).status_code == 200
        scraped = (await http.get("/metrics")).text
    assert any(
        line.startswith("http_server_duration_milliseconds_count{")
        and 'http_route="/v1/things/{thing}"' in line
        and 'http_status_code="200"' in line
        for line in scraped.splitlines()
    )
