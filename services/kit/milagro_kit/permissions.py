"""Who may do what on the bus: each service's NATS permissions, derived from what it declares.

A service connects as its own NATS user (`MILAGRO_NATS_USER`, `MILAGRO_NATS_PASSWORD`).
From its `Service` declaration it may publish:

- the subjects of its own bounded context (`Service.publishes`: `milagro.registry.>` for
  the registry), which its relay (and a demo's straight publish) uses;
- `milagro.deadletter.<consumer>` for each of its consumers;
- the JetStream API of its own durable consumers only: create or update them
  (`--provision`, the observatory's rebuild), read their state, delete them (rebuild), fetch
  from them (`CONSUMER.MSG.NEXT`) and acknowledge what they deliver (`$JS.ACK.<stream>.
  <consumer>.>`).

It may subscribe only to its own reply inbox (`_INBOX.<user>.>`, the prefix `bus.connect`
gives the connection): PubAcks, API replies and a pull consumer's messages all arrive
there. So it cannot publish another service's events, read another consumer's messages,
or touch a stream; stream administration belongs to the provisioning user (`provision`),
which has no restrictions. What the server does not check: the filter subjects a service
gives its own durable consumer within a stream (JetStream's create subject names the
filter only for a single subject).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from milagro_contracts import STREAMS
from milagro_contracts.catalogue import DEAD_LETTER_PREFIX
from milagro_kit.bus import DurableConsumer, inbox_prefix

PROVISIONER = "provision"
"""The user that creates streams (`milagro up`, the deploy job); allowed everything."""

_CONSUMER_API = ("INFO", "CREATE", "DURABLE.CREATE", "DELETE", "MSG.NEXT")


@dataclass(frozen=True)
class Permissions:
    """The subjects a NATS user may publish to and subscribe to (nothing else)."""

    publish: tuple[str, ...]
    subscribe: tuple[str, ...]


def context_subjects(context: str) -> tuple[str, ...]:
    """The subjects of a bounded context's stream (`milagro.registry.>`)."""
    stream = next((s for s in STREAMS if s.context == context), None)
    if stream is None:
        known = ", ".join(s.context for s in STREAMS)
        raise ValueError(f"no stream for context {context!r} (known: {known})")
    return stream.subjects


def permissions(
    user: str, publishes: str | None, consumers: Iterable[DurableConsumer]
) -> Permissions:
    """What a service may do: publish its context's events, run its own consumers."""
    publish = list(context_subjects(publishes)) if publishes else []
    for consumer in consumers:
        publish.append(f"{DEAD_LETTER_PREFIX}.{consumer.name}")
        api = f"$JS.API.CONSUMER.{{}}.{consumer.stream}.{consumer.name}"
        publish += [api.format(operation) for operation in _CONSUMER_API]
        publish.append(api.format("CREATE") + ".>")  # the create subject naming its filter
        publish.append(f"$JS.ACK.{consumer.stream}.{consumer.name}.>")
    return Permissions(tuple(publish), (f"{inbox_prefix(user)}.>",))
