"""Working-day calendar for Vietnamese state agencies.

Every deadline in TTCS (plan tasks, information requests under Law 104/2016/QH13, press inquiries)
is counted in working days. A day is a working day unless it is a Saturday or Sunday, a public
holiday, or a day off that the Government announced; announced exceptions win over everything.

Sources, in order of precedence (highest first):

1. exceptions passed to :class:`WorkingCalendar` — the compensatory days off and working Saturdays
   that the Government announces each year (administrators keep them in the database);
2. working weekend days that the ``holidays`` package knows from earlier announcements
   (``weekend_workdays``, e.g. Saturday 22/08/2026 worked in exchange for Monday 31/08/2026);
3. public holidays from ``holidays.country_holidays("VN")`` (Vietnamese names), which include
   the days off in lieu when a holiday falls on a weekend and the swaps the package knows;
4. Saturdays and Sundays.

Outside the years that the ``holidays`` package covers for Vietnam (about 1995–2100) only weekends
and exceptions apply.

This module does not import Django: the database glue lives in ``ttcs.core.calendar_db``, which
replaces the default calendar through :func:`set_default_calendar_factory`.
"""

from __future__ import annotations

import json
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Literal, TypeAlias

import holidays

__all__ = [
    "CalendarExceptionEntry",
    "DeadlineExplanation",
    "ExceptionKind",
    "SkippedDay",
    "WorkingCalendar",
    "add_working_days",
    "get_default_calendar",
    "is_working_day",
    "load_bundled_exceptions",
    "next_working_day",
    "set_default_calendar_factory",
    "working_days_between",
]

ExceptionKind: TypeAlias = Literal["day_off", "working_day"]
EXCEPTION_KINDS: frozenset[str] = frozenset({"day_off", "working_day"})

DEFAULT_DAY_OFF_NAME = "Ngày nghỉ theo thông báo của Chính phủ"

_BUNDLED_RESOURCE = ("ttcs.core", "data/calendar_exceptions.json")


@dataclass(frozen=True, slots=True)
class CalendarExceptionEntry:
    """One announced change to the normal calendar (a day off or a working Saturday)."""

    date: date
    kind: ExceptionKind
    name: str
    legal_basis: str = ""


@dataclass(frozen=True, slots=True)
class SkippedDay:
    """A non-working day with a name (holiday or announced day off)."""

    date: date
    name: str


@dataclass(frozen=True, slots=True)
class DeadlineExplanation:
    """How a deadline was computed: what was counted and what was skipped.

    ``skipped_holidays`` and ``skipped_weekend_days`` classify every non-working day in the counted
    range exactly once (a holiday that falls on a Sunday is listed as a holiday), so
    ``abs(working_days) + len(skipped_holidays) + skipped_weekend_days == abs((due - start).days)``.
    The counted range is (start, due] for n > 0, [due, start) for n < 0 and [start, due) for n = 0.
    """

    start: date
    working_days: int
    due: date
    skipped_holidays: tuple[SkippedDay, ...]
    skipped_weekend_days: int

    def describe(self) -> str:
        """A one-line Vietnamese summary for display next to a deadline."""
        text = f"Hạn: {self.due:%d/%m/%Y} ({abs(self.working_days)} ngày làm việc"
        skipped: list[str] = []
        if self.skipped_holidays:
            skipped.append(f"{len(self.skipped_holidays)} ngày nghỉ lễ, Tết")
        if self.skipped_weekend_days:
            skipped.append(f"{self.skipped_weekend_days} ngày nghỉ cuối tuần")
        if skipped:
            text += "; không tính " + " và ".join(skipped)
        return text + ")"


@dataclass(frozen=True, slots=True)
class _Year:
    """Precomputed working days of one calendar year.

    ``cumulative[i]`` is the number of working days among the first ``i`` days of the year, so any
    count inside a year is one subtraction and the k-th working day is one index into ``working``.
    """

    first_ordinal: int
    cumulative: array[int]
    working: array[int]
    named_ordinals: tuple[int, ...]
    names: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.working)


def _check_date(value: object) -> None:
    # A datetime is a date subclass; silently taking its date part would hide a time-zone decision
    # (an aware datetime near midnight belongs to different days in UTC and in Asia/Ho_Chi_Minh).
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}")


