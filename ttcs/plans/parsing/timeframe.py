"""Timeframes of plan tasks: "Thường xuyên", "Quý III năm 2023", "trước ngày 01/12 hằng năm"…

``parse_timeframe`` turns the text of a "Thời gian thực hiện" line into a ``Timeframe``. It
works on folded, OCR-repaired text, so "Thuong xuyen" and "Hoàn thành trong quý III năm 2023"
parse as well as their clean forms. Text it cannot read becomes kind ``unknown`` with
``needs_review`` set: a date is never guessed. A deadline given as a period ("quý III năm
2023", "tháng 6/2024", "năm 2023") is due on the last calendar day of that period, as
Bộ luật Dân sự 2015, Điều 146 reads "cuối năm"/"cuối tháng"; ``adjust_due`` moves such a day
off a weekend or holiday with an injected calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ttcs.plans.parsing.text import OCR_TOKENS, fold

__all__ = [
    "KINDS",
    "RECURRENCES",
    "Timeframe",
    "adjust_due",
    "find_timeframe",
    "parse_timeframe",
]

KINDS = ("continuous", "once", "recurring", "period", "on_demand", "unknown")
RECURRENCES = ("yearly", "semiannual", "quarterly", "monthly", "weekly")

_MIN_YEAR, _MAX_YEAR = 1990, 2100


@dataclass(frozen=True)
class Timeframe:
    """When a task is to be done.

    ``kind``: continuous (ongoing, "thường xuyên"), once (one deadline), recurring (every
    year/quarter/month…), period (a span with a start and an end), on_demand ("khi có yêu
    cầu", "đột xuất") or unknown. ``due_day`` is "MM-DD" for deadlines given without a year
    ("trước ngày 01/12 hằng năm"). ``due`` is never before ``start``.
    """

    raw: str | None
    kind: str = "unknown"
    start: dt.date | None = None
    due: dt.date | None = None
    recurrence: str | None = None
    due_day: str | None = None
    needs_review: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The contract form: ISO dates, plain strings."""
        return {
            "raw": self.raw,
            "kind": self.kind,
            "start": self.start.isoformat() if self.start else None,
            "due": self.due.isoformat() if self.due else None,
            "recurrence": self.recurrence,
            "due_day": self.due_day,
            "needs_review": self.needs_review,
        }


# --- normalisation ----------------------------------------------------------------------------

# Time words and their usual OCR misreadings (folded): fixed before any pattern runs.
_TIME_TOKENS: dict[str, str] = {
    **{k: v for k, v in OCR_TOKENS.items() if v in {"nam", "hang", "thang", "ngay", "truoc"}},
    "hăng": "hang",
    "hàng": "hang",
    "hằng": "hang",
    "hãng": "hang",
    "xuyén": "xuyen",
    "xuyen": "xuyen",
    "thuong": "thuong",
    "thudng": "thuong",
    "thuéng": "thuong",
    "thwong": "thuong",
    "nfm": "nam",
    "nsm": "nam",
    "ntm": "nam",
    "thing": "thang",
    "thdng": "thang",
    "quy": "quy",
    "qui": "quy",
    "quí": "quy",
    "ky": "ky",
    "kj": "ky",
    "dinh": "dinh",
    "hoan": "hoan",
    "trudng": "truong",
}
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "l": 1,
    "ll": 2,
    "lll": 3,
    "lv": 4,
    "il": 2,
    "ii1": 3,
    "i1": 2,
    "111": 3,
    "11": 2,
    "i11": 3,
    "tv": 4,
}  # OCR reads "IV" as "TV" often enough


def _normalise(raw: str) -> str:
    text = fold(raw)
    text = re.sub(r"[–—‒―−]", "-", text)
    # "Quý IV/2023", "6/2024", "2023 – 2024": keep digits and separators, space the rest.
    text = re.sub(r"[^0-9a-z/\-.,;:()+ ]", " ", text)
    tokens = text.split()
    fixed = [_TIME_TOKENS.get(t, t) for t in tokens]
    return " " + " ".join(fixed) + " "


