"""Search queries (pure): parsing, backend expressions, accent-aware re-ranking, highlighting.

Syntax: words are ANDed; ``"a phrase"``; ``OR`` (or ``|``) between two terms; ``-word`` or
``NOT word`` excludes. Matching runs on folded text (accents removed, đ→d, lower-case), so
"chinh sach" finds "chính sách"; a query typed with diacritics then ranks exact accented matches
first. Folding keeps string length, so highlight offsets map back to the original text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ttcs.core.text import fold_lower, nfc

_TOKEN_RE = re.compile(r'"[^"]*"|\(|\)|\||-?[^\s"()|]+')
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # original (NFC, lower) words; several for a phrase
    negated: bool = False

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold_lower(w) for w in self.words)

    @property
    def has_diacritics(self) -> bool:
        return any(fold_lower(w) != w for w in self.words)


@dataclass
class Query:
    """A conjunction of clauses; each clause is a disjunction of terms."""

    clauses: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)

    @property
    def positive_terms(self) -> list[Term]:
        return [t for clause in self.clauses for t in clause]

    @property
    def empty(self) -> bool:
        return not self.clauses


class QueryError(ValueError):
    pass


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD_RE.findall(nfc(text)))


def parse(text: str) -> Query:
    """Parse a user query; raises QueryError (Vietnamese message) when nothing is searchable."""
    query = Query()
    pending_or = False
    negate_next = False
    for raw in _TOKEN_RE.findall(nfc(text or "")):
        if raw in {"(", ")"}:
            continue
        if raw in {"OR", "|", "HOẶC"}:
            pending_or = bool(query.clauses)
            continue
        if raw in {"AND", "VÀ"}:
            continue
        if raw == "NOT":
            negate_next = True
            continue
        negated = negate_next or (raw.startswith("-") and len(raw) > 1)
        negate_next = False
        body = raw[1:] if raw.startswith("-") else raw
        words = _words(body.strip('"'))
        if not words:
            continue
        # A quoted phrase, or a hyphenated word such as "an-toàn", is matched as a phrase.
        term = Term(words, negated)
        if term.negated:
            query.excluded.append(term)
        elif pending_or and query.clauses:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        pending_or = False
    if query.empty:
        raise QueryError("Hãy nhập ít nhất một từ khóa để tìm.")
    return query


def _fts_term(term: Term) -> str:
    return '"' + " ".join(term.folded).replace('"', "") + '"'


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression over the folded index."""
    parts = []
    for clause in query.clauses:
        alts = [_fts_term(t) for t in clause]
        parts.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    expr = " AND ".join(parts)
    for term in query.excluded:
        expr += f" NOT {_fts_term(term)}"
    return expr


def _ts_term(term: Term) -> str:
    words = [re.sub(r"[^\w]", "", w) for w in term.folded]
    words = [w for w in words if w]
    return " <-> ".join(words) if len(words) > 1 else (words[0] if words else "")


def to_tsquery(query: Query) -> str:
    """A PostgreSQL ``to_tsquery('simple', ...)`` expression over the folded text."""
    parts = []
    for clause in query.clauses:
        alts = [f"({_ts_term(t)})" for t in clause if _ts_term(t)]
        if alts:
            parts.append(alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")")
    expr = " & ".join(parts)
    for term in query.excluded:
        if _ts_term(term):
            expr += f" & !({_ts_term(term)})"
    return expr


def accent_bonus(query: Query, title: str, text: str) -> float:
    """How well the original (accented) text matches the query as typed: 0 when the query has
    no diacritics, else the share of accented terms found exactly (title counts double)."""
    accented = [t for t in query.positive_terms if t.has_diacritics]
    if not accented:
        return 0.0
    title_l, text_l = nfc(title).lower(), nfc(text).lower()
    score = 0.0
    for term in accented:
        phrase = " ".join(term.words)
        score += 2.0 * (phrase in title_l) + 1.0 * (phrase in text_l)
    return score / (3.0 * len(accented))


def highlight(text: str, query: Query, *, width: int = 240) -> str:
    """An HTML-escaped snippet of ``text`` around the first match, matches wrapped in <mark>."""
    original = nfc(text)
    folded = fold_lower(original)
    spans: list[tuple[int, int]] = []
    for term in query.positive_terms:
        needle = " ".join(term.folded)
        pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, folded))
    spans.sort()
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(original), start + width)
    out, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        out.append(html.escape(original[cursor:s]))
        out.append("<mark>" + html.escape(original[s:e]) + "</mark>")
        cursor = e
    out.append(html.escape(original[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(original) else ""
    return prefix + "".join(out) + suffix


def matches(query: Query, folded_text: str) -> bool:
    """Whether folded ``text`` satisfies the query (used for alert rules on new items)."""

    def has(term: Term) -> bool:
        needle = " ".join(term.folded)
        return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", folded_text) is not None

    return all(any(has(t) for t in clause) for clause in query.clauses) and not any(
        has(t) for t in query.excluded
    )
