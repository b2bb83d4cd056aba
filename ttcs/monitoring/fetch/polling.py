"""How often to poll a source, and whether a source looks healthy. Pure functions, no I/O.

Polling adapts to the source: a feed whose recent fetches brought mostly items already seen is
polled less often, one that keeps bringing new items more often, within configurable bounds.
Health compares a source's daily item count with its own usual band (median ± k·MAD over the
previous 14 days, robust to the odd big news day) and counts consecutive failures, so that a
gap in coverage is visible rather than silent.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from ttcs.monitoring.fetch.dates import VN_TZ


@dataclass(frozen=True, slots=True)
class PollBounds:
    """Limits of the adaptive interval and how strongly it reacts.

    ``slow_down`` multiplies the interval when every item was already seen; ``speed_up``
    divides it when every item was new; a fetch with no items at all (or a 304) multiplies it
    by ``idle_factor``.
    """

    minimum: timedelta = timedelta(minutes=10)
    maximum: timedelta = timedelta(hours=24)
    slow_down: float = 2.0
    speed_up: float = 2.0
    idle_factor: float = 1.5

    def clamp(self, interval: timedelta) -> timedelta:
        """``interval`` moved inside [minimum, maximum]."""
        return max(self.minimum, min(self.maximum, interval))


DEFAULT_BOUNDS = PollBounds()


def next_interval(
    previous: timedelta,
    new_count: int,
    seen_count: int,
    bounds: PollBounds = DEFAULT_BOUNDS,
) -> timedelta:
    """The interval until the next poll, given what the last poll(s) brought.

    Guarantees: the result lies within ``bounds`` (whole seconds); it never grows when the share
    of new items grows; an even split of new and seen items keeps the interval; all new divides
    it by ``speed_up``, all seen multiplies it by ``slow_down``, nothing at all by
    ``idle_factor``. Negative counts are treated as zero.
    """
    new = max(0, new_count)
    seen = max(0, seen_count)
    base = bounds.clamp(previous)
    total = new + seen
    if total == 0:
        factor = bounds.idle_factor
    else:
        share_new = new / total
        if share_new <= 0.5:
            factor = bounds.slow_down ** (1 - 2 * share_new)
        else:
            factor = (1 / bounds.speed_up) ** (2 * share_new - 1)
    seconds = round(base.total_seconds() * factor)
    return bounds.clamp(timedelta(seconds=seconds))


# --------------------------------------------------------------------------------------------
# Health
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One poll of a source: when (aware), whether it succeeded, how many new items it brought."""

    at: datetime
    ok: bool
    new_items: int = 0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class UsualBand:
    """The usual daily item count: ``median`` ± k·``mad``, over ``days`` days with data."""

    median: float
    mad: float
    low: float
    high: float
    days: int


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """A source's recent record, as :func:`compute_source_health` summarises it."""

    last_success: datetime | None
    last_failure: datetime | None
    last_failure_reason: str
    consecutive_failures: int
    items_today: int
    last_day: date
    last_day_items: int | None  # None when the source was not polled successfully that day
    daily_counts: tuple[int, ...]  # the window before ``last_day``, oldest first, polled days only
    band: UsualBand | None  # None while there is too little history


def _local_day(moment: datetime) -> date:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ).date()