# --- primitive patterns (on normalised text) --------------------------------------------------

_Y = r"((?:19|20)\d{2})"
_YEAR_TAIL = rf"(?:\s*(?:/|-|nam)\s*{_Y})"
_DAY_RE = re.compile(
    r"(?<![\d/])(?:ngay\s+)?(\d{1,2})\s*(?:/|-|\.|\s+thang\s+)\s*(\d{1,2})"
    r"(?:\s*(?:/|-|\.|\s+nam\s+)\s*(\d{4}))?(?![\d/])"
)
_MONTH_RE = re.compile(rf"\bthang\s+(\d{{1,2}}){_YEAR_TAIL}?")
_QUARTER_RE = re.compile(rf"\bquy\s+([ivl1]{{1,3}}|[1-4]|tv)\b{_YEAR_TAIL}?")
_HALF_RE = re.compile(rf"\b6\s+thang\s+(dau|cuoi)\s+nam(?:\s+{_Y})?")
_YEAR_RANGE_RE = re.compile(rf"{_Y}\s*(?:-|den|toi|va)\s*{_Y}")
_YEAR_RE = re.compile(rf"(?<![\d/.]){_Y}(?![\d/])")
_FROM_TO_RE = re.compile(r"\btu\b(.+?)\b(?:den|toi)\b(.+)")

_ON_DEMAND = re.compile(
    r"\b(khi co yeu cau|theo yeu cau|dot xuat|khi can thiet|khi phat sinh|khi co chi dao"
    r"|theo chi dao|khi duoc yeu cau|neu co yeu cau|theo tinh hinh thuc te)\b"
)
_CONTINUOUS = re.compile(r"\b(thuong xuyen|lien tuc|hang ngay|moi ngay|suot ca nam|ca nam)\b")
_PER = r"\s*/\s*(?:01|1|mot)?\s*"
_YEARLY = re.compile(
    r"\b(?:hang nam|moi nam|dinh ky nam|dinh ky hang nam|(?:cac|nhung) nam tiep theo"
    rf"|nam tiep theo|(?:01|1|mot) lan{_PER}nam|12 thang\s*/\s*lan)\b|{_PER}nam\b"
)
_SEMIANNUAL = re.compile(
    r"\b(?:6 thang\s*/\s*lan|6 thang mot lan|dinh ky 6 thang|moi 6 thang|hang 6 thang"
    r"|0?2 lan\s*/\s*nam|nua nam mot lan|6 thang va (?:ca )?nam)\b"
)
_QUARTERLY = re.compile(
    rf"\b(?:hang quy|moi quy|dinh ky quy|dinh ky hang quy|3 thang\s*/\s*lan|3 thang mot lan"
    rf"|dinh ky 3 thang|0?4 lan\s*/\s*nam)\b|{_PER}quy\b"
)
_MONTHLY = re.compile(
    rf"\b(?:hang thang|moi thang|dinh ky thang|dinh ky hang thang|12 lan\s*/\s*nam)\b"
    rf"|{_PER}thang\b"
)
_WEEKLY = re.compile(rf"\b(?:hang tuan|moi tuan|dinh ky tuan|dinh ky hang tuan)\b|{_PER}tuan\b")
_COUNT_PER = re.compile(r"\b\d{1,3}\s+[a-z ]{1,40}?\s*/\s*(?:01|1|mot)?\s*(?:nam|quy|thang|tuan)\b")
# Most specific first: "02 lần/năm" is half-yearly although it ends in "/năm".
_RECURRENCE_PATTERNS = (
    ("semiannual", _SEMIANNUAL),
    ("quarterly", _QUARTERLY),
    ("monthly", _MONTHLY),
    ("weekly", _WEEKLY),
    ("yearly", _YEARLY),
)
_BEFORE = re.compile(r"\b(truoc|cham nhat|han chot|khong qua|khong muon hon)\b")
_SINCE_YEAR_ON = re.compile(rf"{_Y}\s*(?:va|,)?\s*(?:cap nhat\s*)?(?:cac|nhung)\s+nam\s+tiep")


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _valid_year(y: int) -> bool:
    return _MIN_YEAR <= y <= _MAX_YEAR


