"""A chart a journalist can put in an article: one indicator's table as a standalone SVG,
in the reader's language, with its release, licence and source on it.

    <img src="https://.../v1/indicators/migrants-reached.svg?by=partner&lang=it" alt="...">
    <iframe src="https://.../v1/indicators/migrants-reached.html?lang=it" title="..."></iframe>
"""

from dataclasses import dataclass
from typing import Annotated, Any, Literal
from xml.sax.saxutils import escape

from fastapi import APIRouter, Depends, Query, Request, Response

from milagro_kit.service import Session
from milagro_observatory import publishing as pub
from milagro_observatory.api import IndicatorId, _cached, _dimensions, _indicator, serving
from milagro_observatory.catalogue import Indicator
from milagro_observatory.disclosure import ALL
from milagro_observatory.publishing import Series

router = APIRouter(prefix="/v1", tags=["downloads"])

SVG = "image/svg+xml; charset=utf-8"
Language = Literal["en", "it", "sr", "nl"]

_WORDS = {
    "en": {
        "hidden": "hidden",
        "release": "release",
        "edition": "edition",
        "source": "Source: MILAGRO Observatory",
        "more": "Data, method and licence",
    },
    "it": {
        "hidden": "nascosto",
        "release": "versione",
        "edition": "edizione",
        "source": "Fonte: Osservatorio MILAGRO",
        "more": "Dati, metodo e licenza",
    },
    "sr": {
        "hidden": "skriveno",
        "release": "izdanje",
        "edition": "edicija",
        "source": "Izvor: MILAGRO opservatorija",
        "more": "Podaci, metod i licenca",
    },
    "nl": {
        "hidden": "verborgen",
        "release": "release",
        "edition": "editie",
        "source": "Bron: MILAGRO Observatorium",
        "more": "Data, methode en licentie",
    },
}
_WIDTH, _ROW, _LEFT = 560, 26, 150
_QUOTE = {'"': "&quot;"}


def chart(series: Series, lang: Language, licence: str, edition: str | None = None) -> str:
    """A horizontal bar chart of a table's cells (margins left out), hidden cells marked;
    `edition` names the dated edition the table comes from, if it is one's."""
    indicator = series.indicator
    words = _WORDS[lang]
    cells = [c for c in series.cells if all(v != ALL for v in c.dimensions.values())]
    if not series.by:
        cells = series.cells
    shown = [c.value or 0 for c in cells if not c.suppressed]
    top = max([1.0, *shown])
    rows = []
    for i, cell in enumerate(cells):
        y = 48 + i * _ROW
        label = " · ".join([*cell.dimensions.values()] or [cell.period])
        if cell.suppressed or cell.value is None:
            word = words["hidden"] if cell.suppressed else "\u2013"  # no value: a dash
            bar = f'<text x="{_LEFT}" y="{y + 15}" class="hidden">{escape(word)}</text>'
        else:
            width = max(2, round((_WIDTH - _LEFT - 70) * cell.value / top))
            bar = (
                f'<rect x="{_LEFT}" y="{y + 4}" width="{width}" height="{_ROW - 8}"/>'
                f'<text x="{_LEFT + width + 6}" y="{y + 17}">{cell.value:g}</text>'
            )
        rows.append(
            f'<text x="{_LEFT - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>{bar}'
        )
    height = 48 + len(cells) * _ROW + 44
    release = series.release
    stamp = "" if release is None else f"{words['release']} {release.number}, "
    if edition is not None:
        stamp = f"{words['edition']} {edition}, "
    footer = f"{words['source']} ({stamp}{licence})"
    title = f"{indicator.title.model_dump()[lang]} ({indicator.unit})"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}" role="img" aria-label="{escape(title, _QUOTE)}" '
        f'lang="{lang}">'
        "<style>text{font:13px sans-serif;fill:#1b1b1b}rect{fill:#1f4e8c}"
        ".hidden{fill:#6b6b6b;font-style:italic}.title{font-weight:bold;font-size:15px}"
        ".foot{font-size:11px;fill:#4a4a4a}</style>"
        f'<rect x="0" y="0" width="{_WIDTH}" height="{height}" style="fill:#fff"/>'
        f'<text x="12" y="26" class="title">{escape(title)}</text>'
        f"{''.join(rows)}"
        f'<text x="12" y="{height - 14}" class="foot">{escape(footer)}</text>'
        "</svg>"
    )


def embed_page(svg: str, lang: Language, title: str, links: dict[str, str]) -> bytes:
    """The chart as a page for an `<iframe>`: as wide as its frame, with its sources linked."""
    words = _WORDS[lang]
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        "<style>body{margin:0;background:#fff;font:14px sans-serif;color:#1b1b1b}"
        "svg{display:block;width:100%;height:auto}p{margin:.3rem .75rem}a{color:#1f4e8c}"
        "a:focus{outline:3px solid #b3541e}</style></head>"
        f"<body><main>{svg}<p>"
        f'<a href="{escape(links["more"], _QUOTE)}" target="_blank" rel="noopener">'
        f"{escape(words['more'])}</a> · "
        f'<a href="{escape(links["csv"], _QUOTE)}" target="_blank" rel="noopener">CSV</a>'
        "</p></main></body></html>"
    ).encode()


By = Annotated[str | None, Query(description="One dimension to chart, e.g. partner")]
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class ChartRequest:
    indicator: Indicator
    dims: list[str]
    lang: Language

    def csv(self, at: str) -> str:
        """The chart's table as CSV, from `at` (the API's base or an edition's)."""
        return f"{at}/indicators/{self.indicator.id}.csv" + (
            f"?by={self.dims[0]}" if self.dims else ""
        )

    def title(self) -> str:
        return str(self.indicator.title.model_dump()[self.lang])


async def chart_request(
    indicator_id: IndicatorId, by: By = None, lang: Language = "en"
) -> ChartRequest:
    indicator = _indicator(indicator_id)
    return ChartRequest(indicator, _dimensions(indicator, by, "total"), lang)


Chart = Annotated[ChartRequest, Depends(chart_request)]


async def _live_chart(request: Request, session: Any, chosen: ChartRequest, page: bool) -> Response:
    source = await pub.table(request, session, chosen.indicator, chosen.dims, "total")

    async def render(state: pub.State) -> bytes:
        series = await source.series(request, session)
        svg = chart(series, chosen.lang, pub.about(request, state)["licence"]["id"])
        if not page:
            return svg.encode()
        base = pub.base_url(request)
        links = {"more": f"{base}/dashboard/?lang={chosen.lang}", "csv": chosen.csv(base + "/v1")}
        return embed_page(svg, chosen.lang, chosen.title(), links)

    return await _cached(request, source.state, render, HTML if page else SVG)


@router.get(
    "/indicators/{indicator_id}.svg",
    summary="One indicator as a chart to embed (SVG, in four languages)",
    **serving(SVG, 400, 404),
)
async def indicator_chart(request: Request, session: Session, chosen: Chart) -> Response:
    return await _live_chart(request, session, chosen, page=False)


@router.get(
    "/indicators/{indicator_id}.html",
    summary="One indicator's chart as a page for an <iframe> (four languages)",
    **serving(HTML, 400, 404),
)
async def indicator_embed(request: Request, session: Session, chosen: Chart) -> Response:
    return await _live_chart(request, session, chosen, page=True)
