"""Enrichment of news items: sentiment, policy topics, places and agencies.

Sentiment is scored by a transparent lexicon-and-rules model (``data/sentiment_lexicon.json``):

* terms carry a weight and a polarity and are matched as syllable sequences, with or without
  diacritics (see :mod:`ttcs.monitoring.pipeline.lexicon`);
* a negator up to ``window.negation`` syllables before a term, in the same clause, reverses it
  ("không hiệu quả" → negative; "không xảy ra thiệt hại" → mildly positive), except the
  phrases that only look like negation ("không chỉ", "không ngừng");
* an intensifier just before or after multiplies it ("rất", "hết sức", "nghiêm trọng");
* a shifter reverses or cancels it ("giảm tai nạn", "tai nạn giảm", "khắc phục sự cố",
  "phòng, chống tham nhũng"); a word used as a modifier does not also count as a term;
* the title weighs ``weights.title``, the lead ``weights.lead``, the body ``weights.body``
  (only its first ``weights.body_sentences`` sentences are read);
* the label: ``neutral`` below ``min_evidence``; ``mixed`` when both sides are substantial
  (or when a contrast word such as "nhưng", "tuy nhiên" separates a positive and a negative
  part); otherwise the larger side, if it leads by ``margin``.

Every hit is kept in :class:`SentimentResult` so the label can be explained to an officer.
Any object with the :class:`SentimentModel` shape (a trained model, see
:mod:`ttcs.monitoring.pipeline.model`) can replace the lexicon in :class:`Enricher`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from ttcs.monitoring.pipeline.entities import Locality, find_agencies, find_localities
from ttcs.monitoring.pipeline.items import Item
from ttcs.monitoring.pipeline.lexicon import (
    Match,
    PhraseMatcher,
    fold_ambiguous,
    folded_phrase,
    load_json,
)
from ttcs.monitoring.pipeline.tokens import CLAUSE_BREAKS, SENTENCE_BREAKS, Tokens, tokenize

Label = Literal["positive", "neutral", "negative", "mixed"]
LABELS: tuple[Label, ...] = ("positive", "neutral", "negative", "mixed")


@runtime_checkable
class SentimentModel(Protocol):
    """Anything that labels (title, text) pairs: the lexicon, or a trained model."""

    name: str

    def predict(self, documents: Sequence[tuple[str, str]]) -> list[str]:
        """One label from :data:`LABELS` per (title, text) pair."""
        ...


@dataclass(frozen=True, slots=True)
class Hit:
    """One term's contribution to the score, with the modifiers that acted on it."""

    term: str
    section: str  # "title" | "lead" | "body"
    value: float  # signed: > 0 pulls towards positive
    modifiers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SentimentResult:
    label: Label
    positive: float
    negative: float
    hits: tuple[Hit, ...] = ()


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    polarity: int
    weight: float


@dataclass(frozen=True, slots=True)
class _Modifier:
    text: str
    # "negator" | "pseudo" | "intensifier" | "shifters_before" | "shifters_after" | "contrast"
    kind: str
    factor: float = 1.0