def _quarter(token: str) -> int | None:
    return _ROMAN.get(token)


@dataclass
class _Found:
    """Pieces found in the text; spans are (start, end) in the normalised text."""

    dates: list[tuple[dt.date | None, int, int, tuple[int, int]]]  # (date|None, day, month, span)
    months: list[tuple[int, int | None, tuple[int, int]]]
    quarters: list[tuple[int, int | None, tuple[int, int]]]
    years: list[tuple[int, tuple[int, int]]]
    year_ranges: list[tuple[int, int, tuple[int, int]]]
    halves: list[tuple[str, int | None, tuple[int, int]]]
    invalid: bool = False


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _scan(text: str) -> _Found:
    found = _Found([], [], [], [], [], [])
    taken: list[tuple[int, int]] = []
    for m in _HALF_RE.finditer(text):
        y = int(m.group(2)) if m.group(2) else None
        found.halves.append((m.group(1), y, m.span()))
        taken.append(m.span())
    for m in _DAY_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        day, month = int(m.group(1)), int(m.group(2))
        year = int(m.group(3)) if m.group(3) else None
        if not (1 <= month <= 12 and 1 <= day <= 31):
            # "6/2024" (month/year) is read by the month rule below, not here.
            continue
        if m.group(3) is None and re.match(r"\s*(?:/|-)\s*\d", text[m.end() :]):
            continue
        try:
            when = dt.date(year, month, day) if year is not None else None
            if year is None:
                dt.date(2024, month, day)  # a leap year accepts every real day of a month
        except ValueError:
            found.invalid = True
            continue
        if year is not None and not _valid_year(year):
            found.invalid = True
            continue
        found.dates.append((when, day, month, m.span()))
        taken.append(m.span())
    for m in re.finditer(rf"(?<![\d/])(\d{{1,2}})\s*/\s*{_Y}(?![\d/])", text):
        # A bare "6/2024" (month/year) as in "Tháng 6/2024" written without "tháng".
        if _overlaps(m.span(), taken):
            continue
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            found.months.append((month, year, m.span()))
            taken.append(m.span())
    for m in _MONTH_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        month = int(m.group(1))
        year = int(m.group(2)) if m.group(2) else None
        if not 1 <= month <= 12 or (year is not None and not _valid_year(year)):
            found.invalid = True
            continue
        found.months.append((month, year, m.span()))
        taken.append(m.span())
    for m in _QUARTER_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        q = _quarter(m.group(1))
        year = int(m.group(2)) if m.group(2) else None
        if q is None:
            found.invalid = True
            continue
        found.quarters.append((q, year, m.span()))
        taken.append(m.span())
    for m in _YEAR_RANGE_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if _valid_year(a) and _valid_year(b) and a <= b:
            found.year_ranges.append((a, b, m.span()))
            taken.append(m.span())
    for m in _YEAR_RE.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        y = int(m.group(1))
        if _valid_year(y):
            found.years.append((y, m.span()))
            taken.append(m.span())
    # A five-digit "year" (a misread "2021" as "20219") makes the phrase unreadable.
    if re.search(r"(?<!\d)(?:19|20)\d{3,}(?!\d)", text):
        found.invalid = True
    return found


def _covered_share(text: str, spans: list[tuple[int, int]]) -> float:
    letters = [i for i, c in enumerate(text) if c.isalnum()]
    if not letters:
        return 1.0
    hit = sum(1 for i in letters if any(s <= i < e for s, e in spans))
    return hit / len(letters)


