"""Counts per key and time bucket, spike and negative-surge alerts, explanations and forecasts.

Keys: ``all``, ``topic:<id>``, ``locality:<current province>``, ``agency:<name>``,
``tier:<tier>`` and ``sentiment:<label>``. Buckets are hours or days in Asia/Ho_Chi_Minh (which
has had no daylight-saving time since 1975, so a bucket is a fixed 3,600 or 86,400 seconds).

Baselines know the rhythm of news:

* day buckets: the previous 14 days, each divided by its weekday's share of the overall volume
  (Sunday is quiet), blended with the same weekday one and two weeks earlier;
* hour buckets: the previous 24 hours, each divided by its hour-of-day's share (nights are quiet),
  blended with the same hour on the previous seven days.

The rhythm factors come from the ``all`` series of the past, never from the bucket under test.
A count is a spike when it reaches ``min_count``, is ``min_ratio`` times the expected value, and
its score, a z-score under a negative-binomial variance with a dispersion estimated from the same
history, reaches ``z_threshold``. A ``negative_surge`` applies the same test to the negative items
of a key (labelled negative or mixed, see :data:`NEGATIVE_LABELS`) and also requires their share
of the key's items to rise clearly above its usual share.

No look-ahead, by construction: :class:`TrendDetector` receives events in time order and judges a
bucket when it closes, holding no data later than that bucket; :func:`detect` feeds it. So
appending later data never changes an earlier alert (a test checks this).
"""

from __future__ import annotations

import math
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any, Literal

from ttcs.monitoring.pipeline.normalize import VN_TZ, to_local

Bucket = Literal["hour", "day"]
BUCKET_SECONDS = {"hour": 3600, "day": 86400}
# Items that count towards a negative surge: mixed items carry substantial negative content too
# (the lexicon often labels a bad-news article "mixed" when it quotes the response).
NEGATIVE_LABELS = frozenset({"negative", "mixed"})
_VN_OFFSET = 7 * 3600  # Asia/Ho_Chi_Minh is UTC+7 all year


@dataclass(frozen=True, slots=True)
class Event:
    """One enriched item as the trend detector sees it."""

    at: datetime
    keys: tuple[str, ...]
    negative: bool = False
    item_id: str = ""


@dataclass(frozen=True, slots=True)
class Alert:
    key: str
    kind: str  # "spike" | "negative_surge"
    bucket_start: str  # ISO 8601 with +07:00
    count: int
    expected: float
    score: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TrendConfig:
    """Detector settings; defaults tuned on ``bench/monitoring_trends.py``'s generator with
    other seeds than the ones it reports on (highest recall within one false alert per
    topic-week)."""

    bucket: Bucket = "day"
    min_count: int = 5
    min_ratio: float = 1.35
    z_threshold: float = 1.4
    negative_min_count: int = 4
    negative_share_rise: float = 0.2
    # History a bucket needs before it can be judged (days for day buckets, hours for hours).
    warmup: int = 7
    history: int = 14
    same_period_weight: float = 0.4
    max_dispersion: float = 0.5
    floor: float = 0.3

    @classmethod
    def for_bucket(cls, bucket: Bucket) -> TrendConfig:
        """Defaults for the bucket size."""
        if bucket == "hour":
            return cls(
                bucket="hour",
                min_count=3,
                min_ratio=2.0,
                z_threshold=4.5,
                negative_min_count=3,
                warmup=48,
                history=24,
                floor=0.15,
            )
        return cls(bucket="day")


def bucket_index(moment: datetime, bucket: Bucket) -> int:
    """Whole buckets since 1970-01-01 00:00 Vietnam time."""
    return math.floor((moment.timestamp() + _VN_OFFSET) / BUCKET_SECONDS[bucket])


def bucket_start(index: int, bucket: Bucket) -> datetime:
    """The aware (Asia/Ho_Chi_Minh) start of a bucket."""
    return datetime.fromtimestamp(index * BUCKET_SECONDS[bucket] - _VN_OFFSET, tz=VN_TZ)


def event_keys(
    *,
    topics: Iterable[str] = (),
    provinces: Iterable[str] = (),
    agencies: Iterable[str] = (),
    sentiment: str | None = None,
    tier: str | None = None,
) -> tuple[str, ...]:
    """The trend keys of one enriched item, ``all`` first, each once."""
    keys = ["all"]
    keys += [f"topic:{t}" for t in topics]
    keys += [f"locality:{p}" for p in provinces]
    keys += [f"agency:{a}" for a in agencies]
    if tier:
        keys.append(f"tier:{tier}")
    if sentiment:
        keys.append(f"sentiment:{sentiment}")
    return tuple(dict.fromkeys(keys))


