"""Sentiment benchmark: lexicon and trained model on the labelled headline set.

Reads ``tests/data/sentiment/headlines.jsonl`` ({id, title, lead, label}); skips with a message
when it is absent. Reports accuracy and macro-F1 over positive / neutral / negative / mixed:

* lexicon on the whole set, and on its two halves by id parity — the lexicon's thresholds and
  part of its vocabulary were tuned while reading errors on the odd-id half, so the even-id half
  is the honest held-out figure;
* trained model (TF-IDF on folded text + linear SVM or logistic regression, with or without the
  lexicon's scores as features): 5-fold stratified cross-validation, and trained on the odd half
  / tested on the even half for a like-for-like comparison with the lexicon;
* accent-free robustness on ``headlines_noaccent.jsonl`` (same ids, diacritics removed);
* throughput of the lexicon, the model and the full enrichment (sentiment, topics, places,
  agencies) on one core.

    python bench/monitoring_classify.py [--save var/models/sentiment.joblib] [--no-write]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from results import update_section  # noqa: E402

from ttcs.monitoring.pipeline.classify import Enricher, default_lexicon  # noqa: E402
from ttcs.monitoring.pipeline.model import (  # noqa: E402
    cross_validate,
    evaluate,
    read_labelled,
    save,
    train,
)
from ttcs.monitoring.pipeline.normalize import normalize_text  # noqa: E402

DATA = ROOT / "tests" / "data" / "sentiment"


class _NormalisedLexicon:
    """The lexicon behind the same text normalisation the ingest path applies."""

    name = "lexicon"

    def predict(self, documents: list[tuple[str, str]]) -> list[str]:
        lexicon = default_lexicon()
        return [
            lexicon.score(normalize_text(t, keep_newlines=False), normalize_text(x)).label
            for t, x in documents
        ]


def _ids(path: Path) -> list[str]:
    import json

    return [
        json.loads(line)["id"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _fmt(scores: dict[str, float]) -> str:
    return f"{scores['accuracy']:.3f} | {scores['macro_f1']:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the sentiment lexicon and model.")
    parser.add_argument("--save", type=Path, help="also train on the whole set and save the model")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    labelled_path = DATA / "headlines.jsonl"
    if not labelled_path.exists():
        print(f"Không có tập gán nhãn {labelled_path}: bỏ qua phép đo phân loại cảm xúc.")
        return 0
    examples = read_labelled(labelled_path)
    ids = _ids(labelled_path)
    by_id = dict(zip(ids, examples, strict=True))
    odd = [ex for i, ex in by_id.items() if int(i.lstrip("s")) % 2 == 1]
    even = [ex for i, ex in by_id.items() if int(i.lstrip("s")) % 2 == 0]
    lexicon = _NormalisedLexicon()
    rows: list[tuple[str, str, str]] = []

    def record(name: str, data: str, scores: dict[str, float]) -> None:
        rows.append((name, data, _fmt(scores)))
        print(
            f"{name:44s} {data:34s} acc={scores['accuracy']:.3f} macroF1={scores['macro_f1']:.3f}"
        )

    record("lexicon", f"all ({len(examples)})", evaluate(lexicon, examples))
    record("lexicon", f"odd ids ({len(odd)}, used for tuning)", evaluate(lexicon, odd))
    record("lexicon", f"even ids ({len(even)}, held out)", evaluate(lexicon, even))
    for algorithm, use_lexicon in (("svm", True), ("svm", False), ("logreg", True)):
        name = f"tfidf + {algorithm}" + (" + lexicon features" if use_lexicon else "")
        record(
            name,
            "5-fold CV (all)",
            cross_validate(examples, algorithm=algorithm, use_lexicon=use_lexicon),
        )
    half_model = train(odd, algorithm="svm", use_lexicon=True)
    record("tfidf + svm + lexicon features", "train odd → test even", evaluate(half_model, even))

    noaccent_path = DATA / "headlines_noaccent.jsonl"
    if noaccent_path.exists():
        plain = read_labelled(noaccent_path)
        plain_ids = set(_ids(noaccent_path))
        accented = [by_id[i] for i in _ids(noaccent_path)]
        record("lexicon", f"accent-free subset ({len(plain)})", evaluate(lexicon, plain))
        record("lexicon", f"same items with accents ({len(accented)})", evaluate(lexicon, accented))
        rest = [ex for i, ex in by_id.items() if i not in plain_ids]
        model_rest = train(rest, algorithm="svm", use_lexicon=True)
        record(
            "tfidf + svm + lexicon features",
            f"accent-free subset, trained on the other {len(rest)}",
            evaluate(model_rest, plain),
        )
        record(
            "tfidf + svm + lexicon features",
            "same items with accents",
            evaluate(model_rest, accented),
        )

    documents = [(ex.title, ex.text) for ex in examples]
    started = time.process_time()
    lexicon.predict(documents)
    lexicon_rate = len(documents) / (time.process_time() - started)
    started = time.process_time()
    half_model.predict(documents)
    model_rate = len(documents) / (time.process_time() - started)
    enricher = Enricher()
    enricher.classify("Khởi động", "UBND tỉnh Nghệ An")  # load the place data before timing
    started = time.process_time()
    for title, text in documents:
        enricher.classify(title, text)
    enrich_rate = len(documents) / (time.process_time() - started)
    print(
        f"throughput: lexicon {lexicon_rate:.0f}/s, model {model_rate:.0f}/s, "
        f"full enrichment {enrich_rate:.0f}/s (headline + lead)"
    )

    if args.save:
        model = train(
            examples,
            algorithm="svm",
            use_lexicon=True,
            metrics=dict(cross_validate(examples)),
        )
        save(model, args.save)
        print(f"đã lưu mô hình: {args.save}")

    body = [
        f"Labelled set: `tests/data/sentiment/headlines.jsonl` ({len(examples)} headlines + leads; "
        "labels positive/neutral/negative/mixed). The lexicon was tuned while reading errors on "
        "the odd-id half; the even-id half is held out.",
        "",
        "| classifier | data | accuracy | macro-F1 |",
        "|---|---|---|---|",
        *[f"| {name} | {data} | {scores} |" for name, data, scores in rows],
        "",
        f"Throughput per CPU-second on one core: lexicon {lexicon_rate:.0f} items/s, trained model "
        f"{model_rate:.0f} items/s, full enrichment (sentiment, topics, places, agencies) "
        f"{enrich_rate:.0f} items/s (headline + lead).",
    ]
    if not args.no_write:
        update_section("Monitoring — sentiment (bench/monitoring_classify.py)", "\n".join(body))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