# Words that carry no timing of their own; they never make a phrase "unexplained".
_FILLER = re.compile(
    r"\b(thoi gian|thuc hien|hoan thanh|trong|nam|va|hoac|cac|nhung|truoc|sau|tu|den|ngay|"
    r"dinh ky|trien khai|to chuc|bat dau|ket thuc|cap nhat|tiep theo|lien tuc|cua|theo|"
    r"giai doan|khi|co|yeu cau|cau|duoc|ke hoach|chu yeu|hang|moi|lan|mot|dau|cuoi|"
    r"tuy|tinh hinh|thuc te|du kien|chinh thuc|dot|xuat|han|quy|thang|tuan|can|thiet|"
    r"nhu|tren|chua|sau khi|ngay sau|ke tu|ban hanh|la|\d+)\b"
)


def parse_timeframe(raw: str | None) -> Timeframe:
    """Read a timeframe phrase. Never raises; unreadable text gives kind ``unknown``.

    Guarantees: ``due >= start`` whenever both are set; no date is produced that the text
    does not state (a year-less deadline fills ``due_day`` and leaves ``due`` empty).
    """
    if raw is None:
        return Timeframe(raw=None)
    raw_clean = " ".join(str(raw).split())
    if not raw_clean:
        return Timeframe(raw=None)
    try:
        return _parse(raw_clean)
    except (ValueError, OverflowError, IndexError):  # pragma: no cover - defensive
        return Timeframe(raw=raw_clean)


def _parse(raw: str) -> Timeframe:
    text = _normalise(raw)
    found = _scan(text)
    if found.invalid and not (found.dates or found.months or found.quarters or found.years):
        return Timeframe(raw=raw)

    recurrence: str | None = None
    rec_spans: list[tuple[int, int]] = []
    for name, pattern in _RECURRENCE_PATTERNS:
        m = pattern.search(text)
        if m:
            rec_spans.append(m.span())
            recurrence = recurrence or name
    if recurrence is None and found.halves and re.search(r"\bva\s+(ca\s+)?nam\b", text):
        recurrence = "semiannual"
    on_demand = _ON_DEMAND.search(text)
    continuous = _CONTINUOUS.search(text)
    before = _BEFORE.search(text)

    spans: list[tuple[int, int]] = [*rec_spans]
    # "01 hội nghị/1 năm": what is counted belongs to the period phrase.
    spans += [m.span() for m in _COUNT_PER.finditer(text)]
    for m in (on_demand, continuous, before):
        if m:
            spans.append(m.span())
    spans += [d[3] for d in found.dates] + [m[2] for m in found.months]
    spans += [q[2] for q in found.quarters] + [y[1] for y in found.years]
    spans += [r[2] for r in found.year_ranges] + [h[2] for h in found.halves]
    filler_spans = [m.span() for m in _FILLER.finditer(text)]
    explained = _covered_share(text, spans + filler_spans)
    needs_review = explained < 0.75 or found.invalid

    start, due, due_day = _resolve_dates(text, found, bool(before))

    if recurrence is not None:
        since = _SINCE_YEAR_ON.search(text)
        if since and start is None:
            year = int(since.group(1))
            start, due = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if due is None and due_day is None and found.dates:
            d = found.dates[0]
            due_day = f"{d[2]:02d}-{d[1]:02d}"
        return _checked(Timeframe(raw, "recurring", start, due, recurrence, due_day, needs_review))
    if continuous and not before:
        return _checked(Timeframe(raw, "continuous", start, due, None, None, needs_review))
    if start is not None and due is not None and start < due and _is_span(text, found):
        return _checked(Timeframe(raw, "period", start, due, None, None, needs_review))
    if due is not None or due_day is not None:
        if due is None:
            needs_review = True
        return _checked(Timeframe(raw, "once", None, due, None, due_day, needs_review))
    if on_demand:
        return Timeframe(raw, "on_demand", None, None, None, None, needs_review)
    if continuous:
        return Timeframe(raw, "continuous", None, None, None, None, needs_review)
    return Timeframe(raw=raw)


