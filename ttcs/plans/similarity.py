"""Which higher task a lower task carries out, suggested by text similarity (pure).

TF-IDF over accent-folded word uni/bi-grams and character n-grams, so OCR-damaged or
accent-free text still meets its accented parent. A person confirms every suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ttcs.core.text import fold_lower

MIN_SCORE = 0.12


@dataclass(frozen=True)
class Suggestion:
    child_index: int
    parent_index: int
    score: float


def suggest_parents(
    children: Sequence[str], parents: Sequence[str], *, min_score: float = MIN_SCORE
) -> list[Suggestion | None]:
    """For each child text, the most similar parent text (or None below ``min_score``)."""
    if not children or not parents:
        return [None] * len(children)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    corpus = [fold_lower(t) for t in (*parents, *children)]
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1).fit(corpus)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(corpus)
    p_texts, c_texts = corpus[: len(parents)], corpus[len(parents) :]
    sim = 0.5 * cosine_similarity(words.transform(c_texts), words.transform(p_texts)) + (
        0.5 * cosine_similarity(chars.transform(c_texts), chars.transform(p_texts))
    )
    out: list[Suggestion | None] = []
    for i, row in enumerate(sim):
        j = int(row.argmax())
        score = float(row[j])
        out.append(Suggestion(i, j, round(score, 4)) if score >= min_score else None)
    return out
