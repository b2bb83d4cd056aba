"""Response bodies kept under a size limit even when they arrive compressed."""

from __future__ import annotations

import contextlib
import zlib
from typing import Any


class BodyTooLargeError(Exception):
    pass


class BoundedDecoder:
    """Content-Encoding decoding that never produces more than ``limit`` bytes in memory.

    httpx would inflate a whole network chunk at once (a 64 KiB gzip chunk can become 64 MB);
    here inflation is asked for at most the remaining allowance plus one byte.
    """

    SUPPORTED = frozenset({"", "identity", "gzip", "x-gzip", "deflate"})

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding.strip().lower()
        if self.encoding not in self.SUPPORTED:
            raise ValueError(self.encoding)
        self.limit = limit
        self._parts: list[bytes] = []
        self.size = 0
        self._inflater: Any = None
        self._deflate_probe = self.encoding == "deflate"
        if self.encoding in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS)

    def _keep(self, data: bytes) -> None:
        if not data:
            return
        room = self.limit - self.size
        if len(data) > room:
            self._parts.append(data[: max(room, 0)])
            self.size = self.limit
            raise BodyTooLargeError
        self._parts.append(data)
        self.size += len(data)

    def feed(self, data: bytes) -> None:
        """Add a raw chunk; raises when the decoded body would pass the limit."""
        if self._inflater is None:
            self._keep(data)
            return
        pending = data
        while pending:
            try:
                out = self._inflater.decompress(pending, self.limit - self.size + 1)
            except zlib.error:
                if not self._deflate_probe:
                    raise
                # Some servers send raw deflate without the zlib header.
                self._deflate_probe = False
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._deflate_probe = False
            self._keep(out)
            pending = self._inflater.unconsumed_tail
            if self._inflater.eof:
                break

    def finish(self) -> None:
        """Drain the inflater; raises when that passes the limit. A truncated stream is kept."""
        if self._inflater is not None and not self._inflater.eof:
            with contextlib.suppress(zlib.error):
                self._keep(self._inflater.flush(self.limit - self.size + 1))

    def body(self) -> bytes:
        """The decoded bytes so far (at most ``limit``)."""
        return b"".join(self._parts)


def gunzip_bounded(data: bytes, limit: int) -> bytes | None:
    """Inflate gzip ``data`` to at most ``limit`` bytes; None when larger or corrupt."""
    decoder = BoundedDecoder("gzip", limit)
    try:
        decoder.feed(data)
        decoder.finish()
    except (BodyTooLargeError, zlib.error):
        return None
    return decoder.body()
