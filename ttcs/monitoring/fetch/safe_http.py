"""An HTTP client for monitoring that cannot be turned against the agency's own network.

Sources are typed in by officers and feeds link to anywhere, so every URL is untrusted:

* only http/https, ports 80/443 (plus administrator-approved ``host:port`` pairs), no credentials;
* the host is resolved once, every address is checked (private, loopback, link-local, multicast,
  reserved, unspecified and carrier-grade NAT ranges are refused, IPv4-mapped/NAT64/6to4 IPv6
  forms are unwrapped first), and the connection is made to the checked address and its peer
  verified, so a DNS answer that changes between check and use (rebinding) gains nothing; the Host
  header, TLS SNI and certificate check still use the original name;
* redirects are followed by hand and every hop is checked again;
* bodies are streamed and cut at a size limit (also for compressed bodies), and the whole exchange
  runs against one time budget;
* hosts are treated politely: a minimum interval between requests, back-off after 429/5xx
  (honouring Retry-After), and robots.txt.

Nothing here raises to the caller: :meth:`SafeHttpClient.fetch` returns a :class:`FetchResult`
whose ``status`` says what happened and whose ``reason`` says it in Vietnamese.
"""

from __future__ import annotations

import hashlib
import logging
import ssl
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, NoReturn
from urllib import robotparser

import httpcore
import httpx

from ttcs.monitoring.fetch.bodies import BodyTooLargeError, BoundedDecoder
from ttcs.monitoring.fetch.dates import VN_TZ
from ttcs.monitoring.fetch.netguard import (
    Resolver,
    is_public_address,
    normalise_host,
    parse_ip,
    resolve_with_timeout,
    show_ip,
)
from ttcs.monitoring.fetch.policy import (
    MB,
    USER_AGENT_TOKEN,
    Clock,
    FetchPolicy,
    HostThrottle,
    SystemClock,
    parse_retry_after,
)
from ttcs.monitoring.fetch.textdecode import DecodedText, decode_text
from ttcs.monitoring.fetch.transport import PinnedBackend, PinnedTransport, RefusedConnectionError