def _is_span(text: str, found: _Found) -> bool:
    if found.year_ranges or _FROM_TO_RE.search(text) or "giai doan" in text:
        return True
    points = len(found.dates) + len(found.months) + len(found.quarters) + len(found.years)
    return points >= 2


def _checked(tf: Timeframe) -> Timeframe:
    if tf.start is not None and tf.due is not None and tf.due < tf.start:
        return replace(tf, start=None, needs_review=True)
    return tf


def _month_range(year: int, month: int, before: bool) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, (first - dt.timedelta(days=1) if before else _last_day(year, month))


def _yearless_end(month: int, before: bool) -> str:
    # Calendar of a common year: "cuối tháng 2" without a year is read as 28/2.
    if before:
        month = 12 if month == 1 else month - 1
    return f"{month:02d}-{calendar.monthrange(2023, month)[1]:02d}"


_Point = tuple[int, dt.date | None, dt.date | None, str | None]


def _points(found: _Found, before: bool) -> list[_Point]:
    """Every time point as (position, first day, last day, "MM-DD" when year-less)."""
    known_years = [y for y, _ in found.years]
    known_years += [y for _, y, _ in found.months if y] + [y for _, y, _ in found.quarters if y]
    fallback_year = known_years[-1] if known_years else None
    points: list[_Point] = []
    for when, day, month, span in found.dates:
        if when is None:
            points.append((span[0], None, None, f"{month:02d}-{day:02d}"))
        else:
            points.append((span[0], when, when, None))
    for month, year, span in found.months:
        year = year or fallback_year
        if year is None:
            points.append((span[0], None, None, _yearless_end(month, before)))
        else:
            points.append((span[0], *_month_range(year, month, before), None))
    for q, year, span in found.quarters:
        year = year or fallback_year
        if year is None:
            points.append((span[0], None, None, _yearless_end(3 * q, False)))
            continue
        first = dt.date(year, 3 * q - 2, 1)
        last = first - dt.timedelta(days=1) if before else _last_day(year, 3 * q)
        points.append((span[0], first, last, None))
    for half, year, span in found.halves:
        if year is None:
            points.append((span[0], None, None, "06-30" if half == "dau" else "12-31"))
        elif half == "dau":
            points.append((span[0], dt.date(year, 1, 1), dt.date(year, 6, 30), None))
        else:
            points.append((span[0], dt.date(year, 7, 1), dt.date(year, 12, 31), None))
    for year, span in found.years:
        last = dt.date(year - 1, 12, 31) if before else dt.date(year, 12, 31)
        points.append((span[0], dt.date(year, 1, 1), last, None))
    for a, b, span in found.year_ranges:
        points.append((span[0], dt.date(a, 1, 1), dt.date(b, 12, 31), None))
    points.sort(key=lambda p: p[0])
    return points


def _resolve_dates(
    text: str, found: _Found, before: bool
) -> tuple[dt.date | None, dt.date | None, str | None]:
    points = _points(found, before)
    dated = [(p[1], p[2]) for p in points if p[1] is not None and p[2] is not None]
    yearless = [p[3] for p in points if p[3] is not None]
    if not dated:
        return None, None, (yearless[0] if yearless else None)
    if len(dated) == 1:
        first, last = dated[0]
        if found.year_ranges or _FROM_TO_RE.search(text):
            return first, last, None
        return None, last, None
    return dated[0][0], max(last for _, last in dated), None


# --- free text --------------------------------------------------------------------------------

