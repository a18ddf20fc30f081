"""Sending e-mail over SMTP: the relays from their URLs, the primary then the fallback, over
connections kept open while there is work."""

import asyncio
import base64
import binascii
import collections
import dataclasses
import functools
import socket
import uuid
from collections.abc import Callable
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
    """One header line: ASCII as it is (folded when long), anything else RFC 2047-encoded."""
    value = " ".join(value.splitlines())  # no line breaks from what a template inserted
    if not value.isascii():
        return f"{name}: {_encoded_words(value)}"
    if len(name) + len(value) < 76:
        return f"{name}: {value}"
    return f"{name}: {Header(value, 'us-ascii', header_name=name).encode()}"


@functools.lru_cache(maxsize=1024)
def _encoded_words(value: str) -> str:
    """`value` as RFC 2047 encoded words (UTF-8, base64), folded one to a line: none longer
    than the 78 characters a line should keep to, and none splitting a character. Written
    out here because `email.header` takes half a millisecond a subject (a fan-out writes
    the same subject many times, hence remembered too)."""
    words: list[str] = []
    word: list[str] = []
    size = 0
    for character in value:
        length = len(character.encode())
        if size + length > _WORD_BYTES:
            words.append("".join(word))
            word, size = [], 0
        word.append(character)
        size += length
    words.append("".join(word))
    encoded = (base64.b64encode(w.encode()).decode("ascii") for w in words)
    return "\n ".join(f"=?utf-8?b?{e}?=" for e in encoded)


_WORD_BYTES = 39  # 52 characters of base64, 64 with its =?utf-8?b? ?=, after "Subject: " 73


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


Attempt = Callable[[Relay, str | None], None]


@functools.cache
def local_hostname() -> str:
    """How the notifier greets relays (EHLO), looked up once: aiosmtplib otherwise asks
    the resolver for it on every connection, in a thread."""
    return socket.getfqdn()


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def _keeps_connection(exc: Exception) -> bool:
    """Whether the relay answered and the connection is still good for the next e-mail: a
    refusal (aiosmtplib resets the envelope after it) or an extension the e-mail needs and
    the relay lacks (SMTPUTF8), but not 421 (the relay closing)."""
    if isinstance(exc, aiosmtplib.SMTPRecipientsRefused | aiosmtplib.SMTPNotSupported):
        return True
    return isinstance(exc, aiosmtplib.SMTPResponseException) and exc.code != 421


@dataclasses.dataclass
class _Letter:
    envelope: Envelope
    mail: bytes
    log: Attempt
    taken: asyncio.Future[bool]


class Postman:
    """Sends e-mails over a few SMTP connections per relay, kept open while there is work.

    `send` queues an e-mail; up to `width` workers take them in turn, each with its own
    connection to a relay (reused from e-mail to e-mail, from batch to batch), the primary
    first, the fallback when the primary fails to connect or refuses the e-mail. Every try
    is logged. A connection found closed (the relay dropped it since the last e-mail, or
    mid-e-mail) is opened again once and the e-mail sent over it: the relay had not
    answered 250 to its data, so it had not taken it. A relay a worker cannot connect to
    is not tried again by that worker until the queue is empty (its e-mails are logged as
    failed for that relay with the reason), so a relay that is down costs a connection
    attempt per worker, not per e-mail.
    """

    def __init__(self, relays: list[Relay], timeout: float, width: int) -> None:
        self.relays = relays
        self.timeout = timeout
        self.width = width
        self.queue: collections.deque[_Letter] = collections.deque()
        self.workers: set[asyncio.Task[None]] = set()
        self.idle: dict[Relay, list[aiosmtplib.SMTP]] = {relay: [] for relay in relays}

    async def send(self, envelope: Envelope, mail: bytes, log: Attempt) -> bool:
        """Whether a relay took the e-mail; each try is logged (`log(relay, error)`, error
        None when sent)."""
        letter = _Letter(envelope, mail, log, asyncio.get_running_loop().create_future())
        self.queue.append(letter)
        if len(self.workers) < self.width:
            worker = asyncio.create_task(self._work(), name="notifier-smtp")
            self.workers.add(worker)
        return await letter.taken

    async def close(self) -> None:
        """No work left: say goodbye to the relays (a connection that fails to is dropped)."""
        for worker in self.workers:
            worker.cancel()
        await asyncio.gather(*self.workers, return_exceptions=True)
        for connections in self.idle.values():
            while connections:
                connection = connections.pop()
                try:
                    await connection.quit()
                except (aiosmtplib.SMTPException, OSError):
                    connection.close()

    async def _work(self) -> None:
        held: dict[Relay, aiosmtplib.SMTP] = {}
        down: dict[Relay, str] = {}  # relays this worker could not connect to, and why
        try:
            while self.queue:
                letter = self.queue.popleft()
                try:
                    taken = await self._deliver(letter, held, down)
                except Exception as exc:  # a bug: this e-mail's sender hears of it, not the rest
                    letter.taken.set_exception(exc)
                else:
                    letter.taken.set_result(taken)
        finally:  # the queue is empty (no await from the check to here) or we are cancelled
            worker = asyncio.current_task()
            if worker is not None:
                self.workers.discard(worker)
            for relay, connection in held.items():
                self.idle[relay].append(connection)

    async def _deliver(
        self, letter: _Letter, held: dict[Relay, aiosmtplib.SMTP], down: dict[Relay, str]
    ) -> bool:
        for relay in self.relays:
            if relay in down:
                letter.log(relay, f"not tried again: {down[relay]}")
                continue
            error = await self._try(relay, letter, held, down)
            letter.log(relay, error)
            if error is None:
                return True
        return False

    async def _try(
        self,
        relay: Relay,
        letter: _Letter,
        held: dict[Relay, aiosmtplib.SMTP],
        down: dict[Relay, str],
    ) -> str | None:
        """Send `letter` through `relay`: None when it took it, else why not."""
        while True:
            reused = relay in held or bool(self.idle[relay])
            try:
                connection = held.get(relay) or await self._connection(relay)
            except (aiosmtplib.SMTPException, OSError) as exc:
                down[relay] = _reason(exc)
                return down[relay]
            held[relay] = connection
            envelope = letter.envelope
            try:
                await connection.sendmail(envelope.sender, [envelope.to], letter.mail)
            except (aiosmtplib.SMTPException, OSError, ValueError) as exc:
                if _keeps_connection(exc) or isinstance(exc, ValueError):
                    return _reason(exc)  # ValueError: an address SMTP cannot carry
                del held[relay]
                connection.close()
                if not reused:
                    return _reason(exc)
                # an open connection found closed: the e-mail was not taken, once more
                letter.log(relay, f"connection lost, reconnecting: {_reason(exc)}")
                continue
            return None

    async def _connection(self, relay: Relay) -> aiosmtplib.SMTP:
        """An idle connection to `relay`, else a new one (STARTTLS and log-in as configured)."""
        if self.idle[relay]:
            return self.idle[relay].pop()
        connection = aiosmtplib.SMTP(
            hostname=relay.host,
            port=relay.port,
            username=relay.username,
            password=relay.password,
            start_tls=relay.starttls,
            use_tls=relay.tls,
            timeout=self.timeout,
            local_hostname=local_hostname(),
        )
        await connection.connect()
        return connection
