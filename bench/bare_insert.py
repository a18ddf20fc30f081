"""The baseline for bench/registry_post.py: a bare FastAPI + asyncpg endpoint inserting one row.

Same body shape and validation library as the registry's POST /v1/participants, but no
auth, no tenancy, no duplicate check, no audit, no outbox: one INSERT per request.
    MILAGRO_BENCH_DSN=postgresql://... uvicorn bench.bare_insert:app
"""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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
            "given_name text, family_name text, email text, grp text)"
        )
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/v1/participants", status_code=201)
async def insert(body: PersonIn) -> dict[str, str]:
    person = uuid.uuid4()
    async with app.state.pool.acquire() as connection:
        await connection.execute(
            "INSERT INTO people VALUES ($1, $2, $3, $4, $5, $6)",
            person,
            body.partner,
            body.given_name,
            body.family_name,
            body.email,
            body.group,
        )
    return {"id": str(person)}
