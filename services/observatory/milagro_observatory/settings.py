"""The observatory's own settings on top of the kit's (same MILAGRO_ prefix)."""

from functools import lru_cache

from fastapi import FastAPI
from pydantic import Field

from milagro_kit.settings import Settings


class ObservatorySettings(Settings):
    disclosure_threshold: int = Field(
        5, ge=1, description="Cells with fewer people than this are suppressed"
    )
    live_poll_interval_s: float = Field(0.2, gt=0, description="How often live streams look")
    feed_max_age_s: int = Field(5, ge=0, description="Cache-Control max-age of public feeds")
    release_interval_s: float = Field(
        1.0, gt=0, description="How often the observatory looks for releases that are due"
    )


@lru_cache
def observatory_settings() -> ObservatorySettings:
    return ObservatorySettings(service="observatory")


def settings_of_app(app: FastAPI) -> ObservatorySettings:
    """The settings the app runs with (tests may set their own on `app.state`)."""
    chosen = getattr(app.state, "observatory_settings", None)
    return chosen if isinstance(chosen, ObservatorySettings) else observatory_settings()
