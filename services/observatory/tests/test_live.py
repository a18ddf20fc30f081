"""What is published now is known in the process: cached reads skip the database, and
the live stream renders each version once for every client, up to a cap."""

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator

import httpx
import uvicorn
from httpx_sse import aconnect_sse
from sqlalchemy import event

from milagro_kit.service import create_app
from milagro_observatory import publishing


@contextlib.asynccontextmanager
async def served(observatory, port: int) -> AsyncIterator[str]:
    """The observatory's app on a real uvicorn (streams need a real server)."""
    state = observatory.client.app.state
    server = uvicorn.Server(
        uvicorn.Config(create_app(state.service, state.settings), port=port, log_level="warning")
    )
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def test_a_cached_read_and_a_304_cost_no_database_round_trip(observatory, history):
    await observatory.publish_all(history.registry)
    client = observatory.client
    paths = ["/v1/indicators/participants-registered", "/v1/progress"]
    paths.append("/v1/indicators/participants-registered?by=partner,gender")
    etags = {p: (await client.get(p)).headers["etag"] for p in paths}  # warm the caches
    statements: list[str] = []
    engine = client.app.state.database.engine.sync_engine
    background = {t.get_name() for t in asyncio.all_tasks() if t is not asyncio.current_task()}

    def listener(*args: object) -> None:
        # the service's own tasks (relay, consumers, releases, watcher) go on meanwhile
        task = asyncio.current_task()
        if task is None or task.get_name() not in background:
            statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        for path in paths:
            assert (await client.get(path)).status_code == 200
            again = await client.get(path, headers={"If-None-Match": etags[path]})
            assert again.status_code == 304
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert statements == []


async def test_every_client_gets_each_version_rendered_once(
    observatory, history, unused_port, monkeypatch
):
    renders = 0
    progress = publishing.progress

    async def counted(*args, **kwargs):
        nonlocal renders
        renders += 1
        return await progress(*args, **kwargs)

    monkeypatch.setattr(publishing, "progress", counted)
    async with (
        served(observatory, unused_port) as base,
        httpx.AsyncClient(base_url=base, timeout=10) as client,
        contextlib.AsyncExitStack() as stack,
    ):
        sources = [
            await stack.enter_async_context(aconnect_sse(client, "GET", "/v1/stream"))
            for _ in range(40)
        ]
        streams = [source.aiter_sse() for source in sources]
        firsts = await asyncio.gather(*(anext(s) for s in streams))
        assert len({json.loads(f.data)["data_version"] for f in firsts}) == 1
        renders_before = renders
        await observatory.publish_all(history.registry[:6])
        version = json.loads((await observatory.client.get("/v1/progress")).content)["data_version"]
        seen: set[int] = set()

        async def reaches(stream) -> None:
            while True:
                update = json.loads((await anext(stream)).data)["data_version"]
                seen.add(update)
                if update >= version:
                    return

        await asyncio.wait_for(asyncio.gather(*(reaches(s) for s in streams)), 15)
    # each version rendered once, however many clients read it (not 40 times)
    assert 1 <= renders - renders_before <= len(seen) + 1


async def test_past_the_cap_a_stream_is_refused_with_a_retry_after(observatory_with, unused_port):
    async with (
        observatory_with(live_max_clients=1) as observatory,
        served(observatory, unused_port) as base,
        httpx.AsyncClient(base_url=base, timeout=10) as client,
        aconnect_sse(client, "GET", "/v1/stream") as first,
    ):
        await anext(first.aiter_sse())
        refused = await client.get("/v1/stream")
        assert refused.status_code == 503
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["retry-after"] == "30"
        assert refused.json()["type"].endswith("too-many-listeners")
