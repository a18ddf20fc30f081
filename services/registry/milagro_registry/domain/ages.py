"""Age bands: the birth date never leaves the registry, the band does."""

from datetime import date

from milagro_contracts.event import AgeBand

_BANDS: tuple[tuple[int, AgeBand], ...] = (
    (18, AgeBand.under_18),
    (25, AgeBand.age_18_24),
    (35, AgeBand.age_25_34),
    (45, AgeBand.age_35_44),
    (55, AgeBand.age_45_54),
    (65, AgeBand.age_55_64),
)


def age(birth_date: date, on: date) -> int:
    """Completed years on a day."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: date | None, on: date) -> AgeBand | None:
    """The age band published in events: the birth date itself never leaves the registry."""
    if birth_date is None:
        return None
    years = age(birth_date, on)
    return next((band for limit, band in _BANDS if years < limit), AgeBand.age_65_plus)
