"""Search benchmark: latency of ``ttcs.monitoring.search.search`` at 100k items (SQLite FTS5) and
1M items (PostgreSQL full-text), over a fixed set of realistic queries.

Loading a million items through the full ingest would take hours, so the index is loaded in
bulk instead: items come from the seeded generator, are parsed and folded by the same function
ingest uses (``item_from_dict`` → ``Item.folded_title`` / ``folded_text``, joined as
ingest builds ``Article.search_text``), and take their sentiment, topic and places from the
generator's ground truth (no enrichment, no clustering: one story per generated story). SQLite
gets them by ``bulk_create`` (the FTS5 triggers index them); PostgreSQL by ``COPY``, with the
GIN full-text index dropped during the load and rebuilt afterwards (as the migration defines
it), then ``ANALYZE``. The trigram index of the migration is not rebuilt unless ``--pg-trgm``
is given: ``search()`` never uses it (it is there for substring checks) and building it over a
million bodies takes long.

Time is compressed as a busy deployment sees it: chunks of ~5,300 generated items run side by
side in 28 lanes (about 3,000 items a day), so 1M items span about a year.

Queries (``QUERIES``): words with and without diacritics, phrases, OR, exclusions, and filters
by time (relative to the newest item), sentiment, topic and place. Each query runs once to warm
up, then ``--rounds`` times; every call is timed around ``search(..., limit=20)`` (parsing,
SQL, re-ranking of the 200-article pool, snippets).

    python bench/monitoring_search.py [--quick] [--backends sqlite,postgresql]
                                      [--sqlite-n 100000] [--pg-n 1000000] [--load-budget 900]

``--quick``: 10k items on SQLite, 50k on PostgreSQL, nothing written. The PostgreSQL database
(``ttcs_bench_<pid>_search``) is dropped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from monitoring_ingest import (  # noqa: E402
    LANE_BASE,
    fmt_int,
    generated_chunk,
    header_line,
    lane_start,
    pg_available,
    pg_database,
    run_worker,
    setup_django,
    update_marked_section,
)

SECTION = "monitoring_search"
TITLE = "Monitoring — search latency (bench/monitoring_search.py)"
TARGET_P95_MS = 100.0
SLOWEST_SHOWN = 8
BASE = LANE_BASE
TIER_RANK = {"national_press": 4, "official": 3, "local_press": 2, "social": 1, "other": 0}

# (category, query, filters): filters may hold "days" (since the newest item minus that many
# days), "window" ((from, to) days before the newest item), "sentiment", "topic", "locality".
QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    ("no diacritics", "hoc sinh", {}),
    ("no diacritics", "ngap lut", {}),
    ("no diacritics", "giai phong mat bang", {}),
    ("no diacritics", "chuyen doi so", {}),
    ("no diacritics", "bao hiem xa hoi", {}),
    ("no diacritics", "tai nan giao thong", {}),
    ("no diacritics", "ngo doc thuc pham", {}),
    ("no diacritics", "nghe an", {}),
    ("no diacritics", "tham nhung", {}),
    ("no diacritics", "gia dat", {}),
    ("diacritics", "học sinh", {}),
    ("diacritics", "sạt lở đất", {}),
    ("diacritics", "cải cách hành chính", {}),
    ("diacritics", "dịch vụ công trực tuyến", {}),
    ("diacritics", "sốt xuất huyết", {}),
    ("diacritics", "ô nhiễm môi trường", {}),
    ("diacritics", "Đà Nẵng", {}),
    ("diacritics", "Cần Thơ du lịch", {}),
    ("diacritics", "giải ngân vốn đầu tư công", {}),
    ("diacritics", "lừa đảo qua mạng", {}),
    ("diacritics", "sầu riêng xuất khẩu", {}),
    ("diacritics", "khởi tố hối lộ", {}),
    ("phrase", '"tuyển sinh lớp 10"', {}),
    ("phrase", '"an toàn thực phẩm"', {}),
    ("phrase", '"giấy chứng nhận quyền sử dụng đất"', {}),
    ("phrase", '"áp thấp nhiệt đới"', {}),
    ("phrase", '"cao toc"', {}),
    ("phrase", '"phòng cháy chữa cháy"', {}),
    ("phrase", '"dich ta lon chau Phi"', {}),
    ("phrase", '"chỉ số cải cách hành chính"', {}),
    ("or", "sạt lở OR lũ quét", {}),
    ("or", "tham nhũng | hối lộ", {}),
    ("or", '"ùn tắc" OR "tai nạn"', {}),
    ("or", 'bão OR "áp thấp"', {}),
    ("or", "vac xin OR tiem chung", {}),
    ("or", 'Huế OR "Đà Nẵng" OR "Quảng Ngãi"', {}),
    ("exclusion", "giáo dục -học phí", {}),
    ("exclusion", 'đất đai NOT "khiếu kiện"', {}),
    ("exclusion", 'du lịch -"chặt chém"', {}),
    ("exclusion", 'công an -"đánh bạc"', {}),
    ("exclusion", 'lua -"thanh long"', {}),
    ("exclusion", 'y te -"tu vong"', {}),
    ("time", "học sinh", {"days": 7}),
    ("time", "ngập lụt", {"days": 30}),
    ("time", "chuyển đổi số", {"days": 7}),
    ("time", "tai nạn", {"days": 1}),
    ("time", '"bảo hiểm xã hội"', {"days": 30}),
    ("time", "thanh tra", {"window": (21, 14)}),
    ("sentiment", "giáo viên", {"sentiment": "negative"}),
    ("sentiment", "bệnh viện", {"sentiment": "positive"}),
    ("sentiment", "dự án", {"sentiment": "negative"}),
    ("sentiment", "nông dân", {"sentiment": "negative", "days": 30}),
    ("sentiment", "người dân", {"sentiment": "negative", "days": 7}),
    ("sentiment", "du khách", {"sentiment": "positive"}),
    ("topic/place", "Hà Nội", {"topic": "transport"}),
    ("topic/place", "hồ sơ", {"topic": "administrative_reform"}),
    ("topic/place", "khánh thành", {"locality": "Đồng Nai"}),
    ("topic/place", '"bụi mịn"', {"sentiment": "negative", "topic": "environment"}),
    ("broad", "tỉnh", {}),
    ("broad", "người dân", {}),
    ("broad", "UBND", {}),
    ("broad", "năm", {"days": 30}),
    ("rare", '"huy chương" Olympic', {}),
    ("rare", "khongcotu", {}),
]


# ---------------------------------------------------------------------------------------------
# Bulk load
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    external_id: str
    url: str
    url_hash: str
    source_name: str
    tier: str
    title: str
    text: str
    published_at: datetime
    search_text: str
    sentiment: str
    topics: list[str]
    localities: list[str]
    tags: str
    story_key: str


_SAMPLE = Row("", "", "", "", "other", "", "", BASE, "", "neutral", [], [], "", "")


def prepare_chunk(chunk: int) -> list[Row]:
    """One generator chunk parsed and folded as ingest does, labelled from the ground truth."""
    from ttcs.monitoring.pipeline.items import item_from_dict
    from ttcs.monitoring.search import build_tags

    rows = []
    for raw, truth in generated_chunk(chunk, lane_start(chunk), seed=1000):
        item = item_from_dict(raw)
        sentiment = truth.sentiment
        tier = item.tier or "other"
        rows.append(
            Row(
                external_id=str(item.output_id),
                url=item.canonical_url or item.url,
                url_hash=item.url_key or item.id,
                source_name=item.source,
                tier=tier,
                title=item.title,
                text=item.text,
                published_at=item.published_at or BASE,
                # Exactly what ingest stores (ttcs.monitoring.ingest._store).
                search_text=f"{item.folded_title}\n{item.folded_text}",
                sentiment=sentiment,
                topics=truth.topics,
                localities=truth.localities,
                tags=build_tags(
                    topics=truth.topics,
                    localities=truth.localities,
                    agencies=[],
                    sentiment=sentiment,
                    tier=tier,
                ),
                story_key=truth.story,
            )
        )
    return rows


def _stories(rows: list[Row]) -> dict[str, dict[str, Any]]:
    """Story rows for a chunk: one per generated story, as ingest would summarise it."""
    stories: dict[str, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: r.published_at):
        story = stories.get(row.story_key)
        if story is None:
            stories[row.story_key] = {
                "key": row.story_key,
                "title": row.title[:500],
                "first_seen_at": row.published_at,
                "last_seen_at": row.published_at,
                "article_count": 1,
                "sources": {row.source_name},
                "top_tier": row.tier,
                "sentiment": row.sentiment,
                "rising": False,
            }
            continue
        story["last_seen_at"] = row.published_at
        story["article_count"] += 1
        story["sources"].add(row.source_name)
        if TIER_RANK.get(row.tier, 0) > TIER_RANK.get(story["top_tier"], 0):
            story["top_tier"] = row.tier
    return stories


class Loader:
    """Writes prepared chunks to the database: ``bulk_create`` on SQLite, ``COPY`` on PostgreSQL."""

    def __init__(self, database_url: str) -> None:
        from django.db import connection

        self.vendor = connection.vendor
        self.database_url = database_url
        self.seen: set[str] = set()
        self.next_story = 1
        self.next_article = 1
        self.loaded = 0
        self.pg: Any = None
        from ttcs.monitoring.models import Article

        # Every column is written explicitly: fail loudly if the model gains or loses one.
        self.columns = list(self._article_columns(_SAMPLE, 0, 0))
        expected = [f.column for f in Article._meta.concrete_fields]
        if sorted(self.columns) != sorted(expected):
            raise RuntimeError(f"Article columns changed: {sorted(expected)}")
        if self.vendor == "postgresql":
            import psycopg

            self.pg = psycopg.connect(database_url)
            # Bulk load without the full-text indexes; they are rebuilt after the load.
            with self.pg.cursor() as cur:
                cur.execute("DROP INDEX IF EXISTS monitoring_article_tsv")
                cur.execute("DROP INDEX IF EXISTS monitoring_article_search_tsv")
                cur.execute("DROP INDEX IF EXISTS monitoring_article_tags_trgm")
                cur.execute("DROP INDEX IF EXISTS monitoring_article_trgm")
            self.pg.commit()

    def add(self, rows: list[Row]) -> None:
        fresh = []
        for row in rows:
            if row.url_hash not in self.seen:  # stored once per canonical URL, as ingest does
                self.seen.add(row.url_hash)
                fresh.append(row)
        stories = _stories(fresh)
        story_ids = {}
        for key in stories:
            story_ids[key] = self.next_story
            self.next_story += 1
        if self.vendor == "postgresql":
            self._copy(fresh, stories, story_ids)
        else:
            self._bulk_create(fresh, stories, story_ids)
        self.loaded += len(fresh)

    def _article_columns(self, row: Row, pk: int, story_id: int) -> dict[str, Any]:
        return {
            "id": pk,
            "source_id": None,
            "owner_agency_id": None,
            "source_name": row.source_name[:200],
            "tier": row.tier,
            "external_id": row.external_id[:200],
            "url": row.url[:2000],
            "url_hash": row.url_hash,
            "title": row.title[:500],
            "text": row.text,
            "published_at": row.published_at,
            "fetched_at": row.published_at,
            "story_id": story_id,
            "search_text": row.search_text,
            "tags": row.tags,
            "signature": None,
            "fingerprint": {},
            "sentiment": row.sentiment,
            "sentiment_score": 0.0,
            "sentiment_by": "generator",
            "topics": row.topics,
            "localities": row.localities,
            "provinces": [],
            "agencies": [],
        }

    def _bulk_create(
        self, rows: list[Row], stories: dict[str, dict[str, Any]], story_ids: dict[str, int]
    ) -> None:
        from django.db import transaction

        from ttcs.monitoring.models import Article, Story

        with transaction.atomic():
            Story.objects.bulk_create(
                [
                    Story(
                        id=story_ids[key],
                        source_count=len(s["sources"]),
                        **{k: v for k, v in s.items() if k != "sources"},
                    )
                    for key, s in stories.items()
                ],
                batch_size=2000,
            )
            articles = []
            for row in rows:
                values = self._article_columns(row, self.next_article, story_ids[row.story_key])
                self.next_article += 1
                articles.append(Article(**values))
            Article.objects.bulk_create(articles, batch_size=2000)

    def _copy(
        self, rows: list[Row], stories: dict[str, dict[str, Any]], story_ids: dict[str, int]
    ) -> None:
        from psycopg.types.json import Jsonb

        story_cols = [
            "id",
            "key",
            "title",
            "first_seen_at",
            "last_seen_at",
            "article_count",
            "source_count",
            "top_tier",
            "sentiment",
            "rising",
        ]
        with self.pg.cursor() as cur:
            with cur.copy(f"COPY monitoring_story ({', '.join(story_cols)}) FROM STDIN") as copy:
                for key, s in stories.items():
                    copy.write_row(
                        [
                            story_ids[key],
                            key,
                            s["title"],
                            s["first_seen_at"],
                            s["last_seen_at"],
                            s["article_count"],
                            len(s["sources"]),
                            s["top_tier"],
                            s["sentiment"],
                            s["rising"],
                        ]
                    )
            sql = f"COPY monitoring_article ({', '.join(self.columns)}) FROM STDIN"
            with cur.copy(sql) as copy:
                for row in rows:
                    values = self._article_columns(row, self.next_article, story_ids[row.story_key])
                    self.next_article += 1
                    copy.write_row(
                        [Jsonb(v) if isinstance(v, dict | list) else v for v in values.values()]
                    )
        self.pg.commit()

    def finish(self, *, trigram: bool) -> float:
        """Rebuild what the load skipped; seconds spent."""
        started = time.perf_counter()
        if self.vendor != "postgresql":
            return 0.0
        migration = importlib.import_module("ttcs.monitoring.migrations.0002_search_index")
        vector = importlib.import_module("ttcs.monitoring.migrations.0003_search_vector_column")
        tags = importlib.import_module("ttcs.monitoring.migrations.0004_tags_trigram_index")
        with self.pg.cursor() as cur:
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('monitoring_story', 'id'), %s)",
                [max(1, self.next_story - 1)],
            )
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('monitoring_article', 'id'), %s)",
                [max(1, self.next_article - 1)],
            )
            cur.execute("SET maintenance_work_mem = '1GB'")
            for sql in migration.PG_UP:
                if "gin_trgm_ops" in sql and trigram:
                    cur.execute(sql)
            for sql in [*vector.PG_INDEXES, *tags.PG_INDEXES]:
                cur.execute(sql)
            self.pg.commit()
            self.pg.autocommit = True
            cur.execute("VACUUM ANALYZE monitoring_article")
            cur.execute("VACUUM ANALYZE monitoring_story")
        self.pg.close()
        return time.perf_counter() - started


def load(database_url: str, n: int, budget: float, jobs: int, pool: Any) -> dict[str, Any]:
    """Load about ``n`` items (whole chunks), stopping early when ``budget`` seconds pass."""
    loader = Loader(database_url)
    started = time.perf_counter()
    chunks = range(10**6)
    stopped = ""

    def prepared() -> Iterator[list[Row]]:
        if pool is None:
            yield from map(prepare_chunk, chunks)
        else:
            yield from pool.imap(prepare_chunk, chunks)

    for rows in prepared():
        loader.add(rows[: n - loader.loaded])
        elapsed = time.perf_counter() - started
        print(f"  loaded {loader.loaded:>8} items, {elapsed:5.0f} s", file=sys.stderr, flush=True)
        if loader.loaded >= n:
            break
        if elapsed > budget:
            stopped = f"load stopped by the {budget:.0f} s budget"
            break
    load_seconds = time.perf_counter() - started
    print("  building indexes …", file=sys.stderr, flush=True)
    index_seconds = loader.finish(trigram=os.environ.get("BENCH_PG_TRGM") == "1")
    return {
        "loaded": loader.loaded,
        "load_seconds": load_seconds,
        "index_seconds": index_seconds,
        "stopped": stopped,
        "jobs": jobs,
    }


# ---------------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------------


def _filters(spec: dict[str, Any], newest: datetime) -> Any:
    from ttcs.monitoring.search import Filters

    filters = Filters()
    if "days" in spec:
        filters.since = newest - timedelta(days=spec["days"])
    if "window" in spec:
        start, end = spec["window"]
        filters.since, filters.until = newest - timedelta(days=start), newest - timedelta(days=end)
    if "sentiment" in spec:
        filters.sentiments = [spec["sentiment"]]
    filters.topic = spec.get("topic", "")
    filters.locality = spec.get("locality", "")
    return filters


def _match_count(text: str, filters: Any) -> int:
    """Rows matching a query and its filters."""
    from ttcs.monitoring.search import count

    return count(text, filters=filters)


def measure(rounds: int, timeout_s: float) -> dict[str, Any]:
    """Warm-up round, then ``rounds`` timed rounds; then match counts (untimed).

    On PostgreSQL each statement is cut at ``timeout_s`` (``statement_timeout``): a query cut
    in the warm-up is not run again and counts as ``timeout_s`` in every round, so percentiles
    that include it are lower bounds.
    """
    from django.db import OperationalError, connection
    from django.db.models import Max

    from ttcs.monitoring.models import Article
    from ttcs.monitoring.search import search

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"SET statement_timeout = {int(timeout_s * 1000)}")
    newest = Article.objects.aggregate(m=Max("published_at"))["m"]
    prepared = [(cat, text, _filters(spec, newest)) for cat, text, spec in QUERIES]

    def timed(text: str, filters: Any) -> tuple[float, int | None]:
        started = time.perf_counter()
        try:
            found = len(search(text, filters=filters, limit=20))
        except OperationalError:  # statement_timeout
            return 1000 * timeout_s, None
        return 1000 * (time.perf_counter() - started), found

    hits: list[int | None] = []
    for i, (_cat, text, filters) in enumerate(prepared):  # warm-up: every query once
        ms, found = timed(text, filters)
        hits.append(found)
        print(f"    warm-up {i + 1:>2}/{len(prepared)} {ms:9.1f} ms  {text}", file=sys.stderr)
    timings: list[list[float]] = [[] for _ in prepared]
    for _ in range(rounds):
        for i, (_cat, text, filters) in enumerate(prepared):
            if hits[i] is None:
                timings[i].append(1000 * timeout_s)
            else:
                timings[i].append(timed(text, filters)[0])
    # How many rows the slowest queries match (what their cost grows with); untimed.
    matches: list[int | None] = [None] * len(prepared)
    slowest = sorted(range(len(prepared)), key=lambda i: -statistics.median(timings[i]))
    for i in slowest[:SLOWEST_SHOWN]:
        _cat, text, filters = prepared[i]
        with contextlib.suppress(OperationalError):
            matches[i] = _match_count(text, filters)
    size = 0
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT pg_database_size(current_database())")
            size = int(cur.fetchone()[0])
        else:
            cur.execute("PRAGMA page_count")
            pages = int(cur.fetchone()[0])
            cur.execute("PRAGMA page_size")
            size = pages * int(cur.fetchone()[0])
    return {
        "queries": [
            {"category": cat, "query": text, "spec": spec, "hits": h, "matches": m, "ms": t}
            for (cat, text, spec), h, m, t in zip(QUERIES, hits, matches, timings, strict=True)
        ],
        "db_bytes": size,
        "newest": newest.isoformat(),
        "timeout_ms": 1000 * timeout_s if connection.vendor == "postgresql" else None,
    }


def worker_main(args: argparse.Namespace) -> int:
    var_dir = tempfile.mkdtemp(prefix="ttcs-bench-search-")
    pool = None
    try:
        os.environ["TTCS_TRAIN_INITIAL_SENTIMENT_MODEL"] = "0"  # search needs no model
        url = args.database_url or f"sqlite:///{var_dir}/bench.sqlite3"
        setup_django(url, var_dir)
        from django.db import connections

        # The generator processes fork with Django ready but no connection open.
        connections.close_all()
        pool = multiprocessing.Pool(args.jobs) if args.jobs > 1 else None
        loaded = load(url, args.n, args.load_budget, args.jobs, pool)
        if pool is not None:
            pool.close()
            pool = None
        print("  measuring …", file=sys.stderr, flush=True)
        result = {**loaded, **measure(args.rounds, args.timeout)}
    finally:
        if pool is not None:
            pool.terminate()
        shutil.rmtree(var_dir, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))
    return 0


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _spec_text(spec: dict[str, Any]) -> str:
    parts = []
    for key, value in spec.items():
        if key == "days":
            parts.append(f"last {value} d")
        elif key == "window":
            parts.append(f"{value[0]}–{value[1]} d ago")
        else:
            parts.append(f"{key}={value}")
    return ", ".join(parts)


COST_REASON = {
    "sqlite": "filters that leave few of the newest matches make FTS5 walk further back",
    "postgresql": "phrase queries re-check word positions in the stored vector (kept out of "
    "line, in TOAST) of every row of the window that holds all the phrase's words",
}


def report(backend: str, requested: int, r: dict[str, Any], rounds: int, quick: bool) -> str:
    names = {"sqlite": "SQLite FTS5", "postgresql": "PostgreSQL 15 full-text"}
    every = [ms for q in r["queries"] for ms in q["ms"]]
    p50, p95 = percentile(every, 50), percentile(every, 95)
    by_category: dict[str, list[float]] = {}
    for q in r["queries"]:
        by_category.setdefault(q["category"], []).extend(q["ms"])
    slowest = sorted(r["queries"], key=lambda q: -statistics.median(q["ms"]))[:SLOWEST_SHOWN]
    empty = [q["query"] for q in r["queries"] if q["hits"] == 0]
    cut = [q for q in r["queries"] if q["hits"] is None]
    reached = r["loaded"]
    bound = "≥ " if cut else ""
    lines = [
        header_line(),
        "",
        f"**{names[backend]}, {fmt_int(reached)} items** (requested {fmt_int(requested)}"
        + (f"; {r['stopped']}" if r["stopped"] else "")
        + f"). Bulk load {r['load_seconds']:.0f} s"
        + (f" with {r['jobs']} generator processes" if r["jobs"] > 1 else "")
        + (f", index build and ANALYZE {r['index_seconds']:.0f} s" if r["index_seconds"] else "")
        + f"; database {r['db_bytes'] / 2**30:.2f} GiB. {len(r['queries'])} queries × {rounds} "
        f"rounds after one warm-up round, `search(query, filters, limit=20)` timed whole.",
    ]
    if cut:
        lines += [
            "",
            f"{len(cut)} of {len(r['queries'])} queries hit the {r['timeout_ms'] / 1000:.0f} s "
            "statement timeout in the warm-up round and count as that limit in every round: "
            "the percentiles below are lower bounds.",
        ]
    lines += [
        "",
        f"| all | p50 **{bound}{p50:.1f} ms** | p95 **{bound}{p95:.1f} ms** | "
        f"max {bound}{max(every):.1f} ms |",
        "|---|---|---|---|",
    ]
    for category, values in by_category.items():
        lines.append(
            f"| {category} | p50 {percentile(values, 50):.1f} ms | "
            f"p95 {percentile(values, 95):.1f} ms | max {max(values):.1f} ms |"
        )
    lines += ["", "Slowest queries (median; rows matching the query and filters):", ""]
    per_row = []
    for q in slowest:
        spec = _spec_text(q["spec"])
        median = statistics.median(q["ms"])
        matched = "?" if q["matches"] is None else fmt_int(q["matches"])
        timed_out = q["hits"] is None
        if q["matches"] and not timed_out:
            per_row.append(1000 * median / q["matches"])
        lines.append(
            f"- `{q['query']}`"
            + (f" [{spec}]" if spec else "")
            + f": {'≥ ' if timed_out else ''}{median:.0f} ms; {matched} matching rows"
        )
    if empty:
        lines += ["", "Queries with no hit: " + ", ".join(f"`{q}`" for q in empty) + "."]
    cost = (
        f" — about {statistics.median(per_row):.1f} µs per matching row, as {COST_REASON[backend]}"
        if per_row
        else f" — {COST_REASON[backend]}"
    )
    if p95 <= TARGET_P95_MS and reached >= requested:
        verdict = "**met**"
    elif p95 <= TARGET_P95_MS:
        verdict = f"**not met** — p95 {p95:.0f} ms, but only at {fmt_int(reached)} items"
    else:
        verdict = (
            f"**not met** — p95 {bound}{p95:.0f} ms; latency grows with the number of matching "
            f"rows{cost}"
        )
    lines += [
        "",
        f"Target: p95 ≤ {TARGET_P95_MS:.0f} ms at {fmt_int(requested)} items: {verdict}.",
    ]
    if quick:
        lines += ["", "(quick run)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark monitoring search latency.")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--sqlite-n", type=int, default=100_000)
    parser.add_argument("--pg-n", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="10k / 50k items, nothing written")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds on SQLite")
    parser.add_argument("--pg-rounds", type=int, default=2, help="timed rounds on PostgreSQL")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="PostgreSQL statement_timeout, seconds"
    )
    parser.add_argument("--jobs", type=int, default=2, help="generator processes for the load")
    parser.add_argument("--load-budget", type=float, default=900.0, help="seconds")
    parser.add_argument("--pg-trgm", action="store_true", help="also rebuild the trigram index")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker_main(args)
    write = not (args.quick or args.no_write)
    if args.pg_trgm:
        os.environ["BENCH_PG_TRGM"] = "1"
    script = Path(__file__).resolve()
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        n = (
            (10_000 if backend == "sqlite" else 50_000)
            if args.quick
            else (args.sqlite_n if backend == "sqlite" else args.pg_n)
        )
        rounds = args.rounds if backend == "sqlite" else args.pg_rounds
        common = [
            "--n",
            str(n),
            "--rounds",
            str(rounds),
            "--timeout",
            str(args.timeout),
            "--jobs",
            str(args.jobs),
            "--load-budget",
            str(args.load_budget),
        ]
        print(f"[{backend}] loading {n} items …", file=sys.stderr, flush=True)
        if backend == "sqlite":
            result = run_worker(script, common, timeout=3 * 3600)
        else:
            if reason := pg_available():
                print(reason, file=sys.stderr)
                if write:
                    update_marked_section(
                        SECTION, TITLE, backend, f"{header_line()}\n\nNot measured — {reason}."
                    )
                continue
            with pg_database(f"ttcs_bench_{os.getpid()}_search") as url:
                result = run_worker(script, [*common, "--database-url", url], timeout=3 * 3600)
        body = report(backend, n, result, rounds, args.quick)
        print(body)
        if write:
            update_marked_section(SECTION, TITLE, backend, body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