log = logging.getLogger(__name__)

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class FetchStatus(StrEnum):
    """What became of a fetch. Only ``OK`` and ``NOT_MODIFIED`` are successes."""

    OK = "ok"  # a 2xx response whose body is in ``content``
    NOT_MODIFIED = "not_modified"  # 304 to a conditional GET: keep what you have
    INVALID_URL = "invalid_url"  # not an http(s) URL we may use
    BLOCKED_ADDRESS = "blocked_address"  # resolves to a private/internal address
    BLOCKED_PORT = "blocked_port"  # a port other than 80/443 that is not allow-listed
    ROBOTS_DISALLOWED = "robots_disallowed"  # robots.txt forbids it (or could not be read yet)
    DEFERRED = "deferred"  # the host is in back-off; no request was sent
    RATE_LIMITED = "rate_limited"  # 429 even after waiting
    HTTP_ERROR = "http_error"  # any other non-2xx answer (4xx, or 5xx after retries)
    TOO_MANY_REDIRECTS = "too_many_redirects"
    TOO_LARGE = "too_large"  # body over the size limit (declared or streamed)
    TIMEOUT = "timeout"  # connect timeout or the total time budget ran out
    DNS_ERROR = "dns_error"  # the name does not resolve
    NETWORK_ERROR = "network_error"  # refused, reset, TLS failure, protocol error
    CONTENT_ERROR = "content_error"  # a body we cannot decode (unknown compression)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one fetch, redirects included. ``reason`` is Vietnamese, empty on success."""

    url: str
    status: FetchStatus
    reason: str = ""
    final_url: str = ""
    http_status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""
    sha256: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    redirects: tuple[str, ...] = ()
    peer_address: str | None = None
    retry_at: datetime | None = None
    attempts: int = 0
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        """True when a body was received (status OK)."""
        return self.status is FetchStatus.OK

    @property
    def not_modified(self) -> bool:
        """True when the server confirmed the cached copy is current (304)."""
        return self.status is FetchStatus.NOT_MODIFIED

    @property
    def failed(self) -> bool:
        """True for every status other than OK and NOT_MODIFIED."""
        return self.status not in (FetchStatus.OK, FetchStatus.NOT_MODIFIED)

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower-cased ('' when absent)."""
        return (self.content_type or "").split(";", 1)[0].strip().lower()

    def decoded(self) -> DecodedText:
        """The body as NFC text, decoded by declared charset then by detection; never raises."""
        return decode_text(self.content, self.content_type)

    @property
    def text(self) -> str:
        """The body as text (see :meth:`decoded`)."""
        return self.decoded().text


class FetchFailedError(Exception):
    """Raised only by :meth:`SafeHttpClient.fetch_or_raise`; carries the failed result."""

    def __init__(self, result: FetchResult) -> None:
        super().__init__(result.reason)
        self.result = result


def _megabytes(size: int) -> str:
    value = size / MB
    return f"{value:g} MB" if value >= 1 else f"{size // 1024} KB"


def _local_time(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


class _Failure(Exception):
    def __init__(
        self,
        status: FetchStatus,
        reason: str,
        *,
        http_status: int | None = None,
        retry_at: datetime | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.http_status = http_status
        self.retry_at = retry_at
        self.headers = dict(headers or {})


@dataclass(frozen=True, slots=True)
class _Target:
    url: httpx.URL
    text: str
    scheme: str
    host: str
    port: int

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.url.netloc.decode('ascii')}"


@dataclass(slots=True)
class _Exchange:
    status_code: int
    headers: dict[str, str]
    peer: str | None
    body: bytes = b""
    redirect_to: str | None = None


@dataclass(slots=True)
class _Budget:
    limit: float
    spent: float = 0.0
    attempts: int = 0


@dataclass(slots=True)
class _RobotsEntry:
    expires: float
    parser: robotparser.RobotFileParser | None
    allow_all: bool
    reason: str


_HTTP_REASONS_VI = {
    400: "Yêu cầu không hợp lệ",
    401: "Cần đăng nhập",
    403: "Bị từ chối truy cập",
    404: "Không tìm thấy",
    410: "Trang đã bị gỡ",
    429: "Quá nhiều yêu cầu",
    500: "Lỗi máy chủ",
    502: "Cổng kết nối lỗi",
    503: "Dịch vụ tạm ngừng",
    504: "Máy chủ trung gian hết thời gian chờ",
}


class SafeHttpClient:
    """Fetches untrusted URLs safely and politely (see the module docstring for the rules).

    One client per worker process: it holds the per-host politeness state and the robots.txt
    cache; ``shared_slots`` (see ``shared_slots.SharedSlots``) extends the spacing to every
    process that shares it. ``resolver`` and ``network_backend`` are injectable for tests;
    production uses ``getaddrinfo`` (bounded by ``dns_timeout``) and httpcore's socket backend.
    ``ssl_context`` replaces the certifi trust store, e.g. for an intranet portal signed by an
    agency's own CA; verification is never switched off.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        clock: Clock | None = None,
        resolver: Resolver | None = None,
        network_backend: httpcore.NetworkBackend | None = None,
        ssl_context: ssl.SSLContext | None = None,
        shared_slots: Any | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.clock: Clock = clock or SystemClock()
        self.throttle = HostThrottle(self.policy, self.clock, shared_slots)
        self._resolver = resolver
        self._backend = network_backend or httpcore.SyncBackend()
        self._ssl_context = ssl_context
        self._robots: dict[str, _RobotsEntry] = {}
        self._robots_lock = threading.Lock()

    # -- public ------------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET ``url`` under the policy; never raises.

        Guarantees: no connection to a refused address or port; at most ``max_redirects``
        redirects, each re-checked; a body of at most ``max_bytes`` (default the policy's) after
        decompression; network time within ``time_limit`` in total (politeness waits are not
        counted); at least ``min_host_interval`` between requests to one host; robots.txt
        obeyed. With ``etag``/``last_modified`` the request is conditional and a 304 gives
        NOT_MODIFIED. The result carries the body's SHA-256 and the validators to send next time.
        """
        try:
            return self._fetch(
                url,
                etag=etag,
                last_modified=last_modified,
                accept=accept,
                max_bytes=max_bytes or self.policy.max_bytes,
                check_robots=self.policy.respect_robots,
                truncate=False,
            )
        except Exception as error:  # the caller's loop must survive anything a site sends
            log.exception("fetch of %s failed unexpectedly", url)
            return FetchResult(
                url=url,
                status=FetchStatus.NETWORK_ERROR,
                reason=f"Lỗi không xác định khi tải trang ({type(error).__name__})",
                final_url=url,
            )

    def fetch_or_raise(self, url: str, **options: Any) -> FetchResult:
        """Like :meth:`fetch` but raises :class:`FetchFailedError` for failed statuses."""
        result = self.fetch(url, **options)
        if result.failed:
            raise FetchFailedError(result)
        return result

    def robots_allows(self, url: str) -> tuple[bool, str]:
        """Whether robots.txt lets TTCS fetch ``url`` (fetching and caching it if needed)."""
        try:
            target = self._target(url)
            self._resolve_checked(target)
            failure = self._robots_verdict(target)
        except _Failure as error:
            return False, error.reason
        return (failure is None, failure.reason if failure else "")

    # -- the fetch loop ----------------------------------------------------------------------

    def _fetch(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        accept: str | None,
        max_bytes: int,
        check_robots: bool,
        truncate: bool,
    ) -> FetchResult:
        started = time.monotonic()
        budget = _Budget(self.policy.time_limit)
        visited: list[str] = []
        current = url
        headers = self._request_headers(etag, last_modified, accept)
        try:
            for _hop in range(self.policy.max_redirects + 1):
                target = self._target(current)
                current = target.text
                addresses = self._resolve_checked(target)
                if check_robots:
                    refusal = self._robots_verdict(target)
                    if refusal is not None:
                        raise refusal
                exchange = self._exchange_politely(
                    target, addresses, headers, budget, max_bytes, truncate
                )
                if exchange.redirect_to is not None:
                    visited.append(current)
                    current = exchange.redirect_to
                    continue
                return self._result(url, current, visited, exchange, budget.attempts, started)
            raise _Failure(
                FetchStatus.TOO_MANY_REDIRECTS,
                f"Quá {self.policy.max_redirects} lần chuyển hướng, dừng ở {current}",
            )
        except _Failure as failure:
            log.info("fetch %s: %s (%s)", url, failure.status, failure.reason)
            return FetchResult(
                url=url,
                status=failure.status,
                reason=failure.reason,
                final_url=current,
                http_status=failure.http_status,
                headers=failure.headers,
                redirects=tuple(visited),
                retry_at=failure.retry_at,
                attempts=budget.attempts,
                elapsed=time.monotonic() - started,
            )

    def _request_headers(
        self, etag: str | None, last_modified: str | None, accept: str | None
    ) -> dict[str, str]:
        headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": accept or "*/*",
            "Accept-Language": "vi, en;q=0.5",
            # Only encodings the bounded decoder handles.
            "Accept-Encoding": "gzip, deflate",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def _result(
        self,
        url: str,
        final_url: str,
        visited: list[str],
        exchange: _Exchange,
        attempts: int,
        started: float,
    ) -> FetchResult:
        not_modified = exchange.status_code == 304
        return FetchResult(
            url=url,
            status=FetchStatus.NOT_MODIFIED if not_modified else FetchStatus.OK,
            final_url=final_url,
            http_status=exchange.status_code,
            headers=exchange.headers,
            content=exchange.body,
            sha256=None if not_modified else hashlib.sha256(exchange.body).hexdigest(),
            etag=exchange.headers.get("etag"),
            last_modified=exchange.headers.get("last-modified"),
            content_type=exchange.headers.get("content-type"),
            redirects=tuple(visited),
            peer_address=exchange.peer,
            attempts=attempts,
            elapsed=time.monotonic() - started,
        )

    # -- checks ------------------------------------------------------------------------------

    def _target(self, url: str) -> _Target:
        shown = url if len(url) <= 200 else url[:200] + "…"
        try:
            parsed = httpx.URL(url.strip())
        except (httpx.InvalidURL, TypeError, ValueError, UnicodeError):
            raise _Failure(FetchStatus.INVALID_URL, f"Địa chỉ không hợp lệ: {shown}") from None
        scheme = parsed.scheme.lower()
        if not scheme:
            raise _Failure(
                FetchStatus.INVALID_URL,
                f"Địa chỉ không hợp lệ (thiếu http:// hoặc https://): {shown}",
            )
        if scheme not in ("http", "https"):
            raise _Failure(
                FetchStatus.INVALID_URL,
                f"Chỉ tải được địa chỉ http/https (không dùng '{scheme}'): {shown}",
            )
        if not parsed.raw_host:
            raise _Failure(FetchStatus.INVALID_URL, f"Địa chỉ thiếu tên máy chủ: {shown}")
        if parsed.userinfo:
            raise _Failure(
                FetchStatus.INVALID_URL, "Địa chỉ có kèm tên đăng nhập/mật khẩu — không được phép"
            )
        host = normalise_host(parsed.raw_host.decode("ascii"))
        port = parsed.port or (443 if scheme == "https" else 80)
        if not self.policy.port_allowed(host, port):
            raise _Failure(
                FetchStatus.BLOCKED_PORT,
                f"Cổng {port} không được phép (chỉ 80, 443 hoặc cổng quản trị viên cho phép)",
            )
        clean = parsed.copy_with(fragment=None)
        return _Target(url=clean, text=str(clean), scheme=scheme, host=host, port=port)

    def _resolve(self, host: str, port: int) -> list[str]:
        if self._resolver is not None:
            return [str(a) for a in self._resolver(host, port)]
        try:
            return resolve_with_timeout(host, port, self.policy.dns_timeout)
        except TimeoutError:
            raise _Failure(
                FetchStatus.DNS_ERROR,
                f"Phân giải tên miền {host} quá {self.policy.dns_timeout:g} giây",
            ) from None

    def _resolve_checked(self, target: _Target) -> list[str]:
        literal = parse_ip(target.host)
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                addresses = self._resolve(target.host, target.port)
            except _Failure:
                raise
            except Exception:  # gaierror, or anything an injected resolver raises
                addresses = []
            if not addresses:
                raise _Failure(FetchStatus.DNS_ERROR, f"Không tìm thấy tên miền {target.host}")
        allow_private = self.policy.private_host_allowed(target.host)
        checked: list[str] = []
        for address in addresses:
            ip = parse_ip(address)
            if ip is None:
                raise _Failure(FetchStatus.DNS_ERROR, f"Địa chỉ IP không hợp lệ: {address}")
            if not allow_private and not is_public_address(ip):
                named = "" if literal is not None else f" ({target.host})"
                raise _Failure(
                    FetchStatus.BLOCKED_ADDRESS, f"Địa chỉ nội bộ bị chặn: {show_ip(ip)}{named}"
                )
            checked.append(str(ip))
        return checked

    # -- robots.txt --------------------------------------------------------------------------

    def _robots_verdict(self, target: _Target) -> _Failure | None:
        if target.url.raw_path.split(b"?", 1)[0] == b"/robots.txt":
            return None
        now = self.clock.monotonic()
        with self._robots_lock:
            entry = self._robots.get(target.origin)
        if entry is None or entry.expires <= now:
            robots_url = f"{target.origin}/robots.txt"
            result = self._fetch(
                robots_url,
                etag=None,
                last_modified=None,
                accept="text/plain, */*;q=0.5",
                max_bytes=self.policy.robots_max_bytes,
                check_robots=False,
                truncate=True,
            )
            passthrough = {
                FetchStatus.DEFERRED,
                FetchStatus.BLOCKED_ADDRESS,
                FetchStatus.BLOCKED_PORT,
                FetchStatus.DNS_ERROR,
                FetchStatus.INVALID_URL,
            }
            if result.status in passthrough:
                return _Failure(result.status, result.reason, retry_at=result.retry_at)
            entry = self._robots_entry(result, now, target.host)
            with self._robots_lock:
                self._robots[target.origin] = entry
        if entry.allow_all:
            return None
        if entry.parser is None:
            return _Failure(FetchStatus.ROBOTS_DISALLOWED, entry.reason)
        if not entry.parser.can_fetch(USER_AGENT_TOKEN, target.text):
            return _Failure(
                FetchStatus.ROBOTS_DISALLOWED, f"robots.txt không cho phép tải {target.text}"
            )
        return None

    def _robots_entry(self, result: FetchResult, now: float, host: str) -> _RobotsEntry:
        policy = self.policy
        if result.ok:
            parser = robotparser.RobotFileParser()
            parser.parse(result.text.splitlines())
            parser.modified()  # can_fetch() refuses everything until the parser is "checked"
            delay = parser.crawl_delay(USER_AGENT_TOKEN)
            if delay is not None:
                self.throttle.set_crawl_delay(host, min(float(delay), policy.max_crawl_delay))
            return _RobotsEntry(now + policy.robots_ttl, parser, allow_all=False, reason="")
        status = result.http_status or 0
        if result.status is FetchStatus.HTTP_ERROR and 400 <= status < 500 and status != 429:
            # RFC 9309: robots.txt unavailable (4xx) means no restrictions.
            return _RobotsEntry(now + policy.robots_ttl, None, allow_all=True, reason="")
        return _RobotsEntry(
            now + policy.robots_failure_ttl,
            None,
            allow_all=False,
            reason=f"Chưa đọc được robots.txt ({result.reason}) — tạm thời không tải",
        )

    # -- one hop -----------------------------------------------------------------------------

    def _exchange_politely(
        self,
        target: _Target,
        addresses: list[str],
        headers: dict[str, str],
        budget: _Budget,
        max_bytes: int,
        truncate: bool,
    ) -> _Exchange:
        """One hop, retried after 429/5xx while the back-off fits in ``max_wait``."""
        for attempt in range(self.policy.max_retries + 1):
            wait = self.throttle.reserve(target.host, self.policy.max_wait)
            if wait is None:
                self._defer(target.host)
            elif wait > 0:
                self.clock.sleep(wait)
            budget.attempts += 1
            exchange = self._exchange(target, addresses, headers, budget, max_bytes, truncate)
            code = exchange.status_code
            if code != 429 and code < 500:
                self.throttle.record_success(target.host)
                return exchange
            retry_after = parse_retry_after(exchange.headers.get("retry-after"), self.clock.now())
            self.throttle.record_backoff(target.host, retry_after)
            pause = self.throttle.wait_time(target.host)
            if attempt < self.policy.max_retries and pause <= self.policy.max_wait:
                continue
            retry_at = self.clock.now() + timedelta(seconds=pause)
            label = _HTTP_REASONS_VI.get(code, "Lỗi máy chủ")
            status = FetchStatus.RATE_LIMITED if code == 429 else FetchStatus.HTTP_ERROR
            raise _Failure(
                status,
                f"Máy chủ trả lời {code} ({label}); thử lại sau {_local_time(retry_at)}",
                http_status=code,
                retry_at=retry_at,
                headers=exchange.headers,
            )
        raise AssertionError("unreachable")  # pragma: no cover

    def _defer(self, host: str) -> NoReturn:
        retry_at = self.clock.now() + timedelta(seconds=self.throttle.wait_time(host))
        raise _Failure(
            FetchStatus.DEFERRED,
            f"Tạm dừng tải từ {host} đến {_local_time(retry_at)} (máy chủ yêu cầu chờ)",
            retry_at=retry_at,
        )

    def _exchange(
        self,
        target: _Target,
        addresses: list[str],
        headers: dict[str, str],
        budget: _Budget,
        max_bytes: int,
        truncate: bool,
    ) -> _Exchange:
        remaining = budget.limit - budget.spent
        if remaining <= 0:
            raise self._timeout_failure()
        started = time.monotonic()
        deadline = started + remaining
        backend = PinnedBackend(
            target.host,
            target.port,
            addresses,
            deadline,
            self.policy.connect_timeout,
            self._backend,
        )
        timeout = httpx.Timeout(remaining, connect=min(self.policy.connect_timeout, remaining))
        try:
            with httpx.Client(
                transport=PinnedTransport(backend, self._ssl_context),
                timeout=timeout,
                follow_redirects=False,
                trust_env=False,
            ) as client:
                request = client.build_request("GET", target.url, headers=headers)
                response = client.send(request, stream=True)
                try:
                    return self._read_response(
                        target, response, backend, deadline, max_bytes, truncate
                    )
                finally:
                    response.close()
        except _Failure:
            raise
        except httpx.ConnectTimeout:
            raise _Failure(
                FetchStatus.TIMEOUT,
                f"Không kết nối được tới {target.host} trong "
                f"{min(self.policy.connect_timeout, remaining):g} giây",
            ) from None
        except httpx.TimeoutException:
            raise self._timeout_failure() from None
        except RefusedConnectionError as error:
            raise _Failure(
                FetchStatus.BLOCKED_ADDRESS,
                f"Kết nối bị chặn vì tới địa chỉ khác với địa chỉ đã kiểm tra ({error})",
            ) from None
        except httpx.ConnectError as error:
            raise _Failure(FetchStatus.NETWORK_ERROR, self._connect_reason(target, error)) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
            raise _Failure(
                FetchStatus.NETWORK_ERROR,
                f"Kết nối tới {target.host} bị ngắt giữa chừng ({type(error).__name__})",
            ) from None
        except httpx.HTTPError as error:
            raise _Failure(
                FetchStatus.NETWORK_ERROR,
                f"Lỗi giao thức khi tải từ {target.host} ({type(error).__name__})",
            ) from None
        except Exception as error:  # sockets refused by the environment, odd TLS states...
            raise _Failure(
                FetchStatus.NETWORK_ERROR,
                f"Không kết nối được tới {target.host} ({type(error).__name__})",
            ) from None
        finally:
            budget.spent += time.monotonic() - started

    def _timeout_failure(self) -> _Failure:
        return _Failure(
            FetchStatus.TIMEOUT,
            f"Máy chủ trả lời chậm quá {self.policy.time_limit:g} giây",
        )

    @staticmethod
    def _connect_reason(target: _Target, error: Exception) -> str:
        text = str(error)
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
            return f"Chứng chỉ TLS của {target.host} không hợp lệ"
        if "SSL" in text or "TLS" in text:
            return f"Không thiết lập được kết nối an toàn (TLS) tới {target.host}"
        return f"Không kết nối được tới {target.host} (máy chủ từ chối hoặc không phản hồi)"

    def _read_response(
        self,
        target: _Target,
        response: httpx.Response,
        backend: PinnedBackend,
        deadline: float,
        max_bytes: int,
        truncate: bool,
    ) -> _Exchange:
        headers = {k.lower(): v for k, v in response.headers.items()}
        code = response.status_code
        exchange = _Exchange(status_code=code, headers=headers, peer=backend.peer)
        if code in REDIRECT_CODES:
            location = headers.get("location", "").strip()
            if not location:
                raise _Failure(
                    FetchStatus.HTTP_ERROR,
                    f"Máy chủ chuyển hướng ({code}) mà không cho địa chỉ mới",
                    http_status=code,
                    headers=headers,
                )
            try:
                exchange.redirect_to = str(target.url.join(location).copy_with(fragment=None))
            except (httpx.InvalidURL, ValueError, UnicodeError):
                raise _Failure(
                    FetchStatus.INVALID_URL,
                    f"Địa chỉ chuyển hướng không hợp lệ: {location[:200]}",
                    http_status=code,
                ) from None
            return exchange
        if code == 304 or code == 429 or code >= 500:
            return exchange
        if code < 200 or code >= 300:
            label = _HTTP_REASONS_VI.get(code, "Yêu cầu không thành công")
            raise _Failure(
                FetchStatus.HTTP_ERROR,
                f"Máy chủ trả lời {code} ({label})",
                http_status=code,
                headers=headers,
            )
        declared = headers.get("content-length", "").strip()
        if not truncate and declared.isdigit() and int(declared) > max_bytes:
            raise self._too_large(max_bytes, code, declared=int(declared))
        encoding = headers.get("content-encoding", "")
        try:
            decoder = BoundedDecoder(encoding, max_bytes)
        except ValueError:
            raise _Failure(
                FetchStatus.CONTENT_ERROR,
                f"Máy chủ dùng kiểu nén không hỗ trợ: {encoding}",
                http_status=code,
            ) from None
        try:
            for chunk in response.iter_raw(65536):
                if time.monotonic() > deadline:
                    raise self._timeout_failure()
                decoder.feed(chunk)
            decoder.finish()
        except BodyTooLargeError:
            if not truncate:
                raise self._too_large(max_bytes, code) from None
        except zlib.error:
            raise _Failure(
                FetchStatus.CONTENT_ERROR,
                "Nội dung nén bị hỏng, không giải nén được",
                http_status=code,
            ) from None
        exchange.body = decoder.body()
        return exchange

    @staticmethod
    def _too_large(limit: int, code: int, declared: int | None = None) -> _Failure:
        said = f" (máy chủ báo {_megabytes(declared)})" if declared is not None else ""
        return _Failure(
            FetchStatus.TOO_LARGE,
            f"Vượt quá giới hạn dung lượng {_megabytes(limit)}{said}",
            http_status=code,
        )


__all__ = [
    "MB",
    "Clock",
    "FetchFailedError",
    "FetchPolicy",
    "FetchResult",
    "FetchStatus",
    "HostThrottle",
    "Resolver",
    "SafeHttpClient",
    "SystemClock",
    "is_public_address",
    "parse_retry_after",
]
