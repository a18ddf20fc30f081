"""The public dashboard in Debian's Chromium (headless): loads, matches the API, accessible."""

import asyncio
import contextlib
import shutil

import pytest
import uvicorn

from milagro_kit.service import create_app
from milagro_kit.testing.debian import tool
from milagro_observatory import editions

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
    return tool(CHROMIUM, "chromium")


@contextlib.asynccontextmanager
async def served(observatory, port):
    """The observatory's app under uvicorn (a browser needs a real socket)."""
    state = observatory.client.app.state
    app = create_app(state.service, state.settings)
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def axe_clean(page) -> None:
    from axe_playwright_python.async_playwright import Axe

    results = await Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], v["nodes"][0]["target"]) for v in serious]


async def ready(page) -> None:
    await page.wait_for_selector("body[data-ready=true]", timeout=30_000)


async def choose(page, indicator: str) -> None:
    await page.select_option("#pick", indicator)
    # the charts are drawn after their requests: wait for this indicator's, not the last
    await page.wait_for_function(f"document.getElementById('time').dataset.shown === '{indicator}'")


# The words a page in each language must show, units and countries included.
LANGUAGES = {
    "en": ("Observatory", "people", ("Italy", "Serbia", "Netherlands")),
    "it": ("Osservatorio", "persone", ("Italia", "Serbia", "Paesi Bassi")),
    "sr": ("opservatorija", "osobe", ("Italija", "Srbija", "Holandija")),
    "nl": ("Observatorium", "personen", ("Italië", "Servië", "Nederland")),
}


async def test_dashboard_shows_the_api_figures_and_passes_axe(
    observatory, history, unused_port, chromium, tmp_path
):
    from playwright.async_api import async_playwright

    await observatory.publish_all(history.registry + history.activities + history.coaching)
    async with observatory.database.transaction() as session:
        number = await editions.cut_on_demand(session, observatory.client.app.state.settings)
    progress = (await observatory.client.get("/v1/progress")).json()
    figures = {f["id"]: f for f in progress["indicators"]}
    async with served(observatory, unused_port) as base, async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=ARGS)
        page = await browser.new_page(viewport={"width": 1200, "height": 900})
        await page.goto(f"{base}/dashboard/")
        await ready(page)
        shown = await page.locator('[data-indicator="participants-registered"]').inner_text()
        assert shown.replace(",", "") == str(int(figures["participants-registered"]["value"]))
        # the month line, the programme to date beside it, country tiles, locals vs migrants
        assert await page.locator("#time svg polyline.series").count() >= 1
        assert await page.locator("#time svg circle.point").count() >= 1
        assert await page.locator("#time svg path.to-date").count() == 1
        assert await page.locator("#tiles .tile").count() == 3
        assert await page.locator("#groups svg rect.bar-local").count() >= 1
        assert await page.locator("#groups svg rect.bar-migrant").count() >= 1
        assert await page.locator("#time details table tr").count() >= 2  # the text version
        await choose(page, "coaches-trained")  # a target: drawn
        assert await page.locator("#time svg line.target").count() == 1
        assert "20" in await page.locator("#time svg text.target-label").text_content()
        await choose(page, "democratic-competence-change")  # paired changes: their 95% CIs
        assert await page.locator("#time svg line.ci").count() >= 3
        assert await page.locator("#groups svg line.ci").count() >= 3
        label = await page.locator("#time svg").get_attribute("aria-label")
        assert "95% CI" in label
        listed = page.locator(f"#editions a[href='{base}/v1/editions/{number}.zip']")
        assert await listed.count() == 1
        assert "SHA-256" in await page.locator("#editions").inner_text()
        embed = await page.locator("#embed-code").input_value()
        assert "<iframe" in embed and "democratic-competence-change.html?lang=en" in embed
        await page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        shutil.copy(tmp_path / "dashboard.png", "/tmp/obs-dashboard.png")
        await axe_clean(page)
        assert (await page.locator("#release").inner_text()).startswith("Release ")
        await page.click("a[href='/dashboard/disclosure']")
        await page.wait_for_selector("h1")
        assert "protects the people" in await page.locator("h1").inner_text()
        assert await page.locator("h2", has_text="What must never be learned").count() == 1
        await page.go_back()
        await ready(page)

        for lang, (title, people, countries) in LANGUAGES.items():
            await page.select_option("#lang", lang)
            await page.wait_for_function(
                f"document.documentElement.lang === '{lang}' && "
                f"document.querySelector('#tiles h3').textContent === '{countries[0]}'"
            )
            await ready(page)
            assert title in await page.locator("h1").inner_text()
            units = await page.locator(".card .unit").all_inner_texts()
            assert people in units
            if lang != "en":
                assert not {"people", "camps", "sessions"} & set(units), units
            assert await page.locator("#tiles h3").all_inner_texts() == list(countries)

        # a phone, in Serbian: nothing wider than the screen, the picker included
        await page.select_option("#lang", "sr")
        await page.wait_for_function("document.documentElement.lang === 'sr'")
        await page.set_viewport_size({"width": 390, "height": 844})
        await page.reload()
        await ready(page)
        assert await page.evaluate("document.documentElement.lang") == "sr"
        overflow = await page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the page is {overflow} px wider than a phone"
        picker = await page.locator("#pick").bounding_box()
        assert picker is not None and picker["x"] >= 0 and picker["x"] + picker["width"] <= 390
        for chart in ("#time svg", "#groups svg"):
            box = await page.locator(chart).bounding_box()
            assert box is not None and box["x"] + box["width"] <= 390, chart
        await axe_clean(page)
        # keyboard: the skip link first, then the picker reachable and usable
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.className") == "skip"
        await page.focus("#pick")
        await page.keyboard.press("ArrowDown")
        await page.wait_for_function(
            "!document.getElementById('csv').href.includes('/participants-registered.csv')"
        )

        await page.set_viewport_size({"width": 1200, "height": 900})
        await page.goto(f"{base}/dashboard/partners/IT-SIENA")
        await ready(page)
        assert "IT-SIENA" in await page.locator("#scope").inner_text()
        assert await page.locator("#tiles .tile[aria-current]").count() == 1
        await browser.close()


