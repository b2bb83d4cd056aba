"""One search interface over both backends: SQLite FTS5 (embedded) and PostgreSQL full-text
(production), on the folded ``Article.search_text``; then an accent-aware re-rank."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models.expressions import RawSQL

from ttcs.monitoring import query as q
from ttcs.monitoring.models import Article, ArticleQuerySet

RERANK_POOL = 200


@dataclass
class Filters:
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    source_ids: list[int] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    sentiments: list[str] = field(default_factory=list)
    topic: str = ""
    locality: str = ""
    agency: str = ""

    def apply(self, qs: ArticleQuerySet) -> ArticleQuerySet:
        if self.since:
            qs = qs.filter(published_at__gte=self.since)
        if self.until:
            qs = qs.filter(published_at__lt=self.until)
        if self.source_ids:
            qs = qs.filter(source_id__in=self.source_ids)
        if self.tiers:
            qs = qs.filter(tier__in=self.tiers)
        if self.sentiments:
            qs = qs.filter(sentiment__in=self.sentiments)
        for prefix, value in (
            ("topic", self.topic),
            ("locality", self.locality),
            ("agency", self.agency),
        ):
            if value:
                qs = qs.filter(tags__contains=f" {prefix}:{tag_value(value)} ")
        return qs


def tag_value(value: str) -> str:
    """The folded, underscore-joined form used in ``Article.tags``."""
    from ttcs.core.text import fold_lower

    return "_".join(fold_lower(value).split())


def build_tags(
    *, topics: list[str], localities: list[str], agencies: list[str], sentiment: str, tier: str
) -> str:
    parts = [f"topic:{tag_value(t)}" for t in topics]
    parts += [f"locality:{tag_value(x)}" for x in localities]
    parts += [f"agency:{tag_value(a)}" for a in agencies]
    parts += [f"sentiment:{sentiment}", f"tier:{tier}"]
    return " " + " ".join(parts) + " "


@dataclass
class Hit:
    article: Article
    score: float
    snippet: str


def _matching(base: ArticleQuerySet, parsed: q.Query) -> Any:
    """Every matching article, annotated with the backend's rank, best first."""
    # The user's query only ever travels as a bound parameter; the SQL around it is constant.
    if connection.vendor == "postgresql":
        expr = q.to_tsquery(parsed)
        ranked = _pg_matching(base, expr).annotate(rank=_pg_rank(expr))
        return ranked.order_by("-rank", "-published_at")
    return base.extra(
        tables=["monitoring_article_fts"],
        where=[
            "monitoring_article_fts.rowid = monitoring_article.id",
            "monitoring_article_fts MATCH %s",
        ],
        params=[q.to_fts5(parsed)],
        select={"rank": "-bm25(monitoring_article_fts)"},
    ).order_by("-rank", "-published_at")


_PG_VECTOR = "monitoring_article.search_tsv"  # stored, see migration 0003


def _pg_matching(base: ArticleQuerySet, expr: str) -> Any:
    return base.extra(where=[f"{_PG_VECTOR} @@ to_tsquery('simple', %s)"], params=[expr])  # noqa: S610


def _pg_rank(expr: str) -> RawSQL:
    return RawSQL(f"ts_rank_cd({_PG_VECTOR}, to_tsquery('simple', %s))", (expr,))  # noqa: S611


