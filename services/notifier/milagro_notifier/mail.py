"""Sending one e-mail over SMTP: the relays from their URLs, the primary then the fallback."""

import dataclasses
from collections.abc import Awaitable, Callable
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from milagro_notifier.templates import Rendered


@dataclasses.dataclass(frozen=True)
class Relay:
    """An SMTP relay, from `smtp://user:pass@host:port?starttls=true` (`smtps://`: TLS)."""

    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    tls: bool = False

    @classmethod
    def parse(cls, url: str) -> "Relay":
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        tls = parts.scheme == "smtps"
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or (465 if tls else 25),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            starttls=query.get("starttls", ["false"])[0].lower() == "true",
            tls=tls,
        )

    @property
    def name(self) -> str:
        """How the log names it: never with its password."""
        return f"{self.host}:{self.port}"


def message(
    sender: str, to: str, rendered: Rendered, unsubscribe: str | None, message_id: str
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, rendered.subject
    mail["Message-ID"] = message_id
    mail["Date"] = formatdate(usegmt=True)
    if unsubscribe:  # RFC 8058: mail clients' own button posts to it, no log-in
        mail["List-Unsubscribe"] = f"<{unsubscribe}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail.set_content(rendered.text)
    mail.add_alternative(rendered.html, subtype="html")
    mail["Content-Language"] = rendered.language  # after the parts: they reset Content-*
    return mail


Attempt = Callable[[Relay, str | None], Awaitable[None]]


async def send(mail: EmailMessage, relays: list[Relay], timeout: float, log: Attempt) -> bool:
    """Send through the first relay that takes it; every try is logged (`log(relay,
    error)`, error None when sent). Whether one took it."""
    for relay in relays:
        try:
            await aiosmtplib.send(
                mail,
                hostname=relay.host,
                port=relay.port,
                username=relay.username,
                password=relay.password,
                start_tls=relay.starttls,
                use_tls=relay.tls,
                timeout=timeout,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            await log(relay, f"{type(exc).__name__}: {exc}"[:500])
            continue
        await log(relay, None)
        return True
    return False
