"""Ingest: store, deduplicate, enrich and index items, in batches, at the database edge.

Layers of deduplication: (1) the same canonical URL is stored once (``Article.url_hash`` is
unique, so a repeated or retried batch adds nothing); (2) same-source headline repeats and
(3) near-duplicates across sources are grouped into a ``Story`` by the pipeline's
``StoryClusterer``, which is rebuilt from stored fingerprints so later runs cluster against
earlier ones. Nothing is deleted: copies stay, grouped, and their count is the reach signal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from ttcs.monitoring.models import Article, Source, Story, Tier
from ttcs.monitoring.pipeline.classify import Enricher, SentimentModel
from ttcs.monitoring.pipeline.dedup import Fingerprint, StoryClusterer
from ttcs.monitoring.pipeline.items import Item
from ttcs.monitoring.search import build_tags

log = logging.getLogger("ttcs.monitoring.ingest")

TIER_RANK: dict[str, int] = {
    Tier.NATIONAL_PRESS: 4,
    Tier.OFFICIAL: 3,
    Tier.LOCAL_PRESS: 2,
    Tier.SOCIAL: 1,
    Tier.OTHER: 0,
}
CLUSTER_WINDOW = dt.timedelta(days=30)
BATCH = 500
_ADVISORY_LOCK = 7_070_707  # one ingest writer at a time on PostgreSQL


@dataclass
class IngestSummary:
    items: int = 0
    new: int = 0
    duplicates: int = 0
    stories: int = 0
    new_article_ids: list[int] = field(default_factory=list)

    def as_contract(self, seconds: float) -> dict[str, Any]:
        return {
            "items": self.items,
            "new": self.new,
            "duplicates": self.duplicates,
            "stories": self.stories,
            "seconds": round(seconds, 3),
        }


class _ClusterCache:
    """The process's clusterer, kept in step with the database by an article-id watermark."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.clusterer = StoryClusterer()
        self.watermark = 0
        self.db_alias = ""
        self.window_start: dt.datetime | None = None

    def sync(self) -> StoryClusterer:
        alias = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
        newest = Article.objects.aggregate(m=Max("published_at"))["m"]
        since = (newest or timezone.now()) - CLUSTER_WINDOW
        stale = self.window_start is not None and since - self.window_start > CLUSTER_WINDOW
        if (
            stale
            or alias != self.db_alias
            or not Article.objects.filter(pk__lte=self.watermark).exists()
        ):
            # A different or emptied database (tests, a fresh install), or a clusterer holding
            # more than two windows of news: start over from the last window, so memory stays
            # bounded by the window, not by the history.
            self.clusterer, self.watermark, self.db_alias = StoryClusterer(), 0, alias
            self.window_start = since
        rows = (
            Article.objects.filter(pk__gt=self.watermark, published_at__gte=since)
            .order_by("pk")
            .values_list(
                "pk", "url_hash", "source_name", "published_at", "fingerprint", "signature"
            )
        )
        for pk, url_hash, source_name, published_at, fp, signature in rows.iterator(2000):
            if signature and fp:
                self.clusterer.add_fingerprint(
                    Fingerprint(
                        item_id=url_hash,
                        source=source_name.strip().lower(),
                        published_at=published_at,
                        url_key=fp.get("url_key", ""),
                        content_key=fp.get("content_key", ""),
                        title_key=fp.get("title_key", ""),
                        title_words=int(fp.get("title_words", 0)),
                        n_shingles=int(fp.get("n_shingles", 0)),
                        signature=np.frombuffer(bytes(signature), dtype=np.uint32),
                    )
                )
            self.watermark = max(self.watermark, pk)
        return self.clusterer


_CACHE = _ClusterCache()
_ENRICHER: Enricher | None = None


def enricher() -> Enricher:
    """One enricher per process, with the active trained sentiment model when there is one."""
    global _ENRICHER
    if _ENRICHER is None:
        from ttcs.monitoring.sentiment import active_sentiment_model

        _ENRICHER = Enricher(sentiment=active_sentiment_model())
    return _ENRICHER


def reset_enricher() -> None:
    global _ENRICHER
    _ENRICHER = None


