"""Connections pinned to the addresses a host was checked at, so DNS cannot change them (no rebinding).

A public-only fetch resolves each host once, checks every address, and pins the
host to them. The connection then goes to a pinned address; the host is never
resolved again, so a DNS answer that changes between the check and the connect
cannot reach loopback or a private network. The URL keeps its host, so the
Host header, TLS SNI and certificate verification use the name, not the IP.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import typing
from collections.abc import Iterable, Sequence

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def resolve_host(host: str) -> tuple[IPAddress, ...]:
    """Every address ``host`` names, from one look-up; () for ``localhost`` names and hosts that do not resolve."""
    name = host.strip().strip("[]").rstrip(".")
    if not name or name.lower() == "localhost" or name.lower().endswith(".localhost"):
        return ()
    try:
        return (ipaddress.ip_address(name),)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()
    addresses: list[IPAddress] = []
    for info in infos:
        try:
            address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        except ValueError:
            continue
        if address not in addresses:
            addresses.append(address)
    return tuple(addresses)


def is_public_ip(address: IPAddress) -> bool:
    """Whether one address is public: not loopback, private, link-local, multicast, reserved or unspecified."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (address.is_loopback or address.is_private or address.is_link_local
                                      or address.is_multicast or address.is_reserved or address.is_unspecified)


class PinnedBackend(httpcore.NetworkBackend):
    """An httpcore network backend that connects a host only to the addresses pinned for it, never resolving it."""

    def __init__(self) -> None:
        self._pins: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self._backend = httpcore.SyncBackend()

    def pin(self, host: str, addresses: Sequence[IPAddress]) -> None:
        """Connect ``host`` (as the URL spells it, IDNA-encoded) only to ``addresses`` from now on."""
        with self._lock:
            self._pins[_key(host)] = tuple(str(a) for a in addresses)

    def pinned(self, host: str) -> tuple[str, ...]:
        """The addresses ``host`` is pinned to; () when it is not pinned."""
        with self._lock:
            return self._pins.get(_key(host), ())

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        """A connection to the first pinned address of ``host`` that answers (the next on a refusal)."""
        addresses = self.pinned(host)
        if not addresses:  # fail closed: a host nobody checked is never resolved here
            raise httpcore.ConnectError(f"{host} was not checked before connecting; refused")
        failure: httpcore.ConnectError | None = None
        for address in addresses:  # IP literals: create_connection does no DNS look-up for them
            try:
                return self._backend.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                 socket_options=socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        assert failure is not None
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        """Refused: a pinned fetch only makes TCP connections."""
        raise httpcore.ConnectError(f"{path}: unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        """As the default backend (used between connection retries)."""
        self._backend.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool on a PinnedBackend (httpx gives no public way to set one)."""

    def __init__(self, backend: PinnedBackend, *, verify: ssl.SSLContext | bool = True) -> None:
        super().__init__(verify=verify)
        # httpx 0.28/0.29 build the pool in HTTPTransport.__init__ without a network_backend
        # parameter; this replaces it with the same pool on our backend. Checked for real by
        # tests/test_ingest_fetch.py (a rebinding host never reaches the 127.0.0.1 server).
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(verify=verify),
                                             network_backend=backend)


def _key(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()
