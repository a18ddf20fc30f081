"""The observatory's own settings on top of the kit's (same MILAGRO_ prefix)."""

from pydantic import Field

from milagro_kit.settings import Settings


class ObservatorySettings(Settings):
    disclosure_threshold: int = Field(
        5, ge=1, description="Cells with fewer people than this are suppressed"
    )
    live_poll_interval_s: float = Field(
        0.2, gt=0, description="How often the process looks for new versions, NOTIFY or not"
    )
    live_max_clients: int = Field(
        2000, ge=1, description="Live-stream clients a process serves at once (503 beyond)"
    )
    feed_max_age_s: int = Field(5, ge=0, description="Cache-Control max-age of public feeds")
    release_interval_s: float = Field(
        1.0, gt=0, description="How often the observatory looks for releases that are due"
    )
    edition_interval_s: float = Field(
        600.0,
        gt=0,
        description="How often the observatory looks whether this month's "
        "edition of the data package is due",
    )
