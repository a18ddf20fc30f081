"""The public dashboard in Debian's Chromium (headless): loads, matches the API, accessible."""

import asyncio
import shutil
import subprocess

import pytest
import uvicorn

from milagro_kit.service import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> str:
    if not shutil.which(CHROMIUM):
        subprocess.run(
            "apt-get update -qq && apt-get install -y -qq chromium",
            shell=True,
            check=True,
            timeout=600,
        )
    return CHROMIUM


async def test_dashboard_shows_the_api_figures_and_passes_axe(
    observatory, history, unused_port, chromium, tmp_path
):
    from axe_playwright_python.async_playwright import Axe
    from playwright.async_api import async_playwright

    await observatory.publish_all(history.registry + history.activities + history.coaching)
    state = observatory.client.app.state
    app = create_app(state.service, state.settings)
    server = uvicorn.Server(uvicorn.Config(app, port=unused_port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        base = f"http://127.0.0.1:{unused_port}"
        progress = (await observatory.client.get("/v1/progress")).json()
        figures = {f["id"]: f for f in progress["indicators"]}
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=chromium, args=ARGS)
            page = await browser.new_page(viewport={"width": 1200, "height": 900})
            await page.goto(f"{base}/dashboard/")
            await page.wait_for_selector("body[data-ready=true]", timeout=20_000)
            shown = await page.locator('[data-indicator="participants-registered"]').inner_text()
            assert shown.replace(",", "") == str(int(figures["participants-registered"]["value"]))
            assert await page.locator("#time svg rect").count() >= 1
            assert await page.locator("#country svg rect").count() >= 1
            assert await page.locator("#group svg rect").count() >= 1
            await page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
            shutil.copy(tmp_path / "dashboard.png", "/tmp/obs-dashboard.png")
            results = await Axe().run(page)
            serious = [
                v for v in results.response["violations"] if v["impact"] in ("serious", "critical")
            ]
            assert not serious, [(v["id"], v["help"]) for v in serious]
            assert (await page.locator("#release").inner_text()).startswith("Release ")
            await page.click("a[href='/dashboard/disclosure']")
            await page.wait_for_selector("h1")
            assert "protects the people" in await page.locator("h1").inner_text()
            assert await page.locator("h2", has_text="What must never be learned").count() == 1
            await page.go_back()
            await page.wait_for_selector("body[data-ready=true]", timeout=20_000)
            await page.select_option("#lang", "it")
            await page.wait_for_function("document.documentElement.lang === 'it'")
            assert "Osservatorio" in await page.locator("h1").inner_text()
            await page.select_option("#lang", "sr")
            await page.wait_for_function(
                "[...document.querySelectorAll('.card .unit')].some(u => u.textContent === 'osobe')"
            )
            units = await page.locator(".card .unit").all_inner_texts()
            assert "osobe" in units and "people" not in units  # units in the language too
            await page.set_viewport_size({"width": 390, "height": 844})  # a phone
            await page.reload()
            await page.wait_for_selector("body[data-ready=true]", timeout=20_000)
            overflow = await page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"the page is {overflow} px wider than a phone"
            await page.set_viewport_size({"width": 1200, "height": 900})
            await page.goto(f"{base}/dashboard/partners/IT-SIENA")
            await page.wait_for_selector("body[data-ready=true]", timeout=20_000)
            assert "IT-SIENA" in await page.locator("#scope").inner_text()
            await browser.close()
    finally:
        server.should_exit = True
        await task
