"""Trained sentiment models: retrain from officers' labels (plus the bundled labelled set),
keep every version, and use one only while it beats the lexicon on held-out labels."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from ttcs.core import audit
from ttcs.monitoring.models import SentimentLabel, SentimentModelVersion
from ttcs.monitoring.pipeline import model as ml
from ttcs.monitoring.pipeline.classify import default_lexicon

BUNDLED_LABELS = Path(settings.BASE_DIR) / "tests" / "data" / "sentiment" / "headlines.jsonl"
HELD_OUT_SHARE = 0.25


@dataclass(frozen=True)
class RetrainResult:
    version: SentimentModelVersion
    activated: bool
    model_metrics: dict[str, float]
    lexicon_metrics: dict[str, float]


def labelled_examples(*, include_bundled: bool = True) -> list[ml.LabelledExample]:
    """Officers' latest label per article, plus the bundled hand-labelled set."""
    examples: list[ml.LabelledExample] = []
    seen: set[int] = set()
    for label in SentimentLabel.objects.select_related("article").order_by("-labelled_at"):
        if label.article_id in seen:
            continue
        seen.add(label.article_id)
        examples.append(
            ml.LabelledExample(label.article.title, label.article.text[:2000], label.label)
        )
    if include_bundled and BUNDLED_LABELS.exists():
        examples.extend(ml.read_labelled(BUNDLED_LABELS))
    return examples


def models_dir() -> Path:
    path = ml.active_model_path().parent
    path.mkdir(parents=True, exist_ok=True)
    return path


@transaction.atomic
def retrain(*, acting_user: Any | None = None, seed: int = 0) -> RetrainResult:
    """Train a new version on a shuffled split; activate it only if its held-out macro-F1 beats
    the lexicon's on the same examples. Raises ValueError (Vietnamese) with too few labels."""
    examples = labelled_examples()
    if len(examples) < 40:
        raise ValueError("Cần ít nhất 40 tin đã gán nhãn để huấn luyện mô hình.")
    rng = random.Random(seed)  # noqa: S311  (a reproducible split, not a secret)
    shuffled = examples[:]
    rng.shuffle(shuffled)
    cut = int(len(shuffled) * (1 - HELD_OUT_SHARE))
    train, held_out = shuffled[:cut], shuffled[cut:]
    model = ml.train(train, seed=seed)
    model_metrics = ml.evaluate(model, held_out)
    lexicon_metrics = ml.evaluate(default_lexicon(), held_out)
    last = SentimentModelVersion.objects.order_by("-version").first()
    number = (last.version + 1) if last else 1
    path = models_dir() / f"sentiment-v{number}.joblib"
    ml.save(model, path)
    better = model_metrics["macro_f1"] > lexicon_metrics["macro_f1"]
    if better:
        SentimentModelVersion.objects.filter(active=True).update(active=False)
        # The database-free commands (ttcs monitor classify) load the installed copy.
        ml.save(model, ml.active_model_path())
    version = SentimentModelVersion.objects.create(
        version=number,
        path=str(path),
        train_size=len(train),
        metrics=model_metrics,
        lexicon_metrics=lexicon_metrics,
        active=better,
    )
    audit.record(
        "sentiment.retrained",
        actor=acting_user,
        obj=version,
        activated=better,
        macro_f1=model_metrics["macro_f1"],
        lexicon_macro_f1=lexicon_metrics["macro_f1"],
    )
    from ttcs.monitoring.ingest import reset_enricher

    transaction.on_commit(reset_enricher)
    return RetrainResult(version, better, model_metrics, lexicon_metrics)


def active_sentiment_model() -> ml.TrainedModel | None:
    """The active model, or None (the lexicon is used) when none is active or it cannot load."""
    version = SentimentModelVersion.objects.filter(active=True).first()
    if version is None:
        return None
    try:
        return ml.load(Path(version.path))
    except (OSError, ValueError):
        return None


def ensure_initial_model(**_kwargs: Any) -> None:
    """post_migrate: train the first model from the bundled labels when none exists yet."""
    if not getattr(settings, "TTCS_TRAIN_INITIAL_SENTIMENT_MODEL", True):
        return
    if SentimentModelVersion.objects.exists():
        return
    try:
        retrain()
    except ValueError:
        return