async def test_a_chart_embeds_in_an_iframe(observatory, history, unused_port, chromium, tmp_path):
    """What a journalist pastes: the chart's page in an <iframe> of a phone-wide article."""
    from playwright.async_api import async_playwright

    await observatory.publish_all(history.registry)
    table = await observatory.get("/v1/indicators/participants-registered", by="partner")
    async with served(observatory, unused_port) as base, async_playwright() as p:
        src = f"{base}/v1/indicators/participants-registered.html?by=partner&lang=nl"
        article = tmp_path / "article.html"
        article.write_text(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            "<body><main><h1>News</h1>"
            f'<iframe src="{src}" title="Registered" width="100%" height="420" '
            'style="border:0"></iframe></main></body></html>'
        )
        browser = await p.chromium.launch(executable_path=chromium, args=ARGS)
        page = await browser.new_page(viewport={"width": 390, "height": 844})
        await page.goto(article.as_uri())
        frame = page.frame_locator("iframe")
        await frame.locator("svg").wait_for(timeout=20_000)
        texts = await frame.locator("svg text").all_text_contents()
        assert "Geregistreerde deelnemers (people)" in texts[0]
        for cell in table["cells"]:
            if cell["partner"] != "all":
                assert cell["partner"] in texts and f"{cell['value']:g}" in texts
        assert "CC-BY-4.0" in texts[-1]
        inner = page.frames[1]
        assert await inner.evaluate("document.documentElement.lang") == "nl"
        fits = await inner.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        assert fits, "the chart is wider than its frame"
        assert await frame.get_by_role("link", name="CSV").get_attribute("href") == (
            f"{base}/v1/indicators/participants-registered.csv?by=partner"
        )
        await axe_clean(page)
        alone = await browser.new_page(viewport={"width": 390, "height": 844})
        await alone.goto(src)
        await axe_clean(alone)
        await browser.close()