class LexiconSentiment:
    """The lexicon-and-rules sentiment scorer described in the module docstring."""

    name = "lexicon"

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = data.get("version", 1)
        self.weights = {
            "title": 2.0,
            "lead": 1.5,
            "body": 1.0,
            "body_sentences": 12,
            **data.get("weights", {}),
        }
        self.thresholds = {
            "min_evidence": 1.2,
            "mixed_share": 0.35,
            "mixed_min": 1.5,
            "margin": 0.6,
            "contrast_mixed_min": 0.8,
            **data.get("thresholds", {}),
        }
        self.window = {
            "negation": 3,
            "intensifier_before": 2,
            "intensifier_after": 2,
            "shifter_before": 3,
            "shifter_after": 2,
            **data.get("window", {}),
        }
        negated = {"positive": -0.8, "negative": -0.4, **data.get("negated_factor", {})}
        self.negated_factor = {1: negated["positive"], -1: negated["negative"]}
        accent_required = set(data.get("accent_required", []))
        ambiguous = set(data.get("fold_ambiguous", []))

        def strict(term: str) -> bool:
            return folded_phrase(term) in ambiguous or fold_ambiguous(term)

        self.terms: PhraseMatcher[_Term] = PhraseMatcher()
        for polarity, key in ((1, "positive"), (-1, "negative")):
            for term, weight in data.get(key, {}).items():
                self.terms.add(
                    term,
                    _Term(term, polarity, float(weight)),
                    accent_required=term in accent_required,
                    always_strict=strict(term),
                )
        # Neutral phrases shadow the terms they contain ("thiết yếu" is not "yếu").
        for term in data.get("neutral", []):
            self.terms.add(term, _Term(term, 0, 0.0))
        self.modifiers: PhraseMatcher[_Modifier] = PhraseMatcher()
        for term in data.get("negators", []):
            self.modifiers.add(term, _Modifier(term, "negator"))
        for term in data.get("pseudo_negators", []):
            self.modifiers.add(term, _Modifier(term, "pseudo"))
        for term, factor in data.get("intensifiers", {}).items():
            self.modifiers.add(
                term,
                _Modifier(term, "intensifier", float(factor)),
                accent_required=term in accent_required,
                always_strict=strict(term),
            )
        for kind in ("shifters_before", "shifters_after"):
            for term, factor in data.get(kind, {}).items():
                self.modifiers.add(
                    term,
                    _Modifier(term, kind, float(factor)),
                    accent_required=len(term.split()) == 1,
                    always_strict=strict(term),
                )
        self.reverses_positive = set(data.get("reverses_positive", []))
        cues = data.get("contrast_cues", {})
        self.contrast_cue_weight = float(cues.get("weight", 1.0))
        self.contrast_cues: PhraseMatcher[int] = PhraseMatcher()
        for polarity, key in ((-1, "negative"), (1, "positive")):
            for cue in cues.get(key, []):
                self.contrast_cues.add(cue, polarity, always_strict=True)
        for term in data.get("contrast", []):
            # "song" (but) folds onto "sông" (river): only written with its accent... and it
            # has none, so it is accepted only right after a clause break (checked below).
            self.modifiers.add(term, _Modifier(term, "contrast"))

    @classmethod
    def from_file(cls, data_dir: Path | None = None) -> LexiconSentiment:
        return cls(load_json("sentiment_lexicon.json", data_dir))

    # -- sections ---------------------------------------------------------------------------

    def _sections(
        self, title_tokens: Tokens, text_tokens: Tokens
    ) -> tuple[Tokens, list[float], list[str]]:
        """Tokens of title + lead + body with a weight and a section name per token.

        The lead is the first paragraph, or the first two sentences of a one-paragraph text; the
        body stops after ``body_sentences`` further sentences.
        """
        text = text_tokens.lower
        limit = int(self.weights["body_sentences"]) + 2
        lead_end: int | None = None
        end = len(text)
        sentences = 0
        seen_text = False
        for i, tok in enumerate(text):
            if tok == "\n":
                if seen_text and lead_end is None:
                    lead_end = i
            elif tok in SENTENCE_BREAKS:
                sentences += 1
                if lead_end is None and sentences >= 2:
                    lead_end = i + 1
                if sentences > limit:
                    end = i
                    break
            elif tok not in CLAUSE_BREAKS:
                seen_text = True
        if lead_end is None:
            lead_end = end
        lead_end = min(lead_end, end)
        n_title = len(title_tokens.lower) + 1
        tokens = Tokens(
            [*title_tokens.lower, "\n", *text[:end]],
            [*title_tokens.folded, "\n", *text_tokens.folded[:end]],
            [*title_tokens.cased, "\n", *text_tokens.cased[:end]],
            title_tokens.accented or text_tokens.accented,
        )
        weights = (
            [self.weights["title"]] * n_title
            + [self.weights["lead"]] * lead_end
            + [self.weights["body"]] * (end - lead_end)
        )
        sections = ["title"] * n_title + ["lead"] * lead_end + ["body"] * (end - lead_end)
        return tokens, weights, sections

    # -- scoring ----------------------------------------------------------------------------

    def score(self, title: str, text: str = "") -> SentimentResult:
        """Label and explanation for one item (see module docstring for the rules)."""
        return self.score_tokens(tokenize(title), tokenize(text))

    def score_tokens(self, title_tokens: Tokens, text_tokens: Tokens) -> SentimentResult:
        """As :meth:`score`, for text already tokenised."""
        tokens, weights, sections = self._sections(title_tokens, text_tokens)
        terms = self.terms.find_all(tokens)
        modifiers = [m for m in self.modifiers.iter_all(tokens) if self._valid_modifier(tokens, m)]
        # Keep only the longest modifier of each kind at each start ("không hề" over "không").
        longest: dict[tuple[int, str], Match[_Modifier]] = {}
        for mod in modifiers:
            key = (mod.start, mod.payload.kind)
            if key not in longest or mod.end > longest[key].end:
                longest[key] = mod
        modifiers = sorted(longest.values(), key=lambda m: m.start)
        # "không chỉ", "không ngừng": the negation word inside them negates nothing.
        pseudo = [(m.start, m.end) for m in modifiers if m.payload.kind == "pseudo"]
        modifiers = [
            m
            for m in modifiers
            if m.payload.kind != "negator" or not any(a <= m.start < b for a, b in pseudo)
        ]
        clause_of = self._clause_ids(tokens)
        used_as_modifier: set[tuple[int, int]] = set()
        scored: list[tuple[Match[_Term], float, tuple[str, ...]]] = []
        terms = [t for t in terms if t.payload.polarity != 0]
        for term in terms:
            value, applied, spans = self._apply_modifiers(term, modifiers, clause_of)
            used_as_modifier.update(spans)
            scored.append((term, value, applied))
        hits: list[Hit] = []
        positive = negative = 0.0
        contrast_at = next((m.start for m in modifiers if m.payload.kind == "contrast"), None)
        before = [0.0, 0.0]
        after = [0.0, 0.0]
        for term, value, applied in scored:
            if (term.start, term.end) in used_as_modifier:
                continue
            weighted = value * weights[term.start]
            hits.append(Hit(term.payload.text, sections[term.start], round(weighted, 3), applied))
            side = after if contrast_at is not None and term.start > contrast_at else before
            if weighted > 0:
                positive += weighted
                side[0] += weighted
            else:
                negative -= weighted
                side[1] -= weighted
        if contrast_at is not None:
            cue = self._contrast_cue(tokens, contrast_at, before, after)
            if cue is not None:
                text, value = cue
                weighted = value * weights[contrast_at]
                hits.append(Hit(text, sections[contrast_at], round(weighted, 3), ("contrast",)))
                if weighted > 0:
                    positive += weighted
                    after[0] += weighted
                else:
                    negative -= weighted
                    after[1] -= weighted
        label = self._decide(positive, negative, before, after, contrast_at is not None)
        return SentimentResult(label, round(positive, 3), round(negative, 3), tuple(hits))

    def _contrast_cue(
        self, tokens: Tokens, contrast_at: int, before: list[float], after: list[float]
    ) -> tuple[str, float] | None:
        """Evidence from the clause after "nhưng"/"tuy nhiên" when no term there carries it.

        "Thuận tiện nhưng hồ sơ vẫn phải về nơi có đất": after good news, a contrast followed by
        "vẫn", "còn", "chưa" reports a remaining problem, whatever the words of the problem.
        """
        end = contrast_at
        while end < len(tokens.lower) and tokens.lower[end] not in (".", "!", "?", ";", "\n"):
            end += 1
        for i in range(contrast_at + 1, end):
            match = self.contrast_cues.longest_at(tokens, i)
            if match is None or tokens.lower[i - 1] in ("chưa", "không", "chẳng"):
                continue
            polarity = match.payload
            if polarity < 0 and before[0] > 0 and after[1] == 0:
                return " ".join(tokens.lower[match.start : match.end]), -self.contrast_cue_weight
            if polarity > 0 and before[1] > 0 and after[0] == 0:
                return " ".join(tokens.lower[match.start : match.end]), self.contrast_cue_weight
        return None

    def _valid_modifier(self, tokens: Tokens, mod: Match[_Modifier]) -> bool:
        if mod.payload.text == "song":
            return mod.start > 0 and tokens.lower[mod.start - 1] in CLAUSE_BREAKS
        return True

    @staticmethod
    def _clause_ids(tokens: Tokens) -> list[int]:
        ids = []
        clause = 0
        for tok in tokens.lower:
            if tok in CLAUSE_BREAKS:
                clause += 1
            ids.append(clause)
        return ids

    def _apply_modifiers(
        self,
        term: Match[_Term],
        modifiers: list[Match[_Modifier]],
        clause_of: list[int],
    ) -> tuple[float, tuple[str, ...], list[tuple[int, int]]]:
        window = self.window
        value = term.payload.weight * term.payload.polarity
        applied: list[str] = []
        spans: list[tuple[int, int]] = []
        clause = clause_of[term.start]
        negated = shifted = False
        intensity = 1.0
        for mod in modifiers:
            if mod.end > term.start and mod.start < term.end:
                continue  # overlaps the term itself
            if clause_of[mod.start] != clause or clause_of[mod.end - 1] != clause:
                continue
            before = mod.end <= term.start
            gap = term.start - mod.end if before else mod.start - term.end
            kind = mod.payload.kind
            if kind == "negator" and before and gap <= window["negation"]:
                negated = True
                applied.append(mod.payload.text)
            elif kind == "intensifier" and (
                (before and gap <= window["intensifier_before"])
                or (not before and gap <= window["intensifier_after"])
            ):
                intensity = (
                    max(intensity, mod.payload.factor)
                    if mod.payload.factor >= 1
                    else min(intensity, mod.payload.factor)
                )
                applied.append(mod.payload.text)
                spans.append((mod.start, mod.end))
            elif (
                not shifted
                and (
                    (kind == "shifters_before" and before and gap <= window["shifter_before"])
                    or (kind == "shifters_after" and not before and gap <= window["shifter_after"])
                )
                # Shifters act on bad things ("khắc phục sự cố"); only plain reducers also
                # reverse good things ("giảm tăng trưởng", "không còn hiệu quả").
                and (term.payload.polarity < 0 or mod.payload.text in self.reverses_positive)
            ):
                value *= mod.payload.factor
                shifted = True
                applied.append(mod.payload.text)
                spans.append((mod.start, mod.end))
        if negated and not shifted:
            value *= self.negated_factor[term.payload.polarity]
        return value * intensity, tuple(applied), spans

    def _decide(
        self,
        positive: float,
        negative: float,
        before: list[float],
        after: list[float],
        has_contrast: bool,
    ) -> Label:
        th = self.thresholds
        if max(positive, negative) < th["min_evidence"]:
            return "neutral"
        small, large = sorted((positive, negative))
        if small >= th["mixed_min"] and small >= th["mixed_share"] * large:
            return "mixed"
        if has_contrast:
            # "Được mùa nhưng mất giá": opposite polarities on either side of the contrast.
            crossed = (
                min(before[0], after[1]) >= th["contrast_mixed_min"]
                or min(before[1], after[0]) >= th["contrast_mixed_min"]
            )
            if crossed:
                return "mixed"
        if abs(positive - negative) < th["margin"]:
            return "mixed" if small >= th["contrast_mixed_min"] else "neutral"
        return "positive" if positive > negative else "negative"

    def predict(self, documents: Sequence[tuple[str, str]]) -> list[str]:
        """Labels for (title, text) pairs."""
        return [self.score(title, text).label for title, text in documents]