class _BatchSentiment:
    """A trained model's labels for a whole batch, predicted in one call.

    Called once per item, a scikit-learn pipeline spends most of its time in per-call overhead
    (validation, feature-union dispatch); one call per batch gives the same labels, since each
    row is predicted independently, about three times faster.
    """

    def __init__(self, model: SentimentModel, documents: Sequence[tuple[str, str]]) -> None:
        self.model = model
        self.name = model.name
        self.labels = dict(zip(documents, model.predict(list(documents)), strict=True))

    def predict(self, documents: Sequence[tuple[str, str]]) -> list[str]:
        missing = [d for d in documents if d not in self.labels]
        if missing:
            self.labels.update(zip(missing, self.model.predict(missing), strict=True))
        return [self.labels[d] for d in documents]


def _batch_enricher(enrich: Enricher, items: Sequence[Item]) -> Enricher:
    """``enrich`` itself with the lexicon; with a trained model, one that predicts per batch."""
    if enrich.sentiment_model is enrich.lexicon:
        return enrich
    batch = Enricher(
        sentiment=_BatchSentiment(enrich.sentiment_model, [(i.title, i.text) for i in items]),
        topics=enrich.topics,
    )
    batch.lexicon = enrich.lexicon
    return batch


def _key(item: Item) -> str:
    # The canonical URL identifies an item; without one, its content does.
    if item.url_key:
        return item.url_key
    import hashlib

    content = f"{item.source}\n{item.folded_title}\n{item.folded_text}".encode()
    return "c" + hashlib.sha256(content).hexdigest()[:39]


def _to_item(raw: dict[str, Any] | Item) -> Item:
    if isinstance(raw, Item):
        return raw
    from ttcs.monitoring.pipeline.items import item_from_dict

    return item_from_dict(raw)


