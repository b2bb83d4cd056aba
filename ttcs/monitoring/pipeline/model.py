"""A supervised sentiment model that can replace the lexicon once enough labels exist.

TF-IDF over folded text (syllable uni- and bigrams plus character 3–4-grams, so text with and
without diacritics look the same), optionally joined by the lexicon's own scores as features,
into a logistic regression or a linear SVM. Labels come from officers' corrections and from
labelled sets such as ``tests/data/sentiment/headlines.jsonl``.

Saved models are joblib files with metadata (format version, creation date, number of examples,
metrics, algorithm); :func:`load` refuses a file of another format version.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ttcs.monitoring.pipeline.classify import LABELS, LexiconSentiment, default_lexicon
from ttcs.monitoring.pipeline.normalize import VN_TZ, fold_key, normalize_text

MODEL_FORMAT = 1


@dataclass(frozen=True, slots=True)
class LabelledExample:
    title: str
    text: str
    label: str


@dataclass
class TrainedModel:
    """A fitted scikit-learn pipeline with its metadata; usable as a ``SentimentModel``."""

    pipeline: Any
    metadata: dict[str, Any] = field(default_factory=dict)
    name: str = "tfidf"

    def predict(self, documents: Sequence[tuple[str, str]]) -> list[str]:
        """One label per (title, text) pair."""
        if not documents:
            return []
        return [str(label) for label in self.pipeline.predict(list(documents))]


# The model learns from headlines with their leads; for a full article the same region (the
# opening ~600 characters) is what it reads, which also keeps prediction cheap.
MODEL_TEXT_CHARS = 600


@lru_cache(maxsize=2048)
def lead_of(text: str) -> str:
    """The normalised opening of ``text`` that the model reads (about ``MODEL_TEXT_CHARS``).
    Cached: the vectorisers and the lexicon features read the same documents in turn."""
    return normalize_text(text[: MODEL_TEXT_CHARS * 2])[:MODEL_TEXT_CHARS]


@lru_cache(maxsize=2048)
def headline_of(title: str) -> str:
    return normalize_text(title, keep_newlines=False)


def model_text(title: str, text: str) -> str:
    """The string the vectorisers read: folded title twice (it weighs more), then the lead."""
    folded_title = fold_key(headline_of(title))
    return f"{folded_title} . {folded_title} . {fold_key(lead_of(text))}"


def _texts(documents: Sequence[tuple[str, str]]) -> list[str]:
    return [model_text(title, text) for title, text in documents]


class LexiconFeatures:
    """Scikit-learn transformer: the lexicon's positive and negative evidence as features, read
    from the same headline and lead as the vectorisers."""

    def __init__(self, lexicon: LexiconSentiment | None = None) -> None:
        self.lexicon = lexicon

    def fit(self, documents: Sequence[tuple[str, str]], y: object = None) -> LexiconFeatures:
        return self

    def transform(self, documents: Sequence[tuple[str, str]]) -> np.ndarray:
        lexicon = self.lexicon or default_lexicon()
        rows = []
        for title, text in documents:
            result = lexicon.score(headline_of(title), lead_of(text))
            p, n = result.positive, result.negative
            onehot = [float(result.label == label) for label in LABELS]
            rows.append([np.log1p(p), np.log1p(n), np.tanh(p - n), float(p > 0 and n > 0), *onehot])
        return np.asarray(rows, dtype=float)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"lexicon": self.lexicon}

    def set_params(self, **params: Any) -> LexiconFeatures:
        for key, value in params.items():
            setattr(self, key, value)
        return self


def _texts_transformer() -> Any:
    from sklearn.preprocessing import FunctionTransformer

    return FunctionTransformer(_texts)


def build_pipeline(algorithm: str = "svm", use_lexicon: bool = True, seed: int = 0) -> Any:
    """The unfitted pipeline: (title, text) pairs in, labels out."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
    from sklearn.svm import LinearSVC

    text_features = make_pipeline(
        _texts_transformer(),
        FeatureUnion(
            [
                (
                    "words",
                    TfidfVectorizer(
                        ngram_range=(1, 2),
                        min_df=1,
                        sublinear_tf=True,
                        token_pattern=r"(?u)\b\w+\b",  # noqa: S106 - a regex, not a password
                    ),
                ),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=(3, 4),
                        min_df=2,
                        sublinear_tf=True,
                        max_features=60000,
                    ),
                ),
            ]
        ),
    )
    parts: list[tuple[str, Any]] = [("text", text_features)]
    if use_lexicon:
        parts.append(("lexicon", LexiconFeatures()))
    if algorithm == "svm":
        classifier: Any = LinearSVC(C=0.5, class_weight="balanced", random_state=seed)
    elif algorithm == "logreg":
        classifier = LogisticRegression(
            C=8.0, max_iter=2000, class_weight="balanced", random_state=seed
        )
    else:
        raise ValueError(f"thuật toán không hỗ trợ: {algorithm}")
    return Pipeline([("features", FeatureUnion(parts)), ("classifier", classifier)])


