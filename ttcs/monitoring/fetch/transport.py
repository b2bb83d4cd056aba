"""httpx plumbing that connects only to checked addresses, within one time budget.

httpx resolves names itself when it opens a connection; a DNS answer that changed since the
address check (rebinding) would then reach an internal host. Here the connection pool is given a
network backend that knows only the checked addresses of one host:port, connects to them, and
verifies the peer it reached. The Host header, TLS SNI and certificate verification keep using
the URL's name, because httpcore passes that name to ``start_tls``.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import certifi
import httpcore
import httpx

from ttcs.monitoring.fetch.netguard import normalise_host, parse_ip


class RefusedConnectionError(Exception):
    """The transport was asked to connect somewhere other than the checked address."""


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation is cut short at the exchange's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _clamp(self, timeout: float | None) -> float:
        remaining = self._deadline - time.monotonic()
        return remaining if timeout is None else min(timeout, remaining)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        limit = self._clamp(timeout)
        if limit <= 0:
            raise httpcore.ReadTimeout("time budget exhausted")
        return self._inner.read(max_bytes, limit)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        limit = self._clamp(timeout)
        if limit <= 0:
            raise httpcore.WriteTimeout("time budget exhausted")
        self._inner.write(buffer, limit)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        limit = self._clamp(timeout)
        if limit <= 0:
            raise httpcore.ConnectTimeout("time budget exhausted")
        # server_hostname is the URL's host: SNI and certificate checks use the name, not the IP.
        return DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, limit), self._deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Connects only to the addresses checked for one host:port, and verifies the peer."""

    def __init__(
        self,
        host: str,
        port: int,
        addresses: Sequence[str],
        deadline: float,
        connect_timeout: float,
        inner: httpcore.NetworkBackend,
    ) -> None:
        self._host = normalise_host(host)
        self._port = port
        self._addresses = list(addresses)
        self._deadline = deadline
        self._connect_timeout = connect_timeout
        self._inner = inner
        self.peer: str | None = None

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if normalise_host(host) != self._host or port != self._port:
            raise RefusedConnectionError(f"yêu cầu nối tới {host}:{port} chưa được kiểm tra")
        last_error: Exception | None = None
        for address in self._addresses:
            limit = min(self._connect_timeout, self._deadline - time.monotonic())
            if limit <= 0:
                raise httpcore.ConnectTimeout("time budget exhausted")
            try:
                stream = self._inner.connect_tcp(
                    address,
                    port,
                    timeout=limit,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as error:
                last_error = error
                continue
            peer = stream.get_extra_info("server_addr")
            peer_ip = parse_ip(str(peer[0])) if isinstance(peer, tuple) and peer else None
            if peer_ip is None or peer_ip != parse_ip(address):
                stream.close()
                raise RefusedConnectionError(
                    f"đã kiểm tra {address}, thực tế nối tới {peer_ip or 'không rõ'}"
                )
            self.peer = address
            return DeadlineStream(stream, self._deadline)
        raise last_error or httpcore.ConnectError("no address to connect to")

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise RefusedConnectionError(path)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


@lru_cache(maxsize=1)
def default_ssl_context() -> ssl.SSLContext:
    """Certificate verification against the certifi bundle, shared by all connections."""
    return ssl.create_default_context(cafile=certifi.where())


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool built on the pinned backend.

    httpx does not take a network backend directly, so the pool it builds is replaced by one
    that uses ours; everything else (request/response conversion, error mapping) is httpx's.
    """

    def __init__(self, backend: PinnedBackend, ssl_context: ssl.SSLContext | None = None) -> None:
        context = ssl_context or default_ssl_context()
        super().__init__(verify=context, trust_env=False, retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            max_connections=1,
            max_keepalive_connections=0,
            http1=True,
            http2=False,
            retries=0,
            network_backend=backend,
        )