def ingest_items(
    items: Iterable[dict[str, Any] | Item],
    *,
    source: Source | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Store new items in batches; each batch commits or rolls back as a whole, so a worker
    killed mid-run loses at most the batch in flight and a rerun neither loses nor duplicates."""
    summary = IngestSummary()
    batch: list[Item] = []
    for raw in items:
        batch.append(_to_item(raw))
        if len(batch) >= BATCH:
            _ingest_batch(batch, source, summary)
            if progress:
                progress(summary.items)
            batch = []
    if batch:
        _ingest_batch(batch, source, summary)
        if progress:
            progress(summary.items)
    return summary


def _ingest_batch(items: list[Item], source: Source | None, summary: IngestSummary) -> None:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
        with _CACHE.lock:
            _store(items, source, summary)


def _store(items: list[Item], source: Source | None, summary: IngestSummary) -> None:
    clusterer = _CACHE.sync()
    summary.items += len(items)
    keyed: dict[str, Item] = {}
    for item in items:
        keyed.setdefault(_key(item), item)
    known = set(Article.objects.filter(url_hash__in=list(keyed)).values_list("url_hash", flat=True))
    fresh = [(k, it) for k, it in keyed.items() if k not in known]
    summary.duplicates += len(items) - len(fresh)
    if not fresh:
        return
    fresh.sort(key=lambda pair: (pair[1].published_at or timezone.now(), pair[0]))
    enrich = enricher()
    by_model = enrich.sentiment_model is not enrich.lexicon
    batch_enrich = _batch_enricher(enrich, [item for _k, item in fresh])
    now = timezone.now()
    tiers = set(Tier.values)  # the enum builds a new list on every access
    rows: list[tuple[Article, str]] = []
    for key, item in fresh:
        # The item is already normalised and folded: only its id changes to the storage key.
        keyed_item = dataclasses.replace(item, id=key)
        fp = clusterer.fingerprint(keyed_item)
        clusterer.add_fingerprint(fp)
        result = batch_enrich.classify(item.title, item.text)
        tier = item.tier if item.tier in tiers else (source.tier if source else Tier.OTHER)
        article = Article(
            source=source,
            owner_agency_id=source.owner_agency_id if source else None,
            source_name=(item.source or (source.name if source else ""))[:200],
            tier=tier,
            external_id=str(item.output_id)[:200],
            url=(item.canonical_url or item.url)[:2000],
            url_hash=key,
            title=item.title[:500] or "(không tiêu đề)",
            text=item.text,
            published_at=item.published_at or now,
            fetched_at=now,
            search_text=f"{keyed_item.folded_title}\n{keyed_item.folded_text}",
            signature=fp.signature_bytes(),
            fingerprint={
                "url_key": fp.url_key,
                "content_key": fp.content_key,
                "title_key": fp.title_key,
                "title_words": fp.title_words,
                "n_shingles": fp.n_shingles,
            },
            sentiment=result.sentiment,
            sentiment_by="model" if by_model else "lexicon",
            topics=result.topics,
            localities=result.localities,
            provinces=result.provinces,
            agencies=result.agencies,
            tags=build_tags(
                topics=result.topics,
                localities=result.localities,
                agencies=result.agencies,
                sentiment=result.sentiment,
                tier=tier,
            ),
        )
        rows.append((article, key))
    # Stories: the clusterer's root key names the story; create the missing ones.
    root_of = {key: clusterer.story_of(key) for _a, key in rows}
    stories = Story.objects.in_bulk(set(root_of.values()), field_name="key")
    created: dict[str, Story] = {}
    for article, key in rows:
        root = root_of[key]
        if root not in stories and root not in created:
            created[root] = Story(
                key=root,
                title=article.title,
                first_seen_at=article.published_at,
                last_seen_at=article.published_at,
                top_tier=article.tier,
                sentiment=article.sentiment,
            )
    # One INSERT for the batch's new stories (both backends return their primary keys).
    stories.update({s.key: s for s in Story.objects.bulk_create(list(created.values()))})
    for article, key in rows:
        article.story = stories[root_of[key]]
    Article.objects.bulk_create([a for a, _k in rows])
    summary.new += len(rows)
    summary.stories += len(created)
    summary.new_article_ids.extend(
        Article.objects.filter(url_hash__in=[k for _a, k in rows]).values_list("pk", flat=True)
    )
    _merge_bridged_stories(clusterer, {s.pk for s in stories.values()})
    _refresh_stories({s.pk for s in stories.values()})


def _merge_bridged_stories(clusterer: StoryClusterer, story_ids: set[int]) -> None:
    """A new item can join two earlier stories; their articles then move to the older story."""
    for story in Story.objects.filter(pk__in=story_ids):
        root = clusterer.story_of(story.key) if story.key in clusterer else story.key
        if root != story.key:
            target = Story.objects.filter(key=root).first()
            if target is not None:
                Article.objects.filter(story=story).update(story=target)
                story.delete()
                story_ids.add(target.pk)


def _refresh_stories(story_ids: set[int]) -> None:
    # The articles of all the batch's stories in one query, rather than one query per story.
    articles: dict[int, list[tuple[dt.datetime, str, str, str]]] = {}
    sources: dict[int, set[str]] = {}
    for story_id, published_at, tier, sentiment, title, source_name in (
        Article.objects.filter(story_id__in=story_ids)
        .order_by("story_id", "published_at", "pk")
        .values_list("story_id", "published_at", "tier", "sentiment", "title", "source_name")
    ):
        articles.setdefault(story_id, []).append((published_at, tier, sentiment, title))
        sources.setdefault(story_id, set()).add(source_name)
    for story_id in Story.objects.filter(pk__in=story_ids).values_list("pk", flat=True):
        arts = articles.get(story_id)
        if not arts:
            continue
        first, last = arts[0][0], arts[-1][0]
        tiers = [a[1] for a in arts]
        sentiments = [a[2] for a in arts]
        top = max(tiers, key=lambda t: TIER_RANK.get(t, 0))
        neg, pos = sentiments.count("negative"), sentiments.count("positive")
        sentiment = (
            "mixed"
            if neg and pos and min(neg, pos) * 3 >= max(neg, pos)
            else max(set(sentiments), key=sentiments.count)
        )
        # Rising: copied by 3+ sources within 6 hours, or reached a national outlet quickly.
        within = [a for a in arts if a[0] - first <= dt.timedelta(hours=6)]
        rising = (len({a[1] for a in within}) >= 2 and len(within) >= 3) or (
            top == Tier.NATIONAL_PRESS and len(arts) >= 2 and tiers[0] != Tier.NATIONAL_PRESS
        )
        Story.objects.filter(pk=story_id).update(
            title=arts[0][3],
            first_seen_at=first,
            last_seen_at=last,
            article_count=len(arts),
            source_count=len(sources[story_id]),
            top_tier=top,
            sentiment=sentiment,
            rising=rising,
        )


def reset_cluster_cache() -> None:
    """Forget the process's clusterer (after deleting articles, in tests)."""
    global _CACHE
    _CACHE = _ClusterCache()