class WorkingCalendar:
    """Vietnamese working days: weekends, public holidays and announced exceptions.

    Instances are immutable after construction and safe to share between threads; per-year tables
    are built lazily and cached on the instance.
    """

    def __init__(
        self,
        exceptions: Mapping[date, ExceptionKind] | None = None,
        *,
        exception_names: Mapping[date, str] | None = None,
    ) -> None:
        self._exceptions: dict[date, ExceptionKind] = {}
        for day, kind in (exceptions or {}).items():
            _check_date(day)
            if kind not in EXCEPTION_KINDS:
                raise ValueError(f"unknown calendar exception kind {kind!r} for {day.isoformat()}")
            self._exceptions[day] = kind
        self._exception_names: dict[date, str] = dict(exception_names or {})
        self._years: dict[int, _Year] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_entries(cls, entries: Iterable[CalendarExceptionEntry]) -> WorkingCalendar:
        """A calendar with the given announced exceptions (names kept for explanations)."""
        items = list(entries)
        return cls(
            {entry.date: entry.kind for entry in items},
            exception_names={entry.date: entry.name for entry in items if entry.name},
        )

    @property
    def exceptions(self) -> Mapping[date, ExceptionKind]:
        """The announced exceptions this calendar applies (read-only view)."""
        return dict(self._exceptions)

    # -- per-year tables -------------------------------------------------------------------------

    def _year(self, year: int) -> _Year:
        table = self._years.get(year)
        if table is None:
            with self._lock:
                table = self._years.get(year)
                if table is None:
                    table = self._build_year(year)
                    self._years[year] = table
        return table

    def _build_year(self, year: int) -> _Year:
        first = date(year, 1, 1)
        days = (date(year + 1, 1, 1) - first).days if year < date.max.year else 365
        public, weekend_workdays = _package_year(year)
        cumulative = array("l", [0])
        working = array("l")
        named: list[tuple[int, str]] = []
        running = 0
        for offset in range(days):
            day = first + timedelta(days=offset)
            kind = self._exceptions.get(day)
            if kind == "working_day":
                is_working = True
            elif kind == "day_off":
                is_working = False
                named.append(
                    (
                        day.toordinal(),
                        self._exception_names.get(day) or public.get(day) or DEFAULT_DAY_OFF_NAME,
                    )
                )
            elif day in weekend_workdays:
                is_working = True
            elif day in public:
                is_working = False
                named.append((day.toordinal(), public[day]))
            else:
                is_working = day.weekday() < 5
            if is_working:
                running += 1
                working.append(day.toordinal())
            cumulative.append(running)
        return _Year(
            first_ordinal=first.toordinal(),
            cumulative=cumulative,
            working=working,
            named_ordinals=tuple(ordinal for ordinal, _ in named),
            names=tuple(name for _, name in named),
        )

    def _working_upto(self, ordinal: int) -> tuple[int, int]:
        """(working days from 1 January up to and including ``ordinal``, its year)."""
        year = date.fromordinal(ordinal).year
        table = self._year(year)
        return table.cumulative[ordinal - table.first_ordinal + 1], year

    def _count_after_upto(self, low: int, high: int) -> int:
        """Working days in the ordinal range (low, high], for low <= high."""
        low_count, low_year = self._working_upto(low)
        high_count, high_year = self._working_upto(high)
        total = high_count - low_count
        for year in range(low_year, high_year):
            total += self._year(year).total
        return total

    # -- queries ---------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """True if ``day`` is a working day for state agencies."""
        _check_date(day)
        table = self._year(day.year)
        index = day.toordinal() - table.first_ordinal
        return table.cumulative[index + 1] != table.cumulative[index]

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def add_working_days(self, day: date, n: int) -> date:
        """The date ``n`` working days after ``day``.

        - n > 0: the n-th working day after ``day``; ``day`` itself is not counted, whether or not
          it is a working day (a request received on Friday with 5 working days is due on the
          following Friday when no holiday intervenes).
        - n < 0: the |n|-th working day before ``day``.
        - n = 0: ``day`` if it is a working day, otherwise the next working day (a deadline that
          lands on a day off moves to the next working day).

        The result is always a working day.
        """
        _check_date(day)
        if n == 0:
            return day if self.is_working_day(day) else self.add_working_days(day, 1)
        ordinal = day.toordinal()
        table = self._year(day.year)
        year = day.year
        index = ordinal - table.first_ordinal
        if n > 0:
            # k is the 1-based rank of the wanted working day counted from 1 January of `year`.
            k = table.cumulative[index + 1] + n
            while k > table.total:
                k -= table.total
                year += 1
                table = self._year(year)
            return date.fromordinal(table.working[k - 1])
        # 0-based position of the wanted working day among the working days of `year`.
        position = table.cumulative[index] + n
        while position < 0:
            year -= 1
            table = self._year(year)
            position += table.total
        return date.fromordinal(table.working[position])

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative (minus those in [end, start)) if end < start.

        Guarantees ``add_working_days(start, working_days_between(start, end)) == end`` whenever
        ``end`` is a working day (and ``start`` is a working day too in the case start == end).
        """
        _check_date(start)
        _check_date(end)
        if end >= start:
            return self._count_after_upto(start.toordinal(), end.toordinal())
        return -self._count_after_upto(end.toordinal() - 1, start.toordinal() - 1)

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Named non-working days (holidays, days in lieu, announced days off) in [start, end].

        Both ends are included; the order of the arguments does not matter. Days that an exception
        turned into working days are not listed; holidays that fall on a weekend are.
        """
        _check_date(start)
        _check_date(end)
        low, high = sorted((start.toordinal(), end.toordinal()))
        found: list[tuple[date, str]] = []
        for year in range(date.fromordinal(low).year, date.fromordinal(high).year + 1):
            table = self._year(year)
            left = bisect_left(table.named_ordinals, low)
            right = bisect_right(table.named_ordinals, high)
            found.extend(
                (date.fromordinal(table.named_ordinals[i]), table.names[i])
                for i in range(left, right)
            )
        return found

    def explain_deadline(self, start: date, n: int) -> DeadlineExplanation:
        """The due date of ``add_working_days(start, n)`` with the holidays and weekends skipped."""
        due = self.add_working_days(start, n)
        if n > 0:
            low, high = start + timedelta(days=1), due
        elif n < 0:
            low, high = due, start - timedelta(days=1)
        else:
            low, high = start, due - timedelta(days=1)
        span = abs((due - start).days)
        named = (
            tuple(SkippedDay(day, name) for day, name in self.holidays_between(low, high))
            if high >= low
            else ()
        )
        return DeadlineExplanation(
            start=start,
            working_days=n,
            due=due,
            skipped_holidays=named,
            skipped_weekend_days=span - abs(n) - len(named),
        )


