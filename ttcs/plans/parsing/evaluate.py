"""Scoring the parser against gold annotations (used by the tests and the benchmark).

A gold file names each task by its ``path`` (the parser's unique position key, see
``tests/data/plans_gold/README.md``), its leads as the text names them and its timeframe.
Tasks match by path; leads match when their comparison keys agree (case, diacritics,
punctuation and abbreviations aside).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ttcs.plans.parsing.names import expand_abbreviations
from ttcs.plans.parsing.text import key

__all__ = ["Score", "header_mismatches", "same_agency", "score_tasks", "title_digest"]


def _agency_key(name: str) -> str:
    return key(expand_abbreviations(name))


def same_agency(a: str, b: str) -> bool:
    """True when two names write the same agency (spelling, case and punctuation aside)."""
    ka, kb = _agency_key(a), _agency_key(b)
    return ka == kb or fuzz.ratio(ka, kb) >= 92


def _same_leads(predicted: list[str], gold: list[str]) -> bool:
    if len(predicted) != len(gold):
        return False
    remaining = list(predicted)
    for g in gold:
        hit = next((p for p in remaining if same_agency(p, g)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return True


def title_digest(title: str | None) -> str | None:
    """SHA-1 of a title's comparison key: lets gold check a title without quoting it."""
    if not title:
        return None
    return hashlib.sha1(key(title).encode("utf-8"), usedforsecurity=False).hexdigest()


@dataclass
class Score:
    """Counts for one or more documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    lead_ok: int = 0
    kind_ok: int = 0
    due_ok: int = 0
    due_total: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong_lead: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.lead_ok += other.lead_ok
        self.kind_ok += other.kind_ok
        self.due_ok += other.due_ok
        self.due_total += other.due_total
        self.missed += other.missed
        self.extra += other.extra
        self.wrong_lead += other.wrong_lead

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def lead_accuracy(self) -> float:
        """Share of matched tasks whose leads are all right."""
        return self.lead_ok / self.tp if self.tp else 1.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_ok / self.tp if self.tp else 1.0


def score_tasks(result: dict[str, Any], gold: dict[str, Any]) -> Score:
    """Compare the parser's tasks with the gold tasks of one document."""
    predicted = {t["path"]: t for t in result["tasks"]}
    expected = {t["path"]: t for t in gold["tasks"]}
    score = Score()
    for path, g in expected.items():
        p = predicted.get(path)
        if p is None:
            score.fn += 1
            score.missed.append(path)
            continue
        score.tp += 1
        if _same_leads([a["name"] for a in p["lead"]], g["lead"]):
            score.lead_ok += 1
        else:
            score.wrong_lead.append(path)
        tf, gtf = p["timeframe"], g["timeframe"]
        if tf["kind"] == gtf["kind"]:
            score.kind_ok += 1
        if gtf.get("due") or gtf.get("due_day"):
            score.due_total += 1
            if tf.get("due") == gtf.get("due") and tf.get("due_day") == gtf.get("due_day"):
                score.due_ok += 1
    for path in predicted:
        if path not in expected:
            score.fp += 1
            score.extra.append(path)
    return score


def header_mismatches(result: dict[str, Any], gold: dict[str, Any]) -> list[str]:
    """Header fields that differ from gold, as "field: got != expected" lines."""
    doc, want = result["document"], gold["document"]
    out = [
        f"{name}: {doc.get(name)!r} != {want[name]!r}"
        for name in ("number", "type", "issuer", "place", "date", "implements")
        if name in want and doc.get(name) != want[name]
    ]
    if "title" in want and doc.get("title") != want["title"]:
        out.append(f"title: {doc.get('title')!r} != {want['title']!r}")
    if "title_key_sha1" in want and title_digest(doc.get("title")) != want["title_key_sha1"]:
        out.append(f"title: {doc.get('title')!r} does not match the gold digest")
    if "title_start" in want and not key(doc.get("title") or "").startswith(want["title_start"]):
        out.append(f"title: {doc.get('title')!r} does not start as expected")
    if "nested" in want:
        got = [d.get("number") for d in result.get("nested_documents", [])]
        if got != want["nested"]:
            out.append(f"nested: {got!r} != {want['nested']!r}")
    return out
