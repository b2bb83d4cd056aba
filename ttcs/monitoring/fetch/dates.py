"""Publication times as printed by feeds, sitemaps, pages and export files.

Vietnamese sites often print local time without an offset, so a naive value is read as
Asia/Ho_Chi_Minh rather than UTC (feedparser's assumption). Every function here is pure.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_MIN_YEAR = 1990
_MAX_YEAR = 2100

# Day-first forms used by Vietnamese sites and spreadsheet exports ("20/01/2026 08:30").
_DAY_FIRST = re.compile(
    r"^(?:(?P<hh1>\d{1,2})[:hH](?P<mi1>\d{2})(?::(?P<ss1>\d{2}))?\s*(?:ngày\s*)?)?"
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:[ ,T]+(?P<hh2>\d{1,2})[:hH](?P<mi2>\d{2})(?::(?P<ss2>\d{2}))?)?"
    r"(?:\s*(?:\(?GMT|UTC)\s*(?P<tz>[+-]\d{1,2})(?::?(?P<tzm>\d{2}))?\)?)?$",
    re.IGNORECASE,
)
_EPOCH = re.compile(r"^\d{9,10}(?:\.\d+)?$|^\d{13}$")


def to_vietnam_time(moment: datetime) -> datetime:
    """The same instant in Asia/Ho_Chi_Minh; a naive value is taken to be Vietnam time already."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)


def parse_datetime(value: object) -> datetime | None:
    """An aware datetime in Asia/Ho_Chi_Minh, or None when ``value`` is not a usable time.

    Understands ISO 8601 (``2026-01-20T08:30:00+07:00``, ``2026-01-20``), RFC 822/2822 as in RSS
    (``Tue, 20 Jan 2026 08:30:00 +0700``), day-first Vietnamese forms (``20/01/2026 08:30``,
    ``08:30 20/01/2026``) and Unix epoch seconds or milliseconds. Naive values are Vietnam time;
    a date alone is midnight Vietnam time. Years outside 1990–2100 give None. Never raises.
    """
    try:
        parsed = _parse(value)
    except (ValueError, TypeError, OverflowError, OSError, IndexError):
        return None
    if parsed is None or not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        return None
    return to_vietnam_time(parsed)


def _parse(value: object) -> datetime | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    iso = _from_iso(text)
    if iso is not None:
        return iso
    match = _DAY_FIRST.match(text)
    if match:
        return _from_day_first(match)
    return _from_rfc2822(text)


def _from_epoch(seconds: float) -> datetime:
    if seconds > 1e11:  # milliseconds, as JavaScript and most social-media exports give
        seconds /= 1000.0
    return datetime.fromtimestamp(seconds, tz=UTC)


def _from_iso(text: str) -> datetime | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    if candidate.endswith(("z", "Z")):
        candidate = candidate[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _from_day_first(match: re.Match[str]) -> datetime:
    hour = match["hh1"] or match["hh2"] or "0"
    minute = match["mi1"] or match["mi2"] or "0"
    second = match["ss1"] or match["ss2"] or "0"
    moment = datetime(  # noqa: DTZ001 - naive on purpose; the offset is applied below
        int(match["y"]), int(match["m"]), int(match["d"]), int(hour), int(minute), int(second)
    )
    if match["tz"]:
        sign = -1 if match["tz"].startswith("-") else 1
        hours = abs(int(match["tz"]))
        minutes = int(match["tzm"] or 0)
        offset = f"{'+' if sign > 0 else '-'}{hours:02d}:{minutes:02d}"
        return datetime.fromisoformat(moment.isoformat() + offset)
    return moment


def _from_rfc2822(text: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        return None
    return parsed
