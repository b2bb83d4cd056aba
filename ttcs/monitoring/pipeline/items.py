"""News items as plain data, and the JSON-lines reader shared by every monitoring command.

Input format (one object per line, extra fields ignored)::

    {"id": "...", "url": "...", "source": "...", "title": "...", "text": "...",
     "published_at": "2026-01-21T08:30:00+07:00"}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from ttcs.monitoring.pipeline.normalize import (
    canonical_url,
    fold_key,
    normalize_text,
    parse_published_at,
    to_local,
    url_key,
)

JsonId = str | int


@dataclass(frozen=True, slots=True)
class Item:
    """One normalised news item; build it with :func:`make_item`, which fills the derived fields."""

    id: str
    url: str
    source: str
    title: str
    text: str
    published_at: datetime | None
    # The id exactly as the input gave it (string or number), echoed back in command output.
    input_id: JsonId = ""
    tier: str | None = None
    # Derived fields.
    canonical_url: str = ""
    url_key: str = ""
    folded_title: str = ""
    folded_text: str = ""
    line: int = 0

    @property
    def output_id(self) -> JsonId:
        """The id to print: the input's own value when it had one."""
        return self.input_id if self.input_id != "" else self.id


@dataclass(frozen=True, slots=True)
class LineError:
    """A line of the input that could not be used, with a reason in Vietnamese."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"dòng {self.line}: {self.reason}"


def make_item(
    *,
    id: JsonId,
    title: str,
    text: str,
    published_at: datetime | None,
    url: str = "",
    source: str = "",
    tier: str | None = None,
    line: int = 0,
) -> Item:
    """An :class:`Item` with normalised text, canonical URL, Vietnam-time date and folded text.

    Guarantees: title on one line, text in NFC with paragraphs kept, ``published_at`` aware and
    in Asia/Ho_Chi_Minh (naive values are taken as Vietnam time), ``folded_*`` lower-case and
    without diacritics.
    """
    clean_title = normalize_text(title, keep_newlines=False)
    clean_text = normalize_text(text)
    canonical = canonical_url(url) if url else ""
    return Item(
        id=str(id),
        url=url.strip(),
        source=source.strip(),
        title=clean_title,
        text=clean_text,
        published_at=to_local(published_at) if published_at is not None else None,
        input_id=id,
        tier=tier,
        canonical_url=canonical,
        url_key=url_key(url) if url else "",
        folded_title=fold_key(clean_title),
        folded_text=fold_key(clean_text),
        line=line,
    )


def item_from_dict(data: object, *, line: int = 0) -> Item:
    """Validate one decoded JSON value and build the item; ``ValueError`` (Vietnamese) if unusable.

    Rules: the value must be an object; ``title`` must be a non-empty string; ``text`` must be a
    string (it may be empty: some feeds give headlines only); ``published_at`` may be absent or
    null but, when given, must be a valid date; ``id`` is a string or integer, and falls back to
    the URL when absent.
    """
    if not isinstance(data, dict):
        raise ValueError("mỗi dòng phải là một đối tượng JSON")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("thiếu tiêu đề (title)")
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError("thiếu nội dung (text)")
    url = data.get("url") or ""
    if not isinstance(url, str):
        raise ValueError("url phải là chuỗi")
    raw_id = data.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or raw_id == "":
        if raw_id is None and url:
            raw_id = url
        else:
            raise ValueError("thiếu mã tin (id) hoặc id không phải chuỗi/số")
    source = data.get("source") or ""
    if not isinstance(source, str):
        source = str(source)
    raw_date = data.get("published_at")
    published_at = None if raw_date in (None, "") else parse_published_at(raw_date)
    tier = data.get("tier")
    return make_item(
        id=raw_id,
        url=url,
        source=source,
        title=title,
        text=text,
        published_at=published_at,
        tier=tier if isinstance(tier, str) and tier else None,
        line=line,
    )


def _lines(source: str | Path | IO[str] | IO[bytes]) -> Iterator[tuple[int, str | None]]:
    """(line number, text) pairs; text is None where the bytes are not UTF-8."""
    if isinstance(source, str | Path):
        with Path(source).open("rb") as handle:
            yield from _lines(handle)
        return
    for number, raw in enumerate(source, start=1):
        text: str
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield number, None
                continue
        else:
            text = str(raw)
        if number == 1:
            text = text.removeprefix("\ufeff")
        yield number, text


def read_jsonl(source: str | Path | IO[str] | IO[bytes]) -> Iterator[Item | LineError]:
    """Items of a JSON-lines file or stream, in input order, with a :class:`LineError` per bad line.

    Blank lines are skipped silently. A bad line (not UTF-8, invalid JSON, missing title or text,
    bad date) yields a ``LineError`` with its 1-based line number and never stops the reading.
    Opening a missing file raises ``OSError`` at the first ``next()``.
    """
    for number, text in _lines(source):
        if text is None:
            yield LineError(number, "không phải văn bản UTF-8")
            continue
        if not text.strip():
            continue
        try:
            data = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield LineError(number, f"JSON không hợp lệ ({exc.msg}, cột {exc.colno})")
            continue
        try:
            yield item_from_dict(data, line=number)
        except ValueError as exc:
            yield LineError(number, str(exc))


def split_items(rows: Iterable[Item | LineError]) -> tuple[list[Item], list[LineError]]:
    """Separate good items from line errors, keeping order within each list."""
    items: list[Item] = []
    errors: list[LineError] = []
    for row in rows:
        if isinstance(row, LineError):
            errors.append(row)
        else:
            items.append(row)
    return items, errors
