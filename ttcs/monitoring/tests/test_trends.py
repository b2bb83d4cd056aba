"""Trend alerts: spikes against a rhythm-aware baseline, negative surges, no look-ahead."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttcs.monitoring.pipeline.normalize import VN_TZ
from ttcs.monitoring.pipeline.trends import (
    Alert,
    Event,
    ExplainedItem,
    TrendConfig,
    TrendDetector,
    bucket_index,
    bucket_start,
    detect,
    event_keys,
    explain,
    forecast,
)

MONDAY = datetime(2026, 1, 5, tzinfo=VN_TZ)


def _stream(
    seed: int, days: int = 21, burst_day: int | None = 16, negative: bool = False
) -> list[Event]:
    """Daily news with quiet weekends and nights; optionally a burst on one topic."""
    rng = random.Random(seed)
    events = []
    for day in range(days):
        weekend = (MONDAY + timedelta(days=day)).weekday() >= 5
        for topic in ("education", "health", "transport"):
            for _ in range(rng.randint(1, 3) if weekend else rng.randint(5, 9)):
                at = MONDAY + timedelta(
                    days=day, hours=rng.randint(6, 21), minutes=rng.randint(0, 59)
                )
                sentiment = rng.choice(["positive", "neutral", "neutral", "negative"])
                events.append(
                    Event(
                        at, event_keys(topics=[topic], sentiment=sentiment), sentiment == "negative"
                    )
                )
        if day == burst_day:
            for k in range(25):
                at = MONDAY + timedelta(days=day, hours=10, minutes=2 * k)
                events.append(
                    Event(
                        at,
                        event_keys(topics=["health"], provinces=["Lâm Đồng"], sentiment="negative"),
                        negative,
                    )
                )
    return events


def test_a_burst_raises_a_spike_in_its_bucket_with_iso_time_in_vietnam() -> None:
    alerts = detect(_stream(1), TrendConfig.for_bucket("day"))
    spikes = {(a.key, a.bucket_start) for a in alerts if a.kind == "spike"}
    assert ("topic:health", "2026-01-21T00:00:00+07:00") in spikes
    assert ("locality:Lâm Đồng", "2026-01-21T00:00:00+07:00") in spikes
    alert = next(a for a in alerts if a.key == "topic:health" and a.kind == "spike")
    assert isinstance(alert.count, int) and alert.count >= 25
    assert alert.expected < alert.count / 2
    assert alert.score > 0


def test_hour_buckets_find_the_same_burst_at_its_hour() -> None:
    alerts = detect(_stream(1), TrendConfig.for_bucket("hour"))
    assert any(
        a.key == "topic:health"
        and a.kind == "spike"
        and a.bucket_start == "2026-01-21T10:00:00+07:00"
        for a in alerts
    )


def test_ordinary_weeks_raise_few_alerts_even_with_quiet_weekends() -> None:
    alerts = detect(_stream(2, days=28, burst_day=None), TrendConfig.for_bucket("day"))
    topic_alerts = [a for a in alerts if a.key.startswith("topic:")]
    assert len(topic_alerts) <= 3  # 3 topics × 3 judged weeks: at most ~1 per topic-week


def test_nothing_is_judged_during_the_warm_up() -> None:
    alerts = detect(_stream(3, days=6, burst_day=2), TrendConfig.for_bucket("day"))
    assert alerts == []


def test_negative_surge_needs_negative_items_to_rise() -> None:
    burst_day = "2026-01-21T00:00:00+07:00"

    def surges(events: list[Event]) -> list[Alert]:
        return [
            a
            for a in detect(events, TrendConfig.for_bucket("day"))
            if a.kind == "negative_surge"
            and a.key == "topic:health"
            and a.bucket_start == burst_day
        ]

    assert surges(_stream(4, negative=True))
    assert not surges(_stream(4, negative=False))


def test_alerts_come_in_time_order() -> None:
    alerts = detect(_stream(5), TrendConfig.for_bucket("hour"))
    starts = [datetime.fromisoformat(a.bucket_start) for a in alerts]
    assert starts == sorted(starts)


def _through(alerts: list[Alert], last: int, bucket: str) -> list[Alert]:
    return [
        a for a in alerts if bucket_index(datetime.fromisoformat(a.bucket_start), bucket) <= last
    ]  # type: ignore[arg-type]


@settings(max_examples=12, deadline=None)
@given(
    seed=st.integers(0, 10_000), cut_day=st.integers(8, 20), bucket=st.sampled_from(["day", "hour"])
)
def test_appending_later_data_never_changes_earlier_alerts(
    seed: int, cut_day: int, bucket: str
) -> None:
    events = _stream(seed, burst_day=seed % 21)
    cut = MONDAY + timedelta(days=cut_day, hours=seed % 24)
    config = TrendConfig.for_bucket(bucket)  # type: ignore[arg-type]
    last_closed = bucket_index(cut, bucket) - 1  # type: ignore[arg-type]
    before = detect([e for e in events if e.at < cut], config)
    full = detect(events, config)
    assert _through(before, last_closed, bucket) == _through(full, last_closed, bucket)


def test_detector_refuses_events_older_than_the_open_bucket() -> None:
    detector = TrendDetector(TrendConfig.for_bucket("day"))
    detector.add(Event(MONDAY + timedelta(days=2), ("all",)))
    with pytest.raises(ValueError, match="thứ tự"):
        detector.add(Event(MONDAY, ("all",)))


def test_buckets_follow_vietnam_midnight() -> None:
    late_evening = datetime(2026, 1, 5, 23, 30, tzinfo=VN_TZ)
    utc_same_instant = late_evening.astimezone(UTC)  # 16:30 UTC, still 5 January in Vietnam
    index = bucket_index(utc_same_instant, "day")
    assert bucket_start(index, "day").isoformat() == "2026-01-05T00:00:00+07:00"
    assert (
        bucket_start(bucket_index(late_evening, "hour"), "hour").isoformat()
        == "2026-01-05T23:00:00+07:00"
    )


def test_explain_names_terms_stories_and_sources() -> None:
    alert = Alert("topic:health", "spike", "2026-01-21T00:00:00+07:00", 3, 0.5, 4.0)
    day = datetime(2026, 1, 21, 9, tzinfo=VN_TZ)
    items = [
        ExplainedItem(
            "a", "Ngộ độc bánh mì ở Lâm Đồng", "VnExpress", day, ("topic:health",), story="a"
        ),
        ExplainedItem(
            "b",
            "Lâm Đồng: ngộ độc bánh mì, 37 người nhập viện",
            "Dân trí",
            day,
            ("topic:health",),
            story="a",
        ),
        ExplainedItem("c", "Tiêm vắc xin sởi cho trẻ", "VOV", day, ("topic:health",), story="c"),
        ExplainedItem(
            "d", "Tiêm vắc xin sởi đợt hai", "VOV", day - timedelta(days=3), ("topic:health",)
        ),
    ]
    why = explain(alert, items)
    assert why.top_stories[0][:2] == ("a", 2)
    assert {"ngo doc", "banh mi"} <= {term for term, _ in why.top_terms[:4]}
    assert "vac xin" not in {term for term, _ in why.top_terms[:3]}
    assert dict(why.sources) == {"VnExpress": 1, "Dân trí": 1, "VOV": 1}


def test_forecast_gives_an_interval_around_the_weekly_pattern() -> None:
    # Four weeks with quiet weekends (Saturday and Sunday at positions 5 and 6).
    series = [10, 11, 9, 10, 12, 4, 3, 11, 10, 10, 9, 13, 5, 2, 9, 12, 10, 11, 11, 3, 4]
    series += [10, 9, 11, 10, 12, 4, 3]
    result = forecast(series, horizon=7, bucket="day")
    assert result.method == "poisson-glm"
    assert len(result.mean) == len(result.lower) == len(result.upper) == 7
    assert all(
        lo <= m <= hi for lo, m, hi in zip(result.lower, result.mean, result.upper, strict=True)
    )
    assert result.mean[5] < result.mean[0]  # Saturday quieter than Monday
    short = forecast([3, 4], horizon=2, bucket="day")
    assert short.method == "mean"
