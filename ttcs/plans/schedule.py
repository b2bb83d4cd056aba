"""Occurrences of a task: which reportable periods a timeframe produces, and their due dates.

Pure computation (no database). Rules, chosen to match how Directive-07 plans are reported:
- ``once`` / ``period``: one occurrence, due at the stated deadline (end of the period);
- ``recurring``: one occurrence per year / quarter / month, due on the stated day of the period
  (default: the period's last day);
- ``continuous``: reported in the annual report, so one occurrence per year, due on the annual
  reporting day (01/12 unless the plan says otherwise);
- ``on_demand`` / ``unknown``: one open occurrence without a due date (unknown ones are flagged).
A due date that falls on a day off moves to the next working day (Civil Code 2015, art. 148).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

ANNUAL_REPORT_MONTH_DAY = (12, 1)


@dataclass(frozen=True)
class Timeframe:
    kind: str
    start: dt.date | None = None
    due: dt.date | None = None
    recurrence: str | None = None
    recurrence_month: int | None = None
    recurrence_day: int | None = None


@dataclass(frozen=True)
class PlannedOccurrence:
    period_label: str
    period_start: dt.date | None
    due: dt.date | None


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def occurrences(
    tf: Timeframe,
    *,
    plan_start: dt.date,
    horizon: dt.date,
    next_working_day: Callable[[dt.date], dt.date] = lambda d: d,
) -> list[PlannedOccurrence]:
    """The occurrences ``tf`` produces from ``plan_start`` up to ``horizon`` (inclusive of the
    period containing it). Guarantees: labels are unique, due dates ascend, never empty."""
    start = tf.start or plan_start
    end = min(tf.due, horizon) if tf.due else horizon
    shift = next_working_day

    if tf.kind in {"once", "period"}:
        return [PlannedOccurrence("", start, shift(tf.due) if tf.due else None)]
    if tf.kind == "recurring" and tf.recurrence in {"yearly", "quarterly", "monthly"}:
        return _recurring(tf, start, end, shift)
    if tf.kind == "continuous":
        month, day = ANNUAL_REPORT_MONTH_DAY
        yearly = Timeframe("recurring", start, tf.due, "yearly", month, day)
        return _recurring(yearly, start, end, shift)
    return [PlannedOccurrence("", start, None)]


def _recurring(
    tf: Timeframe, start: dt.date, end: dt.date, shift: Callable[[dt.date], dt.date]
) -> list[PlannedOccurrence]:
    out: list[PlannedOccurrence] = []
    if end < start:
        end = start
    if tf.recurrence == "yearly":
        for year in range(start.year, end.year + 1):
            if tf.recurrence_month and tf.recurrence_day:
                due = _safe_date(year, tf.recurrence_month, tf.recurrence_day)
            else:
                due = dt.date(year, 12, 31)
            out.append(PlannedOccurrence(f"Năm {year}", dt.date(year, 1, 1), shift(due)))
    elif tf.recurrence == "quarterly":
        year, quarter = start.year, (start.month - 1) // 3 + 1
        while (year, quarter) <= (end.year, (end.month - 1) // 3 + 1):
            q_start = dt.date(year, quarter * 3 - 2, 1)
            due = _quarter_end(year, quarter)
            if tf.recurrence_day:
                due = _safe_date(year, quarter * 3, tf.recurrence_day)
            roman = ("I", "II", "III", "IV")[quarter - 1]
            out.append(PlannedOccurrence(f"Quý {roman}/{year}", q_start, shift(due)))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    else:
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            day = tf.recurrence_day or calendar.monthrange(year, month)[1]
            due = _safe_date(year, month, day)
            out.append(
                PlannedOccurrence(f"Tháng {month:02d}/{year}", dt.date(year, month, 1), shift(due))
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
