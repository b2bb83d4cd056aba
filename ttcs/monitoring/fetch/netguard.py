"""Which network addresses monitoring may reach, and name resolution for the checked connect.

Pure functions on :mod:`ipaddress`: the fetch client resolves a host once with these, refuses any
internal address, and then connects only to the addresses checked here.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


def normalise_host(host: str) -> str:
    """A host as allow-lists compare it: lower case, no IPv6 brackets, no trailing dot."""
    return host.strip().strip("[]").rstrip(".").lower()


def parse_host_port(entry: str) -> tuple[str, int] | None:
    """``("host", port)`` from ``"host:port"`` or ``"[v6]:port"``; None when unreadable."""
    text = entry.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.lstrip(":")
    else:
        host, _, port_text = text.rpartition(":")
    if not host or not port_text.isdigit():
        return None
    return normalise_host(host), int(port_text)


_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def is_public_address(address: IPAddress) -> bool:
    """True only for globally routable unicast addresses.

    IPv6 forms that embed an IPv4 address (IPv4-mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``,
    6to4 ``2002::/16``) are judged by the embedded address, because that is where packets go.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        if address in _NAT64:
            return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if address in _NAT64_LOCAL:
            return False
        if address.sixtofour is not None:
            return is_public_address(address.sixtofour)
        if address.teredo is not None or address.is_site_local:
            return False
    elif address in _CGNAT:
        return False
    if (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    ):
        return False
    return address.is_global


def show_ip(address: IPAddress) -> str:
    """The address for a message; IPv4-mapped IPv6 keeps its dotted IPv4 part readable."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return f"::ffff:{address.ipv4_mapped}"
    return str(address)


def parse_ip(text: str) -> IPAddress | None:
    """The address in ``text`` (an IPv6 zone suffix is dropped), or None for a host name."""
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


_dns_pool: ThreadPoolExecutor | None = None
_dns_pool_lock = threading.Lock()


def _dns_executor() -> ThreadPoolExecutor:
    global _dns_pool  # one small pool per process, created on first use
    with _dns_pool_lock:
        if _dns_pool is None:
            _dns_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="ttcs-dns")
        return _dns_pool


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``getaddrinfo`` gives for ``host`` (TCP), in its order, without duplicates."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


def resolve_with_timeout(host: str, port: int, timeout: float) -> list[str]:
    """:func:`system_resolver` bounded by ``timeout`` seconds (raises ``TimeoutError`` past it).

    ``getaddrinfo`` itself cannot be interrupted; the lookup runs on a small shared pool and is
    abandoned when late, so a slow resolver cannot stall a fetch past its budget.
    """
    future = _dns_executor().submit(system_resolver, host, port)
    try:
        return future.result(timeout=timeout)
    except FutureTimeoutError:
        raise TimeoutError(host) from None
