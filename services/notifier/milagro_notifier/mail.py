"""Sending one e-mail over SMTP: the relays from their URLs, the primary then the fallback."""

import binascii
import dataclasses
import functools
import socket
import uuid
from collections.abc import Awaitable, Callable
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr
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


@dataclasses.dataclass(frozen=True)
class Envelope:
    """What SMTP is told apart from the message: who sends it, to whom."""

    sender: str
    to: str


@functools.cache
def _from(sender: str) -> tuple[str, str]:
    """The From header (a non-ASCII name RFC 2047-encoded) and the bare address, once."""
    name, address = parseaddr(sender)
    return formataddr((name, address), charset="utf-8"), address


def _header(name: str, value: str) -> str:
    """One header line: ASCII as it is, anything else RFC 2047-encoded (UTF-8), folded."""
    value = " ".join(value.splitlines())  # no line breaks from what a template inserted
    if value.isascii() and len(name) + len(value) < 76:
        return f"{name}: {value}"
    charset = "us-ascii" if value.isascii() else "utf-8"
    return f"{name}: {Header(value, charset, header_name=name).encode()}"


def _part(subtype: str, text: str) -> str:
    # quoted-printable never contains "=_", so no body can contain the boundary
    body = binascii.b2a_qp(text.encode(), istext=True).decode("ascii")
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\n'
        f"Content-Transfer-Encoding: quoted-printable\n\n{body}"
    )


def message(
    sender: str, to: str, rendered: Rendered, unsubscribe: str | None, message_id: str
) -> tuple[Envelope, bytes]:
    """The e-mail as SMTP carries it, written out directly rather than through the `email`
    package's header parsing (a fifth of the dispatcher's time): fixed headers, the
    subject encoded, a plain-text and an HTML part in UTF-8, quoted-printable."""
    header, address = _from(sender)
    boundary = f"=_{uuid.uuid4().hex}"
    lines = [
        f"From: {header}",
        f"To: {to}",  # an address with no name: UTF-8 only if the address is (SMTPUTF8)
        _header("Subject", rendered.subject),
        f"Date: {formatdate(usegmt=True)}",
        f"Message-ID: {message_id}",
        f"Content-Language: {rendered.language}",
        "MIME-Version: 1.0",
    ]
    if unsubscribe:  # RFC 8058: mail clients' own button posts to it, no log-in
        lines += [
            f"List-Unsubscribe: <{unsubscribe}>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        ]
    lines += [
        f'Content-Type: multipart/alternative; boundary="{boundary}"',
        "",
        f"--{boundary}",
        _part("plain", rendered.text),
        f"--{boundary}",
        _part("html", rendered.html),
        f"--{boundary}--",
        "",
    ]
    return Envelope(address, to), "\n".join(lines).encode()  # aiosmtplib sends CRLF


Attempt = Callable[[Relay, str | None], Awaitable[None]]


@functools.cache
def local_hostname() -> str:
    """How the notifier greets relays (EHLO), looked up once: aiosmtplib otherwise asks
    the resolver for it on every connection, in a thread."""
    return socket.getfqdn()


async def send(
    envelope: Envelope, mail: bytes, relays: list[Relay], timeout: float, log: Attempt
) -> bool:
    """Send through the first relay that takes it; every try is logged (`log(relay,
    error)`, error None when sent). Whether one took it."""
    for relay in relays:
        try:
            await aiosmtplib.send(
                mail,
                sender=envelope.sender,
                recipients=[envelope.to],
                hostname=relay.host,
                port=relay.port,
                username=relay.username,
                password=relay.password,
                start_tls=relay.starttls,
                use_tls=relay.tls,
                timeout=timeout,
                local_hostname=local_hostname(),
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            await log(relay, f"{type(exc).__name__}: {exc}"[:500])
            continue
        await log(relay, None)
        return True
    return False
