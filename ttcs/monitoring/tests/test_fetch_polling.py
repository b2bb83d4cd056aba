"""Adaptive polling interval and source health (pure functions)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttcs.monitoring.fetch.polling import (
    FetchRecord,
    HealthAlertKind,
    PollBounds,
    compute_source_health,
    health_alerts,
    next_interval,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HOUR = timedelta(hours=1)
NOW = datetime(2026, 1, 21, 9, 0, tzinfo=VN)


def test_mostly_seen_items_slow_polling_down() -> None:
    assert next_interval(HOUR, new_count=1, seen_count=19) > HOUR


def test_mostly_new_items_speed_polling_up() -> None:
    assert next_interval(HOUR, new_count=18, seen_count=2) < HOUR


def test_even_split_keeps_the_interval() -> None:
    assert next_interval(HOUR, new_count=5, seen_count=5) == HOUR


def test_extremes_double_or_halve() -> None:
    assert next_interval(HOUR, 0, 10) == 2 * HOUR
    assert next_interval(HOUR, 10, 0) == HOUR / 2


def test_empty_or_unchanged_feed_slows_down_gently() -> None:
    assert next_interval(HOUR, 0, 0) == 1.5 * HOUR


def test_interval_stays_within_bounds() -> None:
    bounds = PollBounds(minimum=timedelta(minutes=10), maximum=timedelta(hours=24))
    assert next_interval(timedelta(minutes=12), 50, 0, bounds) == timedelta(minutes=10)
    assert next_interval(timedelta(hours=20), 0, 50, bounds) == timedelta(hours=24)
    assert next_interval(timedelta(0), 0, 0, bounds) >= timedelta(minutes=10)


@given(
    previous=st.integers(min_value=0, max_value=200_000),
    new=st.integers(min_value=-5, max_value=500),
    seen=st.integers(min_value=-5, max_value=500),
    extra_new=st.integers(min_value=0, max_value=50),
)
def test_interval_is_bounded_and_never_grows_with_more_new_items(
    previous: int, new: int, seen: int, extra_new: int
) -> None:
    bounds = PollBounds()
    base = timedelta(seconds=previous)
    result = next_interval(base, new, seen, bounds)
    assert bounds.minimum <= result <= bounds.maximum
    if max(new, 0) + max(seen, 0) > 0:
        assert next_interval(base, max(new, 0) + extra_new, seen, bounds) <= result


# --------------------------------------------------------------------------------------------
# Health
# --------------------------------------------------------------------------------------------


def daily_history(counts: list[int], *, end: datetime = NOW) -> list[FetchRecord]:
    """One successful poll at noon per day, the last count being yesterday's."""
    records = []
    for back, count in enumerate(reversed(counts), start=1):
        day = (end - timedelta(days=back)).replace(hour=12, minute=0)
        records.append(FetchRecord(at=day, ok=True, new_items=count))
    return records


REGULAR = [10, 12, 9, 11, 10, 13, 10, 11, 9, 12, 10, 11, 10, 12]


def test_usual_band_is_median_plus_minus_k_mad() -> None:
    swinging = [6, 14] * 7  # median 10, MAD 4
    health = compute_source_health(daily_history([*swinging, 11]), NOW, k=2.0)

    assert health.band is not None
    assert (health.band.median, health.band.mad) == (10.0, 4.0)
    assert (health.band.low, health.band.high) == (2.0, 18.0)
    assert health.band.days == 14
    assert health.last_day_items == 11
    assert health_alerts(health) == []


def test_a_very_regular_source_gets_a_minimum_band_width() -> None:
    health = compute_source_health(daily_history([*REGULAR, 12]), NOW, k=3.0)

    assert health.band is not None
    assert (health.band.median, health.band.mad) == (10.5, 0.5)
    assert (health.band.low, health.band.high) == (8.5, 12.5)  # ±2 rather than ±1.5
    assert health_alerts(health) == []


