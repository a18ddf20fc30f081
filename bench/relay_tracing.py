"""What recording the relay's spans costs: the outbox relay's rate with an SDK tracer
provider (every trace sampled, as MILAGRO_TRACE_SAMPLE_RATIO=1, no exporter) against the
no-op tracer, alternating which goes first, on the same servers in the same run.

    uv run python bench/relay_tracing.py [--events 10000] [--runs 4]

Each row carries a traceparent (written inside a span, as a request's are), so the relay
opens a publish span per row (kit relay.py). The setup is bench/relay.py's.
"""

import argparse
import statistics

import relay as relay_bench  # bench/relay.py: this folder is the script's sys.path[0]
import uvloop
from opentelemetry import trace

import milagro_kit.relay
from milagro_kit import bus
from milagro_kit.database import Database
from milagro_kit.settings import Settings
from milagro_kit.telemetry import configure_telemetry


async def main(events: int, runs: int) -> None:
    configure_telemetry(Settings(service="bench"))
    tracers = {"no-op": trace.NoOpTracer(), "recorded": trace.get_tracer("milagro.relay")}
    async with relay_bench.tally_servers("bench-relay-tracing-") as settings:
        database = Database(settings.database_url.get_secret_value())
        nc = await bus.connect(settings)
        js = nc.jetstream()
        rates: dict[str, list[float]] = {name: [] for name in tracers}
        for run in range(runs):
            for name in sorted(tracers, reverse=run % 2 == 1):
                milagro_kit.relay.tracer = tracers[name]
                with tracers["recorded"].start_as_current_span("partner request"):
                    await relay_bench.fill_outbox(database, events)
                await relay_bench.reset_streams(js, settings)
                rates[name].append(await relay_bench.relay(database, js, settings, events))
            print(f"run {run + 1}: " + ", ".join(f"{n} {r[-1]:,.0f}/s" for n, r in rates.items()))
        plain, recorded = (statistics.median(rates[n]) for n in ("no-op", "recorded"))
        print(
            f"median of {runs} runs, {events:,} events each: no-op tracer {plain:,.0f} events/s, "
            f"spans recorded {recorded:,.0f} events/s, ratio {recorded / plain:.0%}"
        )
        await nc.close()
        await database.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=4)
    arguments = parser.parse_args()
    uvloop.run(main(arguments.events, arguments.runs))
