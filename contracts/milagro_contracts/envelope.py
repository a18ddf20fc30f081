"""The CloudEvents 1.0 envelope (structured JSON mode) with the W3C trace context."""

from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from milagro_contracts.catalogue import spec_of
from milagro_contracts.event import Event


class Envelope(BaseModel):
    """What travels on the bus: CloudEvents attributes, trace context, and the payload.

    `data` stays a plain dict here; `spec_for(envelope.type).parse(envelope.data)` turns it
    into the typed payload, so an envelope can be read even when its type is unknown.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    specversion: Literal["1.0"] = "1.0"
    id: UUID
    source: str = Field(description="The publishing service, e.g. /milagro/registry")
    type: str = Field(description="e.g. eu.milagro.registry.participant.registered.v1")
    subject: str | None = Field(None, description="The aggregate the event is about")
    time: AwareDatetime
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str
    traceparent: str | None = None
    tracestate: str | None = None
    data: dict[str, Any]


def new_envelope(
    payload: Event,
    *,
    source: str,
    subject: str | None = None,
    time: datetime | None = None,
    traceparent: str | None = None,
    tracestate: str | None = None,
) -> Envelope:
    """Wrap a payload in a fresh envelope with a new event id."""
    spec = spec_of(type(payload))
    return Envelope(
        id=uuid4(),
        source=source,
        type=spec.type,
        subject=subject,
        time=time or datetime.now(UTC),
        dataschema=spec.schema_uri,
        traceparent=traceparent,
        tracestate=tracestate,
        data=payload.model_dump(mode="json"),
    )
