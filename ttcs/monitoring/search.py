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
    # The user's query only ever travels as a bound parameter; the SQL around it is constant.
    if connection.vendor == "postgresql":
        expr = q.to_tsquery(parsed)
        tsv = "monitoring_article.search_tsv"  # stored, see migration 0003
        return (
            base.annotate(
                rank=RawSQL(f"ts_rank_cd({tsv}, to_tsquery('simple', %s))", (expr,))  # noqa: S611
            )
            .extra(where=[f"{tsv} @@ to_tsquery('simple', %s)"], params=[expr])  # noqa: S610
            .order_by("-rank", "-published_at")
        )
    expr = q.to_fts5(parsed)
    return base.extra(
        tables=["monitoring_article_fts"],
        where=[
            "monitoring_article_fts.rowid = monitoring_article.id",
            "monitoring_article_fts MATCH %s",
        ],
        params=[expr],
        select={"rank": "-bm25(monitoring_article_fts)"},
    ).order_by("-rank", "-published_at")


def search(
    text: str,
    *,
    base: ArticleQuerySet | None = None,
    filters: Filters | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Hit]:
    """Best matches first. Raises ``query.QueryError`` for an empty query."""
    parsed = q.parse(text)
    qs = (filters or Filters()).apply(base if base is not None else Article.objects.all())
    pool_size = max(RERANK_POOL, offset + limit)
    if connection.vendor == "sqlite":
        pool = _sqlite_pool(qs, parsed, pool_size)
    elif connection.vendor == "postgresql":
        pool = _recent_pool(qs, parsed, pool_size, filters or Filters())
    else:
        pool = None
    if pool is None:
        pool = _full_pool(qs, parsed, pool_size)
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
    "tier",
    "story_id",
)
FTS_CANDIDATES = 2000


def _full_pool(qs: ArticleQuerySet, parsed: q.Query, pool_size: int) -> list[Article]:
    return list(_matching(qs, parsed).only(*FIELDS)[:pool_size])


def _sqlite_pool(qs: ArticleQuerySet, parsed: q.Query, pool_size: int) -> list[Article] | None:
    """Best-ranked candidates from FTS5 alone (bm25 in C, no join), then the filters on those
    ids. None when the filters leave too few of them and more matches exist: the caller then
    runs the full join."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, -rank FROM monitoring_article_fts WHERE monitoring_article_fts "
            "MATCH %s ORDER BY rank LIMIT %s",
            [q.to_fts5(parsed), FTS_CANDIDATES],
        )
        ranked = cursor.fetchall()
    allowed = set(qs.filter(pk__in=[pk for pk, _r in ranked]).values_list("pk", flat=True))
    if len(allowed) < pool_size and len(ranked) == FTS_CANDIDATES:
        return None
    best = [(int(pk), float(r)) for pk, r in ranked if pk in allowed][:pool_size]
    rows = Article.objects.only(*FIELDS).in_bulk([pk for pk, _r in best])
    pool = []
    for pk, rank in best:
        article = rows[pk]
        article.rank = rank  # type: ignore[attr-defined]
        pool.append(article)
    return pool


# Windows (days back from the newest article) that PostgreSQL's ranking pool is drawn from.
RECENT_WINDOWS = (7, 30, 182)


def _recent_pool(
    qs: ArticleQuerySet, parsed: q.Query, pool_size: int, filters: Filters
) -> list[Article] | None:
    """The best-ranked ``pool_size`` matches of the newest window holding that many, or None
    when no window does (the caller then ranks every match).

    PostgreSQL ranks from each matching row's stored vector, so ranking every match of a broad
    query in a large archive costs seconds; the newest week, month or half-year with enough
    matches bounds that work, and those are the news a monitoring office looks for first. A
    query with fewer matches than the pool is ranked over the whole archive."""
    from django.db.models import Max

    newest = Article.objects.aggregate(m=Max("published_at"))["m"]
    if newest is None:
        return []
    if filters.until and filters.until < newest:
        newest = filters.until
    for days in RECENT_WINDOWS:
        since = newest - dt.timedelta(days=days)
        if filters.since and filters.since >= since:
            return None  # the user's own time filter is narrower than this window
        pool = _full_pool(qs.filter(published_at__gte=since), parsed, pool_size)
        if len(pool) >= pool_size:
            return pool
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


def count(text: str, *, base: ArticleQuerySet | None = None, filters: Filters | None = None) -> int:
    parsed = q.parse(text)
    qs = (filters or Filters()).apply(base if base is not None else Article.objects.all())
    return _matching(qs, parsed).order_by().count()


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
    ids = list(_matching(qs, parsed).order_by("-published_at").values_list("id", flat=True))
    for i in range(0, len(ids), chunk):
        batch = Article.objects.in_bulk(ids[i : i + chunk])
        for pk in ids[i : i + chunk]:
            if pk in batch:
                yield batch[pk]