def _capped_mean(values: Sequence[float]) -> float:
    """Mean with each value capped at median + 4·√(median + 1).

    Past bursts must not raise the baseline much, yet sparse series (mostly zeros) must keep
    their occasional ones; trimming the top values would drop exactly those.
    """
    if not values:
        return 0.0
    ordered = sorted(values)
    median = ordered[len(ordered) // 2]
    cap = median + 4.0 * math.sqrt(median + 1.0)
    return sum(min(v, cap) for v in values) / len(values)


@dataclass
class _Series:
    total: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    negative: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))


class TrendDetector:
    """Streaming detector: :meth:`add` events in time order, :meth:`close` at the end.

    Guarantees: an alert for bucket *b* depends only on events of buckets ≤ *b*; events older
    than the bucket being filled are refused (``ValueError``) rather than silently rewriting
    history.
    """

    def __init__(self, config: TrendConfig | None = None) -> None:
        self.config = config or TrendConfig()
        self._series = _Series()
        self._first: int | None = None
        self._current: int | None = None
        self._current_counts: Counter[str] = Counter()
        self._current_negative: Counter[str] = Counter()
        self.alerts: list[Alert] = []

    def add(self, event: Event) -> list[Alert]:
        """Count one event; returns the alerts of any bucket this event closes."""
        index = bucket_index(event.at, self.config.bucket)
        closed: list[Alert] = []
        if self._current is None:
            self._first = self._current = index
        elif index < self._current:
            raise ValueError("sự kiện phải theo thứ tự thời gian (không sửa được quá khứ)")
        elif index > self._current:
            closed = self._close_current()
            self._current = index
        for key in event.keys:
            self._current_counts[key] += 1
            if event.negative:
                self._current_negative[key] += 1
        return closed

    def close(self) -> list[Alert]:
        """Judge the last bucket (call once, after the last event)."""
        return self._close_current() if self._current is not None else []

    def _close_current(self) -> list[Alert]:
        index = self._current
        assert index is not None  # noqa: S101 - guarded by the callers
        for key, n in self._current_counts.items():
            self._series.total[key][index] = n
        for key, n in self._current_negative.items():
            self._series.negative[key][index] = n
        alerts = self._judge(index, self._current_counts, self._current_negative)
        self._current_counts = Counter()
        self._current_negative = Counter()
        alerts.sort(key=lambda a: (a.kind != "spike", -a.score, a.key))
        self.alerts += alerts
        return alerts

    # -- baselines --------------------------------------------------------------------------

    def _period(self) -> int:
        return 7 if self.config.bucket == "day" else 24

    def _rhythm(self, index: int) -> dict[int, float]:
        """Share of volume per weekday (days) or hour of day (hours), from past ``all`` counts."""
        period = self._period()
        lookback = period * (4 if self.config.bucket == "day" else 7)
        series = self._series.total.get("all", {})
        assert self._first is not None  # noqa: S101
        start = max(self._first, index - lookback)
        sums: dict[int, float] = defaultdict(float)
        counts: dict[int, int] = defaultdict(int)
        for b in range(start, index):
            phase = self._phase(b)
            sums[phase] += series.get(b, 0)
            counts[phase] += 1
        total_n = sum(counts.values())
        overall = sum(sums.values()) / total_n if total_n else 0.0
        factors = {}
        for phase in range(period):
            n = counts.get(phase, 0)
            raw = (sums[phase] / n / overall) if n and overall > 0 else 1.0
            # Shrink towards 1 when a phase has been seen only once or twice.
            factors[phase] = max(0.05, (n * raw + 1.0) / (n + 1.0))
        return factors

    def _phase(self, index: int) -> int:
        if self.config.bucket == "day":
            return bucket_start(index, "day").weekday()
        return index % 24

    def expected(
        self, series: dict[int, int], index: int, rhythm: dict[int, float]
    ) -> tuple[float, float]:
        """(expected count, dispersion) for bucket ``index`` from buckets before it."""
        cfg = self.config
        assert self._first is not None  # noqa: S101
        start = max(self._first, index - cfg.history)
        history = range(start, index)
        normalised = [series.get(b, 0) / rhythm[self._phase(b)] for b in history]
        level = _capped_mean(normalised)
        period = self._period()
        same = [series.get(b, 0) for b in range(index - period, self._first - 1, -period)][
            : (2 if cfg.bucket == "day" else 7)
        ]
        base = rhythm[self._phase(index)] * level
        if same:
            same_level = _capped_mean(same)
            base = (1 - cfg.same_period_weight) * base + cfg.same_period_weight * same_level
        expected = max(cfg.floor, base)
        # Dispersion from the median absolute deviation: past bursts must not widen the band.
        dispersion = 0.0
        if len(normalised) >= 5:
            median = sorted(normalised)[len(normalised) // 2]
            mad = sorted(abs(x - median) for x in normalised)[len(normalised) // 2]
            robust_var = (1.4826 * mad) ** 2
            if median > 0:
                dispersion = (robust_var - median) / (median * median)
        return expected, min(cfg.max_dispersion, max(0.0, dispersion))

    def _score(self, count: int, expected: float, dispersion: float) -> float:
        variance = expected + dispersion * expected * expected
        return (count - expected) / math.sqrt(variance)

    def _judge(self, index: int, counts: Counter[str], negatives: Counter[str]) -> list[Alert]:
        cfg = self.config
        assert self._first is not None  # noqa: S101
        if index - self._first < cfg.warmup:
            return []
        rhythm = self._rhythm(index)
        start_iso = bucket_start(index, cfg.bucket).isoformat(timespec="seconds")
        alerts = []
        for key, count in counts.items():
            if key == "sentiment:negative" or count < cfg.min_count:
                continue
            expected, dispersion = self.expected(self._series.total[key], index, rhythm)
            score = self._score(count, expected, dispersion)
            if score >= cfg.z_threshold and count >= cfg.min_ratio * expected:
                alerts.append(
                    Alert(key, "spike", start_iso, count, round(expected, 2), round(score, 2))
                )
        for key, count in negatives.items():
            if key.startswith("sentiment:") or count < cfg.negative_min_count:
                continue
            neg_series = self._series.negative[key]
            expected, dispersion = self.expected(neg_series, index, rhythm)
            score = self._score(count, expected, dispersion)
            if score < cfg.z_threshold or count < cfg.min_ratio * expected:
                continue
            total_series = self._series.total[key]
            past = range(max(self._first, index - cfg.history), index)
            past_total = sum(total_series.get(b, 0) for b in past)
            past_negative = sum(neg_series.get(b, 0) for b in past)
            usual_share = past_negative / past_total if past_total else 0.0
            if count / counts[key] < usual_share + cfg.negative_share_rise:
                continue
            alerts.append(
                Alert(key, "negative_surge", start_iso, count, round(expected, 2), round(score, 2))
            )
        return alerts


def detect(events: Iterable[Event], config: TrendConfig | None = None) -> list[Alert]:
    """All alerts for a batch of events, in time order.

    Events are sorted by time first (stable), then streamed through :class:`TrendDetector`.
    """
    detector = TrendDetector(config)
    for event in sorted(events, key=lambda e: e.at.timestamp()):
        detector.add(event)
    detector.close()
    return detector.alerts


# ---------------------------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExplainedItem:
    """What :func:`explain` needs to know of an item."""

    id: str
    title: str
    source: str
    published_at: datetime
    keys: tuple[str, ...]
    folded_title: str = ""
    story: str | None = None


@dataclass(frozen=True, slots=True)
class Explanation:
    top_terms: list[tuple[str, int]]
    top_stories: list[tuple[str, int, str]]  # (story id, items in the bucket, title)
    sources: list[tuple[str, int]]


_STOP = frozenset(
    [
        "va",
        "cua",
        "cho",
        "cac",
        "nhung",
        "mot",
        "la",
        "o",
        "tai",
        "tu",
        "den",
        "voi",
        "da",
        "dang",
        "se",
        "duoc",
        "bi",
        "trong",
        "khi",
        "sau",
        "truoc",
        "nay",
        "do",
        "ve",
        "tren",
        "duoi",
        "nam",
        "thang",
        "ngay",
        "gan",
        "hon",
        "nhieu",
        "it",
        "con",
        "vao",
        "ra",
    ]
)


def explain(alert: Alert, items: Iterable[ExplainedItem], limit: int = 5) -> Explanation:
    """Why an alert fired: distinctive title terms, largest stories and sources of its bucket.

    Terms are syllable pairs of folded titles in the bucket, ranked by how much more often they
    occur there than in the rest of ``items`` (add-one smoothed ratio × count).
    """
    bucket: Bucket = "hour" if _is_hour_start(alert.bucket_start) else "day"
    start = datetime.fromisoformat(alert.bucket_start)
    end = start + timedelta(seconds=BUCKET_SECONDS[bucket])
    inside: list[ExplainedItem] = []
    outside: list[ExplainedItem] = []
    for item in items:
        if alert.key not in item.keys:
            continue
        (inside if start <= to_local(item.published_at) < end else outside).append(item)
    in_terms = Counter(t for item in inside for t in _title_terms(item))
    out_terms = Counter(t for item in outside for t in _title_terms(item))
    ratio = max(1, len(outside)) / max(1, len(inside))
    ranked = sorted(
        in_terms.items(),
        key=lambda kv: (-(kv[1] * (kv[1] + 1) / (out_terms[kv[0]] / ratio + 1)), kv[0]),
    )
    stories: dict[str, list[ExplainedItem]] = defaultdict(list)
    for item in inside:
        stories[item.story or item.id].append(item)
    top_stories = sorted(stories.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    sources = Counter(item.source for item in inside if item.source)
    return Explanation(
        top_terms=ranked[:limit],
        top_stories=[(sid, len(group), group[0].title) for sid, group in top_stories],
        sources=sources.most_common(limit),
    )


def _is_hour_start(iso: str) -> bool:
    moment = datetime.fromisoformat(iso)
    return not (moment.hour == 0 and moment.minute == 0)


def _title_terms(item: ExplainedItem) -> set[str]:
    from ttcs.monitoring.pipeline.normalize import fold_key
    from ttcs.monitoring.pipeline.tokens import words

    tokens = [t for t in words(item.folded_title or fold_key(item.title)) if not t.isdigit()]
    return {f"{a} {b}" for a, b in pairwise(tokens) if a not in _STOP or b not in _STOP}


# ---------------------------------------------------------------------------------------------
# Forecast
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Forecast:
    mean: list[float]
    lower: list[float]
    upper: list[float]
    method: str


def forecast(
    series: Sequence[int], horizon: int, bucket: Bucket = "day", level: float = 0.9
) -> Forecast:
    """Counts expected in the next ``horizon`` buckets, with a ``level`` prediction interval.

    A Poisson GLM (statsmodels) with a linear trend and weekday (day buckets) or hour-of-day (hour
    buckets) effects when the series covers two full periods; otherwise the recent mean. The
    interval is the Poisson interval around the predicted mean (it ignores parameter
    uncertainty, so it is a little narrow). ``series[0]`` is taken to start a period.
    """
    from scipy.stats import poisson

    period = 7 if bucket == "day" else 24
    n = len(series)
    alpha = (1 - level) / 2
    if n >= 2 * period and sum(series) > 0:
        import numpy as np
        from statsmodels.genmod import families
        from statsmodels.genmod.generalized_linear_model import GLM

        def design(indices: Sequence[int]) -> np.ndarray:
            rows = []
            for i in indices:
                phases = [1.0 if i % period == p else 0.0 for p in range(1, period)]
                rows.append([1.0, i / max(1, n), *phases])
            return np.asarray(rows)

        model = GLM(np.asarray(series, dtype=float), design(range(n)), family=families.Poisson())
        try:
            with warnings.catch_warnings():
                # Regular series "perfectly predict" some weekdays; the fit is still usable.
                warnings.simplefilter("ignore")
                fitted = model.fit()
            means = [float(m) for m in fitted.predict(design(range(n, n + horizon)))]
            method = "poisson-glm"
        except (ValueError, np.linalg.LinAlgError):  # pragma: no cover - degenerate series
            means = [sum(series[-period:]) / period] * horizon
            method = "mean"
    else:
        recent = series[-period:] if series else [0]
        means = [sum(recent) / len(recent)] * horizon
        method = "mean"
    lower = [float(poisson.ppf(alpha, m)) if m > 0 else 0.0 for m in means]
    upper = [float(poisson.ppf(1 - alpha, m)) if m > 0 else 0.0 for m in means]
    return Forecast([round(m, 3) for m in means], lower, upper, method)