# ---------------------------------------------------------------------------------------------
# Topics
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: str


class TopicRules:
    """Keyword rules from ``topics.json``: score = Σ keyword weights (title × ``title_weight``).

    A topic is assigned when its score reaches ``min_score`` and ``relative_cutoff`` of the best
    topic's score; at most ``max_topics``, best first.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.title_weight = float(data.get("title_weight", 2.0))
        self.min_score = float(data.get("min_score", 3.0))
        self.max_topics = int(data.get("max_topics", 3))
        self.relative_cutoff = float(data.get("relative_cutoff", 0.35))
        self.topics = {t["id"]: Topic(t["id"], t["name"]) for t in data.get("topics", [])}
        self.matcher: PhraseMatcher[tuple[str, float]] = PhraseMatcher()
        for topic in data.get("topics", []):
            for keyword, weight in topic.get("keywords", {}).items():
                self.matcher.add(
                    keyword,
                    (topic["id"], float(weight)),
                    accent_required=len(keyword.split()) == 1 and len(keyword) <= 4,
                )

    @classmethod
    def from_file(cls, data_dir: Path | None = None) -> TopicRules:
        return cls(load_json("topics.json", data_dir))

    def scores(self, title_tokens: Tokens, text_tokens: Tokens) -> dict[str, float]:
        totals: dict[str, float] = {}
        for tokens, factor in ((title_tokens, self.title_weight), (text_tokens, 1.0)):
            for match in self.matcher.find_all(tokens):
                topic, weight = match.payload
                totals[topic] = totals.get(topic, 0.0) + weight * factor
        return totals

    def assign(self, title_tokens: Tokens, text_tokens: Tokens) -> list[str]:
        """Topic ids for the item, best first."""
        totals = self.scores(title_tokens, text_tokens)
        if not totals:
            return []
        best = max(totals.values())
        ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        return [
            topic
            for topic, score in ranked[: self.max_topics]
            if score >= self.min_score and score >= self.relative_cutoff * best
        ]


# ---------------------------------------------------------------------------------------------
# Enrichment
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Classification:
    """What enrichment adds to an item."""

    sentiment: str
    topics: list[str] = field(default_factory=list)
    localities: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)  # current provinces, for trend keys

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentiment": self.sentiment,
            "topics": list(self.topics),
            "localities": list(self.localities),
            "agencies": list(self.agencies),
        }


_BODY_TOKEN_LIMIT = 1500  # places and topics rarely need more than the first ~1,000 words


class Enricher:
    """Sentiment, topics, places and agencies for items; one instance per process is enough.

    Guarantees: deterministic for a given model and data files; never raises on odd text
    (empty title or body included).
    """

    def __init__(
        self,
        sentiment: SentimentModel | None = None,
        topics: TopicRules | None = None,
    ) -> None:
        self.lexicon = default_lexicon()
        self.sentiment_model: SentimentModel = sentiment or self.lexicon
        self.topics = topics or default_topics()

    def classify(
        self,
        title: str,
        text: str = "",
        *,
        folded_title: str | None = None,
        folded_text: str | None = None,
    ) -> Classification:
        """Enrichment of one (title, text) pair (``folded_*``: their ``fold_key``, if known)."""
        title_tokens = tokenize(title, folded_title)
        text_tokens = tokenize(text, folded_text)
        label: str
        if self.sentiment_model is self.lexicon:
            label = self.lexicon.score_tokens(title_tokens, text_tokens).label
        else:
            label = self.sentiment_model.predict([(title, text)])[0]
        if len(text_tokens.lower) > _BODY_TOKEN_LIMIT:
            cut = _BODY_TOKEN_LIMIT
            text_tokens = Tokens(
                text_tokens.lower[:cut],
                text_tokens.folded[:cut],
                text_tokens.cased[:cut],
                text_tokens.accented,
            )
        topics = self.topics.assign(title_tokens, text_tokens)
        joined = title_tokens + Tokens(["\n"], ["\n"], ["\n"], False) + text_tokens
        localities: list[Locality] = find_localities(joined)
        agencies = find_agencies(joined, localities)
        provinces: list[str] = []
        for loc in localities:
            if loc.province not in provinces:
                provinces.append(loc.province)
        return Classification(
            sentiment=label,
            topics=topics,
            localities=[loc.name for loc in localities],
            agencies=agencies,
            provinces=provinces,
        )

    def classify_item(self, item: Item) -> Classification:
        """Enrichment of an item (its folded text is reused)."""
        return self.classify(
            item.title, item.text, folded_title=item.folded_title, folded_text=item.folded_text
        )


@lru_cache(maxsize=1)
def default_lexicon() -> LexiconSentiment:
    return LexiconSentiment.from_file()


@lru_cache(maxsize=1)
def default_topics() -> TopicRules:
    return TopicRules.from_file()
