"""The baseline of bench/write_endpoints.py: a bare FastAPI + asyncpg write with an outbox.

Three routes, each taking the body and path of a service's write endpoint, with the same
validation library but no auth, no tenancy, no business rules, no audit, no ORM: in one
transaction each inserts its rows and an outbox row per row (a CloudEvents-sized JSON
envelope), as issue 16 defines the bare stack. Nothing relays the outbox: the baseline is
the request path alone.

- POST /v1/activities/{activity_id}/attendance, the events service's check-ins (one
  person or a room of up to 500): the attendance rows (an upsert, as the service's) and
  their outbox rows, one statement each.
- POST /v1/matches/{match_id}/sessions, the coaching service's booking: the session and
  its outbox row.
- PUT /v1/participants/{participant_id}/preferences, the notifier's preference change:
  the participant's opt-outs replaced (a delete and an insert) and an outbox row.
- POST to any other path, the registry's registration: the person and the outbox row.
    MILAGRO_BENCH_DSN=postgresql://... uvicorn bare_insert:app  (from bench/)
"""

import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

import asyncpg
from fastapi import FastAPI
from pydantic import AwareDatetime, BaseModel, Field


class CheckIn(BaseModel):
    participant_id: uuid.UUID
    present: bool = True


class AttendanceIn(BaseModel):
    attendance: list[CheckIn] = Field(min_length=1, max_length=500)


class Booking(BaseModel):
    starts_at: AwareDatetime
    duration_minutes: int = Field(ge=15, le=240)


class Preferences(BaseModel):
    opted_out: list[str] = Field(default_factory=list, max_length=50)


class PersonIn(BaseModel):
    partner: str = Field(pattern=r"^[A-Z]{2}-[A-Z0-9]{2,12}$")
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field(min_length=1, max_length=100)
    email: str | None = None
    group: str


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(os.environ["MILAGRO_BENCH_DSN"], max_size=10)
    async with app.state.pool.acquire() as connection:
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS people (id uuid PRIMARY KEY, partner text, "
            "given_name text, family_name text, email text, grp text);"
            "CREATE TABLE IF NOT EXISTS outbox (id bigint GENERATED ALWAYS AS IDENTITY "
            "PRIMARY KEY, event_id uuid NOT NULL UNIQUE, subject text NOT NULL, "
            "envelope jsonb NOT NULL, published_at timestamptz);"
            "CREATE TABLE IF NOT EXISTS attendance (activity_id uuid, participant_id uuid, "
            "present boolean NOT NULL, recorded_at timestamptz NOT NULL, "
            "PRIMARY KEY (activity_id, participant_id));"
            "CREATE TABLE IF NOT EXISTS sessions (id uuid PRIMARY KEY, match_id uuid NOT NULL, "
            "starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, state text NOT NULL);"
            "CREATE TABLE IF NOT EXISTS opt_outs (participant_id uuid, kind text, "
            "at timestamptz NOT NULL, PRIMARY KEY (participant_id, kind))"
        )
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/v1/activities/{activity_id}/attendance")
async def check_in(activity_id: uuid.UUID, body: AttendanceIn) -> dict[str, int]:
    now = datetime.now(UTC)
    people = [c.participant_id for c in body.attendance]
    events = [uuid.uuid4() for _ in people]
    envelopes = [
        json.dumps(
            {
                "specversion": "1.0",
                "id": str(event),
                "source": "/bench/bare",
                "type": "eu.milagro.bench.attendance.recorded.v1",
                "subject": f"activity:{activity_id}",
                "time": now.isoformat(),
                "data": {
                    "activity_id": str(activity_id),
                    "participant_id": str(c.participant_id),
                    "present": c.present,
                },
            }
        )
        for event, c in zip(events, body.attendance, strict=True)
    ]
    async with app.state.pool.acquire() as connection, connection.transaction():
        await connection.execute(
            "INSERT INTO attendance SELECT $1, p, present, $4 "
            "FROM unnest($2::uuid[], $3::boolean[]) AS t(p, present) "
            "ON CONFLICT (activity_id, participant_id) DO UPDATE "
            "SET present = excluded.present, recorded_at = excluded.recorded_at",
            activity_id,
            people,
            [c.present for c in body.attendance],
            now,
        )
        await connection.execute(
            "INSERT INTO outbox (event_id, subject, envelope) "
            "SELECT e, $2, envelope::jsonb FROM unnest($1::uuid[], $3::text[]) AS t(e, envelope)",
            events,
            "milagro.bench.attendance.recorded",
            envelopes,
        )
    return {"recorded": len(people)}


