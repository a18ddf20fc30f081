"""The baseline of bench/write_endpoints.py: a bare FastAPI + asyncpg write with an outbox.

Same body shape and validation library as the registry's POST /v1/participants, but no
auth, no tenancy, no duplicate check, no audit, no ORM: in one transaction it inserts the
row and an outbox row (a CloudEvents-sized JSON envelope), as issue 16 defines the bare
stack. Nothing relays the outbox: the baseline is the request path alone.
    MILAGRO_BENCH_DSN=postgresql://... uvicorn bare_insert:app  (from bench/)
"""

import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import asyncpg
from fastapi import FastAPI
from pydantic import BaseModel, Field


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
            "envelope jsonb NOT NULL, published_at timestamptz)"
        )
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


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