@cache
def _package_year(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """Public holidays of ``year`` (Vietnamese names) and its working weekend days, per package."""
    if year < 1 or year >= date.max.year:
        return {}, frozenset()
    # The following year is loaded too: a swap announced for it may move work onto a Saturday at
    # the end of this year (e.g. 02/01/2015 was worked on Saturday 27/12/2014).
    table = holidays.country_holidays("VN", years=(year, year + 1), language="vi")
    public = {day: name for day, name in table.items() if day.year == year}
    weekend_workdays = frozenset(
        day for day in getattr(table, "weekend_workdays", ()) if day.year == year
    )
    return public, weekend_workdays


def load_bundled_exceptions() -> tuple[CalendarExceptionEntry, ...]:
    """The announced exceptions shipped with TTCS (``ttcs/core/data/calendar_exceptions.json``).

    Guarantees every entry has a valid date, a known kind, a name and a legal basis.
    """
    package, name = _BUNDLED_RESOURCE
    raw = json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    entries: list[CalendarExceptionEntry] = []
    for item in raw["exceptions"]:
        kind = item["kind"]
        if kind not in EXCEPTION_KINDS:
            raise ValueError(f"unknown calendar exception kind {kind!r} in {name}")
        if not item.get("name") or not item.get("legal_basis"):
            raise ValueError(f"calendar exception {item['date']} in {name} needs a name and basis")
        entries.append(
            CalendarExceptionEntry(
                date=date.fromisoformat(item["date"]),
                kind=kind,
                name=item["name"],
                legal_basis=item["legal_basis"],
            )
        )
    return tuple(entries)


# -- module-level default calendar ---------------------------------------------------------------


@cache
def _bundled_calendar() -> WorkingCalendar:
    return WorkingCalendar.from_entries(load_bundled_exceptions())


_default_factory: Callable[[], WorkingCalendar] = _bundled_calendar


def set_default_calendar_factory(
    factory: Callable[[], WorkingCalendar] | None,
) -> Callable[[], WorkingCalendar]:
    """Make the module-level functions use ``factory()``; None restores the bundled calendar.

    The factory is called on every module-level call, so it should return a cached calendar.
    Returns the previous factory so callers (and tests) can restore it.
    """
    global _default_factory
    previous = _default_factory
    _default_factory = factory if factory is not None else _bundled_calendar
    return previous


def get_default_calendar() -> WorkingCalendar:
    """The calendar the module-level functions use (with database exceptions once installed)."""
    return _default_factory()


def add_working_days(day: date, n: int) -> date:
    """:meth:`WorkingCalendar.add_working_days` on the default calendar."""
    return _default_factory().add_working_days(day, n)


def working_days_between(start: date, end: date) -> int:
    """:meth:`WorkingCalendar.working_days_between` on the default calendar."""
    return _default_factory().working_days_between(start, end)


def is_working_day(day: date) -> bool:
    """:meth:`WorkingCalendar.is_working_day` on the default calendar."""
    return _default_factory().is_working_day(day)


def next_working_day(day: date) -> date:
    """:meth:`WorkingCalendar.next_working_day` on the default calendar."""
    return _default_factory().next_working_day(day)