@app.post("/v1/matches/{match_id}/sessions", status_code=201)
async def book(match_id: uuid.UUID, body: Booking) -> dict[str, str]:
    session, event = uuid.uuid4(), uuid.uuid4()
    envelope = {
        "specversion": "1.0",
        "id": str(event),
        "source": "/bench/bare",
        "type": "eu.milagro.bench.session.scheduled.v1",
        "subject": f"session:{session}",
        "time": datetime.now(UTC).isoformat(),
        "data": {
            "session_id": str(session),
            "match_id": str(match_id),
            "starts_at": body.starts_at.isoformat(),
            "duration_minutes": body.duration_minutes,
        },
    }
    async with app.state.pool.acquire() as connection, connection.transaction():
        await connection.execute(
            "INSERT INTO sessions VALUES ($1, $2, $3, $4, 'scheduled')",
            session,
            match_id,
            body.starts_at,
            body.starts_at + timedelta(minutes=body.duration_minutes),
        )
        await connection.execute(
            "INSERT INTO outbox (event_id, subject, envelope) VALUES ($1, $2, $3::jsonb)",
            event,
            "milagro.bench.session.scheduled",
            json.dumps(envelope),
        )
    return {"id": str(session)}


@app.put("/v1/participants/{participant_id}/preferences")
async def prefer(participant_id: uuid.UUID, body: Preferences) -> Preferences:
    event, kinds = uuid.uuid4(), sorted(set(body.opted_out))
    envelope = {
        "specversion": "1.0",
        "id": str(event),
        "source": "/bench/bare",
        "type": "eu.milagro.bench.preferences.changed.v1",
        "subject": f"participant:{participant_id}",
        "time": datetime.now(UTC).isoformat(),
        "data": {"participant_id": str(participant_id), "opted_out": kinds},
    }
    async with app.state.pool.acquire() as connection, connection.transaction():
        await connection.execute("DELETE FROM opt_outs WHERE participant_id = $1", participant_id)
        await connection.execute(
            "INSERT INTO opt_outs SELECT $1, k, now() FROM unnest($2::text[]) AS k "
            "ON CONFLICT DO NOTHING",  # as the notifier's: two changes at once may cross
            participant_id,
            kinds,
        )
        await connection.execute(
            "INSERT INTO outbox (event_id, subject, envelope) VALUES ($1, $2, $3::jsonb)",
            event,
            "milagro.bench.preferences.changed",
            json.dumps(envelope),
        )
    return Preferences(opted_out=kinds)


@app.post("/{path:path}", status_code=201)
async def insert(path: str, body: PersonIn) -> dict[str, str]:
    person, event = uuid.uuid4(), uuid.uuid4()
    envelope = {
        "specversion": "1.0",
        "id": str(event),
        "source": "/bench/bare",
        "type": "eu.milagro.bench.person.registered.v1",
        "subject": f"person:{person}",
        "time": datetime.now(UTC).isoformat(),
        "data": {"partner": body.partner, "person_id": str(person), "group": body.group},
    }
    async with app.state.pool.acquire() as connection, connection.transaction():
        await connection.execute(
            "INSERT INTO people VALUES ($1, $2, $3, $4, $5, $6)",
            person,
            body.partner,
            body.given_name,
            body.family_name,
            body.email,
            body.group,
        )
        await connection.execute(
            "INSERT INTO outbox (event_id, subject, envelope) VALUES ($1, $2, $3::jsonb)",
            event,
            "milagro.bench.person.registered",
            json.dumps(envelope),
        )
    return {"id": str(person)}
