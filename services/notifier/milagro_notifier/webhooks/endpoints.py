"""Where webhooks may go: never to the deployment's own networks (loopback, private,
link-local, shared or reserved addresses) unless `MILAGRO_WEBHOOK_ALLOW_INTERNAL_URLS` says
so, lest a partner make the notifier reach internal services (SSRF) and read the first
bytes of their answers in its delivery log.

Checked when a subscription's URL is set (a 422 the partner sees at once) and again on
every connection, on the addresses actually connected to: a name that resolves to an
internal address later, or only for the notifier, gains nothing.
"""

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def internal(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
    return not address.is_global or address.is_multicast


async def addresses(host: str, port: int) -> list[Address]:
    """Every address `host` stands for (itself when it is one)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(sockaddr[0]).split("%")[0]) for *_, sockaddr in found]


async def refusal(url: str) -> str | None:
    """Why deliveries to `url` would be refused (an internal address), else None; a name
    that does not resolve yet is let through (its connections are checked)."""
    parts = urlsplit(url)
    try:
        found = await addresses(parts.hostname or "", parts.port or 443)
    except OSError:
        return None
    inside = [a for a in found if internal(a)]
    return f"{parts.hostname} is an internal address ({inside[0]})" if inside else None


class Guarded(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to addresses that are not internal."""

    def __init__(self) -> None:
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            found = await asyncio.wait_for(addresses(host, port), timeout)
        except (OSError, TimeoutError) as exc:
            raise httpcore.ConnectError(f"{host}: {exc}") from exc
        if inside := [a for a in found if internal(a)]:
            raise httpcore.ConnectError(f"refused: {host} is an internal address ({inside[0]})")
        # the checked address, not the name again (TLS still verifies the name)
        return await self.inner.connect_tcp(
            str(found[0]), port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("webhooks go over TCP only")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def client(timeout: httpx.Timeout, limits: httpx.Limits, allow_internal: bool) -> httpx.AsyncClient:
    """The deliveries' client: guarded unless internal URLs are allowed."""
    transport = httpx.AsyncHTTPTransport(limits=limits)
    if not allow_internal:
        # httpx takes no network backend; its pool is rebuilt with the same limits and one
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=Guarded(),
        )
    return httpx.AsyncClient(timeout=timeout, transport=transport)