def test_a_quiet_day_below_the_band_is_reported() -> None:
    health = compute_source_health(daily_history([*REGULAR, 1]), NOW)

    (alert,) = health_alerts(health)
    assert alert.kind is HealthAlertKind.BELOW_USUAL
    assert alert.message == "Ngày 20/01/2026 chỉ có 1 tin, thấp hơn mức thường thấy (8–13 tin/ngày)"


def test_a_busy_day_above_the_band_is_reported() -> None:
    health = compute_source_health(daily_history([*REGULAR, 40]), NOW)

    (alert,) = health_alerts(health)
    assert alert.kind is HealthAlertKind.ABOVE_USUAL
    assert "40 tin" in alert.message


def test_today_is_judged_only_when_already_above_the_band() -> None:
    quiet_morning = [*daily_history([*REGULAR, 11]), FetchRecord(NOW - HOUR, True, 0)]
    busy_morning = [*daily_history([*REGULAR, 11]), FetchRecord(NOW - HOUR, True, 30)]

    assert health_alerts(compute_source_health(quiet_morning, NOW)) == []
    (alert,) = health_alerts(compute_source_health(busy_morning, NOW))
    assert alert.message.startswith("Hôm nay đã có 30 tin")


def test_no_band_alerts_without_enough_history() -> None:
    health = compute_source_health(daily_history([10, 11, 0]), NOW)

    assert health.band is None
    assert health_alerts(health) == []


def test_days_without_polling_do_not_count_as_zero() -> None:
    records = daily_history([*REGULAR, 11])
    gap = [r for r in records if r.at.day not in (10, 11, 12)]

    health = compute_source_health(gap, NOW)

    assert health.band is not None and health.band.days == 11
    assert 0 not in health.daily_counts


def test_consecutive_failures_raise_an_alert_with_the_last_reason() -> None:
    records = [
        FetchRecord(NOW - 5 * HOUR, True, 3),
        FetchRecord(NOW - 3 * HOUR, False, reason="Máy chủ trả lời 503 (Dịch vụ tạm ngừng)"),
        FetchRecord(NOW - 2 * HOUR, False, reason="Máy chủ trả lời 503 (Dịch vụ tạm ngừng)"),
        FetchRecord(NOW - HOUR, False, reason="Máy chủ trả lời chậm quá 20 giây"),
    ]

    health = compute_source_health(records, NOW)
    (alert,) = health_alerts(health, failure_threshold=3)

    assert health.consecutive_failures == 3
    assert health.last_success == NOW - 5 * HOUR
    assert alert.kind is HealthAlertKind.FAILING
    assert alert.message == (
        "Nguồn tin lỗi 3 lần liên tiếp (lần gần nhất lúc 08:00 21/01/2026: "
        "Máy chủ trả lời chậm quá 20 giây)"
    )


def test_a_success_resets_the_failure_count() -> None:
    records = [
        FetchRecord(NOW - 3 * HOUR, False, reason="lỗi"),
        FetchRecord(NOW - 2 * HOUR, False, reason="lỗi"),
        FetchRecord(NOW - HOUR, True, 2),
    ]

    health = compute_source_health(reversed(records), NOW)

    assert health.consecutive_failures == 0
    assert health_alerts(health) == []


def test_records_after_now_are_ignored() -> None:
    records = [*daily_history([*REGULAR, 11]), FetchRecord(NOW + HOUR, False, reason="tương lai")]

    health = compute_source_health(records, NOW)

    assert health.consecutive_failures == 0


@pytest.mark.parametrize("threshold", [1, 2, 5])
def test_failure_alert_respects_the_threshold(threshold: int) -> None:
    records = [FetchRecord(NOW - i * HOUR, False, reason="lỗi") for i in range(1, 3)]
    alerts = health_alerts(compute_source_health(records, NOW), failure_threshold=threshold)
    assert bool(alerts) is (threshold <= 2)