def search(
    text: str,
    *,
    base: ArticleQuerySet | None = None,
    filters: Filters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """Best matches first. Raises ``query.QueryError`` for an empty query.

    Ranking every match of a broad query in a large archive costs seconds on either backend, so
    when a query (with its filters) matches more than ``CANDIDATES`` articles, only the newest
    of them are ranked: those are the news an office looks for first. A query with fewer
    matches is ranked over the whole archive.
    """
    parsed = q.parse(text)
    filters = filters or Filters()
    qs = filters.apply(base if base is not None else Article.objects.all())
    pool_size = max(RERANK_POOL, offset + limit)
    if connection.vendor == "postgresql":
        ranked = _pg_candidates(qs, parsed, filters, pool_size)
    elif connection.vendor == "sqlite":
        unfiltered = base is None and filters == Filters()
        ranked = _sqlite_candidates(qs, parsed, filters, pool_size, unfiltered=unfiltered)
    else:
        ranked = None
    if ranked is None:
        pool = list(_matching(qs, parsed).only(*FIELDS)[:pool_size])
    else:
        ranked.sort(key=lambda pair: -pair[1])
        best = ranked[:pool_size]
        rows = Article.objects.only(*FIELDS).in_bulk([pk for pk, _r in best])
        pool = []
        for pk, rank in best:
            article = rows[pk]
            article.rank = rank  # type: ignore[attr-defined]
            pool.append(article)
    if not pool:
        return []
    return _score(parsed, pool, offset, limit)


FIELDS = (
    "id",
    "title",
    "text",
    "url",
    "published_at",
    "external_id",
    "source_name",
    "sentiment",
    "sentiment_by",
    "tier",
    "story_id",
)
# How many of the newest matches are ranked when a query matches more.
CANDIDATES = 2000
# SQLite walks matches newest first, a page at a time, for at most this many pages.
SQLITE_MAX_PAGES = 10
# PostgreSQL looks for the newest matches in these windows (days back from the newest article).
RECENT_WINDOWS = (1, 7, 30, 182)


def _sqlite_candidates(
    qs: ArticleQuerySet, parsed: q.Query, filters: Filters, pool_size: int, *, unfiltered: bool
) -> list[tuple[int, float]] | None:
    """(id, bm25) of the newest matches that pass the filters: FTS5 walks the matches newest
    first (by id, which follows arrival) and scores only those it visits, a page at a time,
    until ``pool_size`` pass the filters or the matches run out. None when that takes more than
    ``SQLITE_MAX_PAGES`` pages (very selective filters): the caller then runs the full join."""
    from django.db.models import Min

    base_sql = "FROM monitoring_article_fts WHERE monitoring_article_fts MATCH %s"
    params: list[Any] = [q.to_fts5(parsed)]
    if filters.since:
        first = Article.objects.filter(published_at__gte=filters.since).aggregate(m=Min("id"))["m"]
        if first is None:
            return []
        base_sql += " AND rowid >= %s"
        params.append(first)
    found: list[tuple[int, float]] = []
    before: int | None = None
    for _page in range(SQLITE_MAX_PAGES):
        sql, page_params = base_sql, list(params)
        if before is not None:
            sql += " AND rowid < %s"
            page_params.append(before)
        sql += " ORDER BY rowid DESC LIMIT %s"
        page_params.append(CANDIDATES)
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, -bm25(monitoring_article_fts) " + sql, page_params)
            page = cursor.fetchall()
        if unfiltered:
            found += [(int(pk), float(r)) for pk, r in page]
        else:
            # The page again as a subquery (no scoring): the filters run inside SQLite.
            ids = RawSQL("SELECT rowid " + sql, page_params)  # noqa: S611 - constant SQL
            allowed = set(qs.filter(pk__in=ids).values_list("pk", flat=True))
            found += [(int(pk), float(r)) for pk, r in page if pk in allowed]
        if len(found) >= pool_size or len(page) < CANDIDATES:
            return found
        before = page[-1][0]
    return None


def _pg_candidates(
    qs: ArticleQuerySet, parsed: q.Query, filters: Filters, pool_size: int
) -> list[tuple[int, float]] | None:
    """(id, ts_rank_cd) of the newest ``CANDIDATES`` matches: the first window (a day, a week,
    a month, half a year back from the newest article) with ``pool_size`` matches supplies them,
    so the GIN index and the ``published_at`` index meet in a small bitmap. None when no window
    has that many: the caller ranks every match."""
    from django.db.models import Max

    expr = q.to_tsquery(parsed)
    newest = Article.objects.aggregate(m=Max("published_at"))["m"]
    if newest is None:
        return []
    if filters.until and filters.until < newest:
        newest = filters.until
    for days in RECENT_WINDOWS:
        since = newest - dt.timedelta(days=days)
        if filters.since and filters.since >= since:
            return None  # the user's own time filter is narrower than this window
        # No ORDER BY or LIMIT here: with them PostgreSQL walks the published_at index and
        # tests every row of the window against its stored vector; without, the GIN and
        # published_at indexes meet in a bitmap. The window holds few enough matches to sort.
        rows = list(
            _pg_matching(qs.filter(published_at__gte=since), expr).values_list("pk", "published_at")
        )
        if len(rows) >= pool_size:
            rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
            ids = [pk for pk, _at in rows[:CANDIDATES]]
            ranks = Article.objects.filter(pk__in=ids).annotate(rank=_pg_rank(expr))
            return [(int(pk), float(r)) for pk, r in ranks.values_list("pk", "rank")]
    return None


def _score(parsed: q.Query, pool: list[Article], offset: int, limit: int) -> list[Hit]:
    top = max(float(getattr(a, "rank", 0.0)) for a in pool) or 1.0
    scored = []
    for article in pool:
        base_score = float(getattr(article, "rank", 0.0)) / top
        bonus = q.accent_bonus(parsed, article.title, article.text)
        scored.append((round(base_score + bonus, 6), article))
    scored.sort(key=lambda pair: (-pair[0], -pair[1].published_at.timestamp(), pair[1].pk))
    return [
        Hit(article=a, score=s, snippet=q.highlight(a.text, parsed))
        for s, a in scored[offset : offset + limit]
    ]


def _unranked(qs: ArticleQuerySet, parsed: q.Query) -> Any:
    """Every match, without a rank to compute (PostgreSQL would rank each row for nothing)."""
    if connection.vendor == "postgresql":
        return _pg_matching(qs, q.to_tsquery(parsed))
    return _matching(qs, parsed).order_by()


def count(text: str, *, base: ArticleQuerySet | None = None, filters: Filters | None = None) -> int:
    parsed = q.parse(text)
    qs = (filters or Filters()).apply(base if base is not None else Article.objects.all())
    return int(_unranked(qs, parsed).count())


def iter_all(
    text: str,
    *,
    base: ArticleQuerySet | None = None,
    filters: Filters | None = None,
    chunk: int = 2000,
) -> Iterator[Article]:
    """Every matching article (for export), newest first, in bounded memory."""
    parsed = q.parse(text)
    qs = (filters or Filters()).apply(base if base is not None else Article.objects.all())
    ids = list(_unranked(qs, parsed).order_by("-published_at").values_list("id", flat=True))
    for i in range(0, len(ids), chunk):
        batch = Article.objects.in_bulk(ids[i : i + chunk])
        for pk in ids[i : i + chunk]:
            if pk in batch:
                yield batch[pk]
