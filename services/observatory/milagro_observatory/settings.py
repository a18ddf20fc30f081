"""The observatory's own settings on top of the kit's (same MILAGRO_ prefix)."""

from functools import lru_cache

from pydantic import Field

from milagro_kit.settings import Settings


class ObservatorySettings(Settings):
    disclosure_threshold: int = Field(
        5, ge=1, description="Cells with fewer people than this are suppressed"
    )
    live_poll_interval_s: float = Field(0.2, gt=0, description="How often live streams look")
    feed_max_age_s: int = Field(5, ge=0, description="Cache-Control max-age of public feeds")


@lru_cache
def observatory_settings() -> ObservatorySettings:
    return ObservatorySettings(service="observatory")