_FREE_RE = re.compile(
    r"(?:(?:dinh ky|hang nam|hang quy|hang thang)\s+)?"
    r"(?:truoc|tr[a-z]{1,3}c|cham nhat|han chot|hoan thanh truoc|hoan thanh trong|trong)\s+"
    r"(?:ngay\s+\d{1,2}\s*(?:/|thang)\s*\d{1,2}(?:\s*(?:/|nam)\s*\d{4})?"
    r"|thang\s+\d{1,2}(?:\s*(?:/|nam)\s*\d{4})?"
    r"|quy\s+[ivl1-4]{1,3}(?:\s*(?:/|nam)\s*\d{4})?"
    r"|nam\s+\d{4})"
    r"(?:\s+(?:hang nam|hang quy|hang thang|moi nam))?"
)
_FREE_PERIODIC_RE = re.compile(r"\bdinh ky\s+(?:(?:hang|moi)\s+)?(?:nam|quy|thang|6 thang)\b")


def _fold_same_length(text: str) -> str:
    # OCR repairs that keep every offset ("trude" → "truoc", "hing nim" → "hang nam"), so a
    # match in the repaired text slices the original.
    folded = fold(text)

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        repl = _TIME_TOKENS.get(word)
        return repl if repl is not None and len(repl) == len(word) else word

    return re.sub(r"[a-z0-9&]+", fix, folded)


def find_timeframe(text: str) -> Timeframe | None:
    """Find an explicit deadline inside running text ("… báo cáo trước ngày 15/12 hằng năm").

    Only deadline phrases ("trước ngày …", "hoàn thành trong quý …", "định kỳ hằng năm …
    báo cáo") count: an adverb such as "thường xuyên" inside a duty is not a timeframe.
    Returns None when the text states none.
    """
    if not text:
        return None
    folded = _fold_same_length(text)
    for m in _FREE_RE.finditer(folded):
        phrase = text[m.start() : m.end()]
        tail = folded[m.end() : m.end() + 40]
        extra = re.match(r"\s+(hang nam|hang quy|hang thang|moi nam)", tail)
        if extra:
            phrase = text[m.start() : m.end() + extra.end()]
        head = folded[max(0, m.start() - 20) : m.start()]
        lead = re.search(r"(dinh ky|hang nam)\s*$", head)
        if lead:
            phrase = text[m.start() - (len(head) - lead.start()) : m.start() + len(phrase)]
        tf = parse_timeframe(phrase)
        if tf.kind == "once" and tf.due is None:
            # "định kỳ 6 tháng (trước ngày 15/6)": the period is said before the deadline.
            clause_start = max(folded.rfind(".", 0, m.start()), folded.rfind(";", 0, m.start()))
            periodic = folded.rfind("dinh ky", clause_start + 1, m.start())
            if periodic >= 0:
                wider = parse_timeframe(text[periodic : m.start() + len(phrase)])
                if wider.kind == "recurring":
                    return wider
        if tf.kind in {"once", "recurring", "period"}:
            return tf
    if "bao cao" in folded:
        m2 = _FREE_PERIODIC_RE.search(folded)
        sentence = (
            re.split(r"[.;]", folded[: m2.start()])[-1] + folded[m2.start() :].split(".")[0]
            if m2
            else ""
        )
        if m2 and "bao cao" in sentence:
            tf = parse_timeframe(text[m2.start() : m2.end()])
            if tf.kind == "recurring":
                return tf
    return None


def adjust_due(tf: Timeframe, is_working_day: Callable[[dt.date], bool] | None = None) -> Timeframe:
    """Move ``due`` off a non-working day, to the next working day.

    Bộ luật Dân sự 2015, Điều 148 khoản 5: a period whose last day is a weekend or holiday
    ends on the next working day. Without a calendar the timeframe is returned unchanged.
    """
    if tf.due is None or is_working_day is None:
        return tf
    day = tf.due
    for _ in range(31):
        if is_working_day(day):
            return replace(tf, due=day)
        day += dt.timedelta(days=1)
    return tf
