"""OpenTelemetry for a service: traces (OTLP when configured), Prometheus metrics, JSON logs.

Switched on by environment: MILAGRO_OTLP_ENDPOINT sends spans to a collector; without it
spans still carry trace ids into the logs and across the bus. MILAGRO_TRACE_SAMPLE_RATIO
records only a share of new traces (parent-based: a trace is kept or dropped whole).
"""

import contextlib
import json
import logging
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Response
from opentelemetry import metrics, propagate, trace
from opentelemetry.exporter.prometheus import PrometheusMetricReader
from opentelemetry.sdk.metrics import Histogram, MeterProvider
from opentelemetry.sdk.metrics.view import ExplicitBucketHistogramAggregation, View
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ParentBased, Sampler, TraceIdRatioBased
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from milagro_kit.settings import Settings


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the trace and span of the current context."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        span = trace.get_current_span().get_span_context()
        if span.is_valid:
            entry["trace_id"] = format(span.trace_id, "032x")
            entry["span_id"] = format(span.span_id, "016x")
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stdout)
    if settings.log_json:
        handler.setFormatter(JsonFormatter(settings.service))
    else:
        handler.setFormatter(
            logging.Formatter(f"%(asctime)s {settings.service} %(levelname)s %(name)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    for noisy in ("uvicorn.access", "nats.aio.client"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def sampler(settings: Settings) -> Sampler:
    """Which traces are recorded: a parent's decision if there is a parent (so a trace is
    whole or absent, from the partner's request through the bus to every consumer), else
    `trace_sample_ratio` of new traces, chosen by trace id. An unrecorded span still has
    its trace id, which the logs and the outbox's traceparent carry all the same."""
    return ParentBased(TraceIdRatioBased(settings.trace_sample_ratio))


def configure_telemetry(settings: Settings) -> None:
    """Install the process-wide tracer and meter providers (once, at start-up)."""
    resource = Resource.create({"service.name": f"milagro-{settings.service}"})
    tracer_provider = TracerProvider(resource=resource, sampler=sampler(settings))
    if settings.otlp_endpoint:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        endpoint = settings.otlp_endpoint.rstrip("/") + "/v1/traces"
        tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint)))
    trace.set_tracer_provider(tracer_provider)
    # Latencies in seconds (freshness, handling) live between milliseconds and seconds;
    # the SDK's default buckets start at 5 and would put every observation in one bucket.
    seconds = View(
        instrument_type=Histogram,
        instrument_unit="s",
        aggregation=ExplicitBucketHistogramAggregation(
            (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
        ),
    )
    metrics.set_meter_provider(
        MeterProvider(resource=resource, metric_readers=[PrometheusMetricReader()], views=[seconds])
    )


def instrument(app: FastAPI) -> None:
    """The Prometheus scrape endpoint (request spans: `server_spans.ServerSpans`)."""

    @app.get("/metrics", include_in_schema=False)
    async def scrape() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@contextlib.contextmanager
def continuing(
    name: str, traceparent: str | None, kind: trace.SpanKind = trace.SpanKind.INTERNAL
) -> Iterator[trace.Span]:
    """The current span for work queued in a table and done later (an e-mail, a webhook
    delivery), in the trace of the request or event that queued it (its `traceparent`)."""
    parent = propagate.extract({"traceparent": traceparent or ""})
    with trace.get_tracer("milagro").start_as_current_span(name, parent, kind) as span:
        yield span