def train(
    labelled: Sequence[LabelledExample],
    *,
    algorithm: str = "svm",
    use_lexicon: bool = True,
    seed: int = 0,
    metrics: dict[str, float] | None = None,
) -> TrainedModel:
    """Fit a model on labelled examples.

    Guarantees: deterministic for the same examples, algorithm and seed; raises ``ValueError``
    (Vietnamese) for unknown labels or fewer than two classes.
    """
    unknown = {ex.label for ex in labelled} - set(LABELS)
    if unknown:
        raise ValueError(f"nhãn không hợp lệ: {sorted(unknown)}")
    if len({ex.label for ex in labelled}) < 2:
        raise ValueError("cần ít nhất hai nhãn khác nhau để huấn luyện")
    pipeline = build_pipeline(algorithm, use_lexicon, seed)
    pipeline.fit([(ex.title, ex.text) for ex in labelled], [ex.label for ex in labelled])
    counts = {label: sum(ex.label == label for ex in labelled) for label in LABELS}
    metadata = {
        "format": MODEL_FORMAT,
        "created_at": datetime.now(VN_TZ).isoformat(timespec="seconds"),
        "n": len(labelled),
        "class_counts": counts,
        "algorithm": algorithm,
        "lexicon_features": use_lexicon,
        "metrics": metrics or {},
    }
    return TrainedModel(pipeline, metadata, name=f"tfidf-{algorithm}")


def evaluate(model: Any, held_out: Sequence[LabelledExample]) -> dict[str, float]:
    """Accuracy and macro-F1 (over the four labels) of any ``SentimentModel`` on held-out data."""
    predicted = model.predict([(ex.title, ex.text) for ex in held_out])
    return scores([ex.label for ex in held_out], predicted)


def scores(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 over :data:`LABELS` and the per-label F1."""
    n = len(truth)
    correct = sum(t == p for t, p in zip(truth, predicted, strict=True))
    result: dict[str, float] = {"n": float(n), "accuracy": correct / n if n else 0.0}
    f1s = []
    for label in LABELS:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[f"f1_{label}"] = f1
        f1s.append(f1)
    result["macro_f1"] = sum(f1s) / len(f1s)
    return result


def cross_validate(
    labelled: Sequence[LabelledExample], *, folds: int = 5, seed: int = 0, **train_kwargs: Any
) -> dict[str, float]:
    """Mean held-out scores over stratified folds (no example is scored by a model it trained)."""
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    labels = [ex.label for ex in labelled]
    truth: list[str] = []
    predicted: list[str] = []
    for train_idx, test_idx in splitter.split(np.zeros(len(labels)), labels):
        model = train([labelled[i] for i in train_idx], seed=seed, **train_kwargs)
        held_out = [labelled[i] for i in test_idx]
        truth += [ex.label for ex in held_out]
        predicted += model.predict([(ex.title, ex.text) for ex in held_out])
    return scores(truth, predicted)


def save(model: TrainedModel, path: Path) -> None:
    """Write the model and its metadata (joblib); a JSON copy of the metadata sits beside it."""
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(
        {
            "format": MODEL_FORMAT,
            "metadata": model.metadata,
            "name": model.name,
            "pipeline": model.pipeline,
        },
        path,
    )
    path.with_suffix(".json").write_text(
        json.dumps(model.metadata, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def load(path: Path) -> TrainedModel:
    """Read a model written by :func:`save`; ``ValueError`` for another format version.

    Only load files this installation wrote: joblib files can run code when read.
    """
    import joblib

    payload = joblib.load(path)
    if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path}: định dạng mô hình không tương thích (cần {MODEL_FORMAT})")
    return TrainedModel(payload["pipeline"], payload["metadata"], payload.get("name", "tfidf"))


def read_labelled(path: Path) -> list[LabelledExample]:
    """Examples from JSON lines with ``title``, ``lead`` (or ``text``) and ``label``."""
    examples = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            examples.append(
                LabelledExample(
                    row["title"], row.get("lead") or row.get("text") or "", row["label"]
                )
            )
    return examples


def active_model_path() -> Path:
    """Where the active model is installed: ``TTCS_SENTIMENT_MODEL``, else
    ``<TTCS_VAR_DIR or ./var>/models/active-sentiment.joblib``."""
    import os

    explicit = os.environ.get("TTCS_SENTIMENT_MODEL")
    if explicit:
        return Path(explicit)
    var = Path(os.environ.get("TTCS_VAR_DIR") or Path(__file__).resolve().parents[3] / "var")
    return var / "models" / "active-sentiment.joblib"


def load_active_model() -> TrainedModel | None:
    """The installed model, which the database layer installs only when it beats the lexicon on
    held-out labels (see ``ttcs.monitoring.sentiment.retrain``); None means "use the lexicon"."""
    path = active_model_path()
    if not path.exists():
        return None
    try:
        return load(path)
    except (OSError, ValueError):
        return None
