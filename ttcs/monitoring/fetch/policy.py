"""Fetch limits and per-host politeness: minimum spacing, back-off after 429/5xx, Retry-After.

Time comes from an injected :class:`Clock` so that tests can check spacing and back-off on a
manual clock without sleeping.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

import httpx

from ttcs.monitoring.fetch.netguard import normalise_host, parse_host_port

MB = 1024 * 1024
USER_AGENT_TOKEN = "TTCS-Monitor"  # noqa: S105 - a robots.txt agent name, not a secret
USER_AGENT_VERSION = "1.0"
DEFAULT_PORTS = frozenset({80, 443})


class Clock(Protocol):
    """Time as the politeness rules see it; tests pass a manual clock so nothing really sleeps."""

    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(tz=UTC)

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)


def url_host(host: str) -> str:
    """``host`` as it appears in a parsed URL: IDNA (punycode) for names, bare for IPv6."""
    bare = normalise_host(host)
    if ":" in bare or not bare:
        return bare
    try:
        return normalise_host(httpx.URL(f"http://{bare}/").raw_host.decode("ascii"))
    except (httpx.InvalidURL, UnicodeError, ValueError):
        return bare


def _entries(value: Iterable[str] | str) -> list[str]:
    """Allow-list entries from a list, or from one comma/space separated string (env vars)."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    return [item.strip() for item in items if item and item.strip()]


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits and allow-lists for :class:`SafeHttpClient`.

    ``allowed_private_hosts`` names hosts (as written in URLs) that may resolve to internal
    addresses, e.g. an agency intranet portal; ``allowed_ports`` lists ``host:port`` pairs
    allowed besides ports 80 and 443.
    """

    allowed_private_hosts: frozenset[str] = frozenset()
    allowed_ports: frozenset[tuple[str, int]] = frozenset()
    contact_url: str = ""
    max_bytes: int = 5 * MB
    time_limit: float = 20.0
    connect_timeout: float = 5.0
    dns_timeout: float = 5.0
    max_redirects: int = 5
    min_host_interval: float = 5.0
    backoff_base: float = 10.0
    backoff_max: float = 6 * 3600.0
    # Longest the client will sleep inside one fetch (politeness or back-off); past it the
    # fetch returns DEFERRED with ``retry_at`` so a worker is never parked for long.
    max_wait: float = 60.0
    max_retries: int = 2
    respect_robots: bool = True
    robots_ttl: float = 6 * 3600.0
    robots_failure_ttl: float = 600.0
    robots_max_bytes: int = 512 * 1024
    max_crawl_delay: float = 120.0

    @classmethod
    def build(
        cls,
        *,
        allowed_private_hosts: Iterable[str] | str = (),
        allowed_ports: Iterable[str] | str = (),
        **options: Any,
    ) -> FetchPolicy:
        """A policy from plain strings (``"intranet.gov.vn"``, ``"feeds.example.vn:8080"``).

        Either argument may also be one comma-separated string. Host names are compared in
        their IDNA form, so ``"sở.example.vn"`` matches the URL's punycode host. Unparseable
        ``host:port`` entries are ignored rather than widening access.
        """
        ports = {p for p in (parse_host_port(e) for e in _entries(allowed_ports)) if p is not None}
        ports = {(url_host(host), port) for host, port in ports}
        hosts = {url_host(h) for h in _entries(allowed_private_hosts)}
        return cls(
            allowed_private_hosts=frozenset(hosts), allowed_ports=frozenset(ports), **options
        )

    @classmethod
    def from_settings(cls, settings: object) -> FetchPolicy:
        """A policy from an object with ``TTCS_FETCH_*`` attributes (Django settings or any other).

        Reads ``TTCS_FETCH_ALLOWED_PRIVATE_HOSTS``, ``TTCS_FETCH_ALLOWED_PORTS``,
        ``TTCS_FETCH_CONTACT_URL``, ``TTCS_FETCH_MAX_BYTES``, ``TTCS_FETCH_TIME_LIMIT`` and
        ``TTCS_FETCH_MIN_HOST_INTERVAL``; a missing attribute keeps the default.
        """
        options: dict[str, Any] = {}
        for attribute, name in (
            ("TTCS_FETCH_CONTACT_URL", "contact_url"),
            ("TTCS_FETCH_MAX_BYTES", "max_bytes"),
            ("TTCS_FETCH_TIME_LIMIT", "time_limit"),
            ("TTCS_FETCH_MIN_HOST_INTERVAL", "min_host_interval"),
        ):
            if hasattr(settings, attribute):
                options[name] = getattr(settings, attribute)
        return cls.build(
            allowed_private_hosts=getattr(settings, "TTCS_FETCH_ALLOWED_PRIVATE_HOSTS", ()) or (),
            allowed_ports=getattr(settings, "TTCS_FETCH_ALLOWED_PORTS", ()) or (),
            **options,
        )

    @property
    def user_agent(self) -> str:
        """Names TTCS and, when configured, where a site owner can reach the operator."""
        contact = f"+{self.contact_url}; " if self.contact_url else ""
        return f"{USER_AGENT_TOKEN}/{USER_AGENT_VERSION} ({contact}policy communication monitoring)"

    def private_host_allowed(self, host: str) -> bool:
        """True when an administrator allowed ``host`` to resolve to internal addresses."""
        return url_host(host) in self.allowed_private_hosts

    def port_allowed(self, host: str, port: int) -> bool:
        """True for ports 80/443 and for allow-listed ``host:port`` pairs."""
        return port in DEFAULT_PORTS or (url_host(host), port) in self.allowed_ports


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None.

    A date in the past gives 0; an unreadable value gives None (the caller backs off itself).
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - now).total_seconds())


@dataclass(slots=True)
class _HostState:
    next_allowed: float = 0.0
    failures: int = 0
    last_request: float | None = None
    crawl_delay: float = 0.0


class HostThrottle:
    """Per-host politeness: minimum spacing between requests and back-off after 429/5xx.

    State lives in memory for the process; the clock is injected so tests can check the spacing
    without sleeping. With ``shared`` (Redis, when several worker processes fetch), the slots
    are booked there so the spacing holds across all processes; if Redis cannot be reached the
    in-memory slots still apply.
    """

    def __init__(self, policy: FetchPolicy, clock: Clock, shared: Any | None = None) -> None:
        self._policy = policy
        self._clock = clock
        self._shared = shared
        self._hosts: dict[str, _HostState] = {}
        self._lock = threading.Lock()

    def _state(self, host: str) -> _HostState:
        return self._hosts.setdefault(normalise_host(host), _HostState())

    def wait_time(self, host: str) -> float:
        """Seconds until a request to ``host`` is allowed (0 when allowed now)."""
        with self._lock:
            local = max(0.0, self._state(host).next_allowed - self._clock.monotonic())
        shared = self._shared.wait_time(normalise_host(host)) if self._shared else None
        return max(local, shared or 0.0)

    def reserve(self, host: str, max_wait: float) -> float | None:
        """Book the next slot for ``host``: the seconds to wait first, or None if over ``max_wait``.

        Booking moves the host's next free slot on by the minimum interval (or the robots.txt
        crawl delay, when longer), so concurrent callers queue instead of bursting.
        """
        with self._lock:
            state = self._state(host)
            now = self._clock.monotonic()
            start = max(now, state.next_allowed)
            wait = start - now
            if wait > max_wait:
                return None
            interval = max(self._policy.min_host_interval, state.crawl_delay)
            if self._shared is not None:
                booked = self._shared.book(normalise_host(host), interval, max_wait)
                if booked is not None and booked < 0:
                    return None
                if booked is not None:
                    wait = max(wait, booked)
                    start = now + wait
            state.last_request = start
            state.next_allowed = start + interval
            return wait

    def record_success(self, host: str) -> None:
        """Forget earlier failures of ``host`` (the exponential back-off starts over)."""
        with self._lock:
            self._state(host).failures = 0

    def record_backoff(self, host: str, retry_after: float | None) -> float:
        """Push ``host``'s next slot back after a 429/5xx; returns the delay applied.

        Retry-After is honoured (capped at ``backoff_max``); without it the delay doubles with
        each consecutive failure, starting at ``backoff_base``.
        """
        with self._lock:
            state = self._state(host)
            state.failures += 1
            if retry_after is not None:
                delay = min(retry_after, self._policy.backoff_max)
            else:
                delay = min(
                    self._policy.backoff_base * 2 ** (state.failures - 1), self._policy.backoff_max
                )
            state.next_allowed = max(state.next_allowed, self._clock.monotonic() + delay)
        if self._shared is not None:
            self._shared.push_back(normalise_host(host), delay)
        return delay

    def set_crawl_delay(self, host: str, seconds: float) -> None:
        """Space requests to ``host`` by ``seconds`` when that is longer than the minimum."""
        with self._lock:
            self._state(host).crawl_delay = max(0.0, seconds)

    def last_request_at(self, host: str) -> float | None:
        """Clock time of the last request booked for ``host``, or None."""
        with self._lock:
            state = self._hosts.get(normalise_host(host))
            return state.last_request if state else None
