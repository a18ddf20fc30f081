"""Rendering an e-mail: the kind's texts in the person's language (English when there are
none), dates and times in their time zone and language, a plain-text and an HTML part.

Each language is one file, `messages/<language>.toml`: per kind a `subject` and a `body`
(Jinja2; paragraphs apart by blank lines), and `[footer]`. The HTML escapes what the
texts insert (`layout/mail.html`, autoescape).
"""

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

HERE = Path(__file__).parent
LANGUAGES = ("en", "it", "sr", "nl")
FALLBACK = "en"
# Serbian texts are in the Latin script, and Babel writes its dates in it too
_LOCALES = {"sr": "sr_Latn"}


@dataclass(frozen=True)
class Rendered:
    language: str
    subject: str
    text: str
    html: str


@cache
def _messages(language: str) -> dict[str, Any]:
    return tomllib.loads((HERE / "messages" / f"{language}.toml").read_text())


def language_for(preferred: str | None, kind: str) -> str:
    """The person's language if the kind is written in it, else English."""
    if preferred in LANGUAGES and kind in _messages(preferred):
        return preferred
    return FALLBACK


def page_texts(language: str | None) -> dict[str, str]:
    """The unsubscribe page's texts in `language` (English when it has none)."""
    texts: dict[str, str] = _messages(language if language in LANGUAGES else FALLBACK)[
        "unsubscribe_page"
    ]
    return texts


def _environment(autoescape: bool) -> Environment:
    return Environment(
        loader=FileSystemLoader(HERE / "layout"),
        autoescape=select_autoescape(["html"]) if autoescape else False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # the layouts ship with the code: no stat of their file per e-mail
    )


_TEXT, _HTML = _environment(False), _environment(True)


@cache
def _texts(language: str, kind: str) -> tuple[Template, Template]:
    """The kind's subject and body, compiled once: compiling costs several times rendering."""
    texts = _messages(language)[kind]
    return _TEXT.from_string(texts["subject"]), _TEXT.from_string(texts["body"])


@cache
def _locale(language: str) -> Locale:
    """Babel's locale of a language, parsed once (parsing costs as much as formatting)."""
    return Locale.parse(_LOCALES.get(language, language))


@lru_cache(maxsize=4096)
def _when(value: str, zone: str, language: str) -> str:
    """An ISO time as the person reads it: `lunedì 30 novembre 2026, 18:00 (Europe/Rome)`.
    Remembered: a fan-out writes the same time for everyone in a zone and language, and
    Babel's formatting costs as much as the rest of the rendering."""
    locale = _locale(language)
    moment = datetime.fromisoformat(value).astimezone(ZoneInfo(zone))
    day = format_date(moment, "full", locale=locale)
    return f"{day}, {format_time(moment, 'short', locale=locale)} ({zone})"


def render(
    kind: str, context: dict[str, Any], preferred: str | None, zone: str, unsubscribe: str | None
) -> Rendered:
    language = language_for(preferred, kind)

    def when(value: str) -> str:
        return _when(value, zone, language)

    subject_template, body_template = _texts(language, kind)
    footer = _messages(language)["footer"]["unsubscribe"]
    values = context | {"when": when}
    subject = subject_template.render(values).strip()
    body = body_template.render(values).strip()
    layout = {"subject": subject, "footer": footer, "unsubscribe": unsubscribe}
    text = _TEXT.get_template("mail.txt").render(layout | {"body": body})
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    html = _HTML.get_template("mail.html").render(
        layout | {"paragraphs": paragraphs, "language": language}
    )
    return Rendered(language, subject, text, html)
