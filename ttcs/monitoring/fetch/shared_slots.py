"""Per-host request slots shared by every worker process, kept in Redis.

With Celery, several worker processes (perhaps on several machines) poll sources; the minimum
spacing between requests to one host and the back-off after 429/5xx must hold across all of
them, not per process. Each host has one key holding the earliest time (Redis server time, so
workers' clocks need not agree) of its next request; booking and pushing back are Lua scripts,
so they are atomic. In embedded mode there is one process and :class:`HostThrottle` keeps the
slots in memory.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("ttcs.monitoring.fetch")

KEY_PREFIX = "ttcs:fetch:next:"

# Returns the seconds to wait before the booked slot, or -1 when that is over ARGV[2].
_BOOK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local start = math.max(now, nxt)
local wait = start - now
if wait > tonumber(ARGV[2]) then return '-1' end
local after = start + tonumber(ARGV[1])
redis.call('SET', KEYS[1], tostring(after), 'PX', math.ceil((after - now) * 1000) + 60000)
return tostring(wait)
"""

# Moves the next slot to at least now + ARGV[1]; returns the seconds until it.
_PUSH = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local after = math.max(nxt, now + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], tostring(after), 'PX', math.ceil((after - now) * 1000) + 60000)
return tostring(after - now)
"""

# Seconds until the next slot (0 when free).
_WAIT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
return tostring(math.max(0, nxt - now))
"""


class SharedSlots:
    """Host slots in Redis. Every method returns None when Redis cannot be reached, so the
    caller falls back to its own in-memory slots rather than stopping fetching."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._book = client.register_script(_BOOK)
        self._push = client.register_script(_PUSH)
        self._wait = client.register_script(_WAIT)

    @classmethod
    def from_url(cls, url: str) -> SharedSlots:
        import redis

        return cls(redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2))

    def _call(self, script: Any, host: str, *args: float) -> float | None:
        import redis

        try:
            return float(script(keys=[KEY_PREFIX + host], args=[repr(float(a)) for a in args]))
        except redis.RedisError as error:
            log.warning("Không dùng được Redis cho lịch tải theo máy chủ: %s", error)
            return None

    def book(self, host: str, interval: float, max_wait: float) -> float | None:
        """Book ``host``'s next slot and space the following one ``interval`` later. Returns
        the seconds to wait first, -1.0 when that would exceed ``max_wait``, None on error."""
        return self._call(self._book, host, interval, max_wait)

    def push_back(self, host: str, delay: float) -> float | None:
        """No request to ``host`` for at least ``delay`` seconds from now."""
        return self._call(self._push, host, delay)

    def wait_time(self, host: str) -> float | None:
        return self._call(self._wait, host)