def compute_source_health(
    records: Iterable[FetchRecord],
    now: datetime,
    *,
    window_days: int = 14,
    k: float = 3.0,
    min_days: int = 7,
    min_half_width: float = 2.0,
) -> SourceHealth:
    """Summarise ``records`` of one source as of ``now``; pure and order-independent.

    Days are calendar days in Asia/Ho_Chi_Minh. "Items per day" sums ``new_items`` of successful
    polls. The usual band uses the ``window_days`` complete days before the last complete day,
    counting only days with at least one successful poll (a day the source was not polled says
    nothing about it); it needs ``min_days`` such days. The band's half-width is
    ``max(k·MAD, min_half_width)`` so that a perfectly regular source does not alert on ±1.
    Records after ``now`` are ignored (no look-ahead).
    """
    today = _local_day(now)
    last_day = today - timedelta(days=1)
    window_start = last_day - timedelta(days=window_days)
    ordered = sorted((r for r in records if r.at <= now), key=lambda r: r.at)

    last_success = last_failure = None
    last_failure_reason = ""
    consecutive = 0
    per_day: dict[date, int] = {}
    for record in ordered:
        day = _local_day(record.at)
        if record.ok:
            last_success = record.at
            consecutive = 0
            per_day[day] = per_day.get(day, 0) + max(0, record.new_items)
        else:
            last_failure = record.at
            last_failure_reason = record.reason
            consecutive += 1

    history = tuple(
        per_day[window_start + timedelta(days=offset)]
        for offset in range(window_days)
        if window_start + timedelta(days=offset) in per_day
    )
    band = None
    if len(history) >= min_days:
        median = float(statistics.median(history))
        mad = float(statistics.median(abs(count - median) for count in history))
        half = max(k * mad, min_half_width)
        band = UsualBand(median, mad, max(0.0, median - half), median + half, len(history))
    return SourceHealth(
        last_success=last_success,
        last_failure=last_failure,
        last_failure_reason=last_failure_reason,
        consecutive_failures=consecutive,
        items_today=per_day.get(today, 0),
        last_day=last_day,
        last_day_items=per_day.get(last_day),
        daily_counts=history,
        band=band,
    )


class HealthAlertKind(StrEnum):
    """Why a source needs attention."""

    FAILING = "failing"  # N failed polls in a row
    BELOW_USUAL = "below_usual"  # yesterday's count under the usual band
    ABOVE_USUAL = "above_usual"  # yesterday's (or today's so far) count over the usual band


@dataclass(frozen=True, slots=True)
class HealthAlert:
    """One reason to look at a source, with a Vietnamese message for officers."""

    kind: HealthAlertKind
    message: str


def _band_text(band: UsualBand) -> str:
    low = math.floor(band.low)
    high = math.ceil(band.high)
    return f"{low}–{high} tin/ngày"


def health_alerts(health: SourceHealth, *, failure_threshold: int = 3) -> list[HealthAlert]:
    """The alerts ``health`` calls for, most urgent first; empty when the source looks normal.

    Guarantees: a FAILING alert when ``consecutive_failures >= failure_threshold``; a
    BELOW_USUAL or ABOVE_USUAL alert when the last complete day's count leaves the usual band;
    an ABOVE_USUAL alert when today's count so far is already over the band (a partial day is
    never judged low). No band alerts while there is too little history.
    """
    alerts: list[HealthAlert] = []
    if health.consecutive_failures >= max(1, failure_threshold):
        when = (
            health.last_failure.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")
            if health.last_failure
            else ""
        )
        detail = f" (lần gần nhất lúc {when}: {health.last_failure_reason})" if when else ""
        alerts.append(
            HealthAlert(
                HealthAlertKind.FAILING,
                f"Nguồn tin lỗi {health.consecutive_failures} lần liên tiếp{detail}",
            )
        )
    band = health.band
    if band is None:
        return alerts
    day_text = health.last_day.strftime("%d/%m/%Y")
    count = health.last_day_items
    if count is not None and count < band.low:
        alerts.append(
            HealthAlert(
                HealthAlertKind.BELOW_USUAL,
                f"Ngày {day_text} chỉ có {count} tin, thấp hơn mức thường thấy "
                f"({_band_text(band)})",
            )
        )
    elif count is not None and count > band.high:
        alerts.append(
            HealthAlert(
                HealthAlertKind.ABOVE_USUAL,
                f"Ngày {day_text} có {count} tin, cao hơn mức thường thấy ({_band_text(band)})",
            )
        )
    if health.items_today > band.high:
        alerts.append(
            HealthAlert(
                HealthAlertKind.ABOVE_USUAL,
                f"Hôm nay đã có {health.items_today} tin, vượt mức thường thấy "
                f"({_band_text(band)})",
            )
        )
    return alerts
