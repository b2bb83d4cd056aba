"""The monitoring pipeline as pure functions over plain data (no Django, no database).

    read_jsonl / make_item        items.py      input lines → normalised :class:`Item`
    normalize_text, canonical_url normalize.py  Vietnamese text, URLs, Vietnam time, folding
    StoryClusterer, cluster       dedup.py      copies and syndicated versions → stories
    Enricher, LexiconSentiment    classify.py   sentiment, topics, places, agencies
    train, evaluate, save, load   model.py      a supervised sentiment model
    TrendDetector, detect         trends.py     spike and negative-surge alerts, explain, forecast

Each stage can be tested and benchmarked alone; the database layer calls them in batches.
"""

from ttcs.monitoring.pipeline.classify import (
    Classification,
    Enricher,
    LexiconSentiment,
    SentimentModel,
)
from ttcs.monitoring.pipeline.dedup import DedupConfig, Story, StoryClusterer, cluster
from ttcs.monitoring.pipeline.items import Item, LineError, item_from_dict, make_item, read_jsonl
from ttcs.monitoring.pipeline.trends import (
    Alert,
    Event,
    TrendConfig,
    TrendDetector,
    detect,
    event_keys,
)

__all__ = [
    "Alert",
    "Classification",
    "DedupConfig",
    "Enricher",
    "Event",
    "Item",
    "LexiconSentiment",
    "LineError",
    "SentimentModel",
    "Story",
    "StoryClusterer",
    "TrendConfig",
    "TrendDetector",
    "cluster",
    "detect",
    "event_keys",
    "item_from_dict",
    "make_item",
    "read_jsonl",
]
