"""The baseline for bench/observatory_feed.py: a bare FastAPI GET of a cached body.

One asyncpg read of the projection version per request (as a cache check must), then a
constant body: no session, no middleware, no telemetry.
    MILAGRO_BENCH_DSN=postgresql://... uvicorn bench.bare_feed:app
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI, Response

BODY = b'{"indicators":[]}' * 200


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(os.environ["MILAGRO_BENCH_DSN"], max_size=10)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/v1/progress")
async def progress() -> Response:
    async with app.state.pool.acquire() as connection:
        version = await connection.fetchval("SELECT sum(version) FROM projection_state")
    return Response(BODY, media_type="application/json", headers={"ETag": f'"{version}"'})
