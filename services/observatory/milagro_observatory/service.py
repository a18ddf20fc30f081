from pathlib import Path

from milagro_kit.service import Service
from milagro_kit.settings import Settings
from milagro_observatory import api, dashboard, downloads, editions, embeds, feeds
from milagro_observatory.handlers import CONSUMERS
from milagro_observatory.rebuild import RebuildRefused, rebuild
from milagro_observatory.releases import keep_releasing
from milagro_observatory.settings import ObservatorySettings
from milagro_observatory.store import metadata
from milagro_observatory.watching import keep_watching


async def rebuild_projections(settings: Settings) -> str:
    """`milagro-observatory rebuild`: replay every projection from the streams."""
    try:
        return f"projections rebuilt in {await rebuild(settings):.1f} s"
    except RebuildRefused as exc:
        raise SystemExit(f"rebuild refused: {exc}") from exc


service = Service(
    name="observatory",
    title="MILAGRO observatory",
    description="Live impact indicators of the programme, aggregate-only and safe to publish. "
    "Open data under CC BY 4.0.",
    metadata=metadata,
    migrations=Path(__file__).parent / "migrations",
    # downloads and embeds first: `/indicators/{id}.svg` would match `/indicators/{id}`
    routers=[
        downloads.router,
        editions.router,
        embeds.router,
        api.router,
        feeds.router,
        dashboard.router,
    ],
    consumers=list(CONSUMERS),
    commands={"rebuild": rebuild_projections},
    tasks=[keep_releasing, editions.keep_editions],
    request_tasks=[keep_watching],  # holds the published version the cached reads answer from
    settings=ObservatorySettings,
    port_offset=4,
)
