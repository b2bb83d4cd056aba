"""Trend-alert benchmark: recall on injected bursts and false alerts per topic-week.

The generator simulates several weeks of news per policy topic with a weekly rhythm (quiet
weekends) and a daily one (quiet nights), then injects bursts (one topic gets about one to one
and a half days' worth of extra items within 1–3 hours) and negative surges (the same, all
negative). The first week has no bursts and serves as history.

* recall: share of bursts with an alert of the right kind on the burst's topic key in the
  bucket where the burst starts or the next one (a spike burst counts any spike; a negative
  surge counts a negative_surge alert);
* false alerts per topic-week: alerts on topic keys that match no burst, divided by topics ×
  weeks after the first.

Measured on the generator's true topic and sentiment labels (the trend stage alone), and with
``--end-to-end`` also on the lexicon classifier's labels.

    python bench/monitoring_trends.py [--weeks 6] [--seeds 3] [--end-to-end] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitoring_generator import TOPIC_IDS, NewsGenerator
from results import update_section

from ttcs.monitoring.pipeline.classify import Enricher
from ttcs.monitoring.pipeline.items import item_from_dict
from ttcs.monitoring.pipeline.trends import (
    BUCKET_SECONDS,
    NEGATIVE_LABELS,
    Alert,
    Event,
    TrendConfig,
    bucket_index,
    detect,
    event_keys,
)


def score(
    alerts: list[Alert], bursts: list[dict[str, object]], bucket: str, weeks: int
) -> dict[str, float]:
    topic_alerts = [a for a in alerts if a.key.startswith("topic:")]
    matched: set[int] = set()
    found = {"spike": [0, 0], "negative_surge": [0, 0]}
    by_scale: dict[str, list[int]] = {"<1x": [0, 0], "1-2x": [0, 0], ">=2x": [0, 0]}
    burst_windows = []
    for burst in bursts:
        start = datetime.fromisoformat(str(burst["start"]))
        first = bucket_index(start, bucket)  # type: ignore[arg-type]
        hours = int(burst["hours"])  # type: ignore[call-overload]
        last = first + max(0, (hours * 3600 - 1) // BUCKET_SECONDS[bucket]) + 1
        burst_windows.append((burst["key"], first, last))
        kind = str(burst["kind"])
        wanted = "negative_surge" if kind == "negative_surge" else "spike"
        hit = False
        for i, alert in enumerate(topic_alerts):
            b = bucket_index(datetime.fromisoformat(alert.bucket_start), bucket)  # type: ignore[arg-type]
            if alert.key == burst["key"] and first <= b <= first + 1 and alert.kind == wanted:
                hit = True
                matched.add(i)
        found[wanted][0] += int(hit)
        found[wanted][1] += 1
        scale = float(burst["scale"])  # type: ignore[arg-type]
        band = "<1x" if scale < 1 else "1-2x" if scale < 2 else ">=2x"
        by_scale[band][0] += int(hit)
        by_scale[band][1] += 1
    false_alerts = 0
    for i, alert in enumerate(topic_alerts):
        if i in matched:
            continue
        b = bucket_index(datetime.fromisoformat(alert.bucket_start), bucket)  # type: ignore[arg-type]
        if not any(key == alert.key and first <= b <= last for key, first, last in burst_windows):
            false_alerts += 1
    topic_weeks = len(TOPIC_IDS) * (weeks - 1)
    return {
        "spike_recall": found["spike"][0] / max(1, found["spike"][1]),
        "surge_recall": found["negative_surge"][0] / max(1, found["negative_surge"][1]),
        "false_per_topic_week": false_alerts / topic_weeks,
        **{f"recall{band}": hits / max(1, n) for band, (hits, n) in by_scale.items()},
        "recall_ge1x": (by_scale["1-2x"][0] + by_scale[">=2x"][0])
        / max(1, by_scale["1-2x"][1] + by_scale[">=2x"][1]),
        "bursts": float(len(bursts)),
        "alerts": float(len(topic_alerts)),
    }


def run(weeks: int, seed: int, end_to_end: bool) -> dict[str, dict[str, float]]:
    gen = NewsGenerator(seed=seed)
    generated, bursts, truth = gen.stream(weeks=weeks)
    truth_events = []
    for g in generated:
        t = truth[g.id]
        truth_events.append(
            Event(
                at=datetime.fromisoformat(g.published_at),
                keys=event_keys(
                    topics=t.topics, sentiment=t.sentiment, provinces=t.localities[-1:]
                ),
                negative=t.sentiment in NEGATIVE_LABELS,
                item_id=g.id,
            )
        )
    results: dict[str, dict[str, float]] = {}
    for bucket in ("day", "hour"):
        started = time.process_time()
        alerts = detect(truth_events, TrendConfig.for_bucket(bucket))  # type: ignore[arg-type]
        seconds = time.process_time() - started
        results[f"true labels, {bucket}"] = {
            **score(alerts, bursts, bucket, weeks),
            "events_per_s": len(truth_events) / seconds,
        }
    if end_to_end:
        enricher = Enricher()
        started = time.process_time()
        events = []
        for g in generated:
            item = item_from_dict(json.loads(g.as_json()))
            c = enricher.classify_item(item)
            assert item.published_at is not None
            events.append(
                Event(
                    item.published_at,
                    event_keys(topics=c.topics, provinces=c.provinces, sentiment=c.sentiment),
                    c.sentiment in NEGATIVE_LABELS,
                    item.id,
                )
            )
        classify_rate = len(generated) / (time.process_time() - started)
        for bucket in ("day", "hour"):
            alerts = detect(events, TrendConfig.for_bucket(bucket))  # type: ignore[arg-type]
            results[f"lexicon labels, {bucket}"] = {
                **score(alerts, bursts, bucket, weeks),
                "classify_items_per_s": classify_rate,
            }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark trend alerts on simulated weeks.")
    parser.add_argument("--weeks", type=int, default=6)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--end-to-end", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    runs = [run(args.weeks, seed, args.end_to_end) for seed in range(1, args.seeds + 1)]
    lines = [
        f"Stream: {args.seeds} seeds × {args.weeks} weeks × {len(TOPIC_IDS)} topics "
        "(~0.2–0.8 items/topic/hour on weekdays, quiet nights and weekends); per week 6 bursts "
        "and 2 negative surges, each 0.5–3 × the topic's usual daily volume (≥ 8 items) within "
        "1–3 h. First week is history only. Recall by burst size relative to the topic's daily "
        "volume.",
        "",
        "| labels, bucket | spike recall | negative-surge recall | recall <1× | recall 1–2× | "
        "recall ≥2× | recall ≥1× | false alerts per topic-week | bursts | alerts |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in runs[0]:
        mean = {k: sum(r[name][k] for r in runs) / len(runs) for k in runs[0][name]}
        print(name, {k: round(v, 4) for k, v in mean.items()})
        lines.append(
            f"| {name} | {mean['spike_recall']:.3f} | {mean['surge_recall']:.3f} | "
            f"{mean['recall<1x']:.3f} | {mean['recall1-2x']:.3f} | {mean['recall>=2x']:.3f} | "
            f"{mean['recall_ge1x']:.3f} | "
            f"{mean['false_per_topic_week']:.3f} | {mean['bursts']:.0f} | {mean['alerts']:.0f} |"
        )
    lines += [
        "",
        "The detector's thresholds were chosen on other generator seeds (101–103) than the ones "
        "reported here. Targets: recall ≥ 0.9 within one bucket; ≤ 1 false alert per "
        "topic-week. Day buckets miss bursts smaller than a day's usual volume, which daily counts "
        "cannot tell from ordinary variation; the hour buckets catch most of them.",
    ]
    if not args.no_write:
        update_section("Monitoring — trend alerts (bench/monitoring_trends.py)", "\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
