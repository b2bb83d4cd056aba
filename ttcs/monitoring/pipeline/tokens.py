"""Syllable tokens of Vietnamese text, accented and folded side by side.

Vietnamese writes one syllable per space-separated token, and a multi-syllable word is a fixed
sequence of syllables. Matching word sequences syllable by syllable therefore finds the same
multi-word terms a word segmenter would, at a fraction of the cost (a segmenter such as pyvi
handles about 6,000 sentences per second; a regular expression, hundreds of thousands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ttcs.monitoring.pipeline.normalize import fold_key, has_diacritics

_TOKEN = re.compile(r"\w+|[.!?;:…]|,|\n", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)

# Tokens that end a clause: negation and intensifiers do not reach across them.
CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ":", "…", ",", "\n"})
SENTENCE_BREAKS = frozenset({".", "!", "?", "…", "\n"})


@dataclass(frozen=True, slots=True)
class Tokens:
    """Parallel lists: ``lower`` (lower-case, accents kept), ``folded`` (no accents), ``cased``.

    ``accented`` tells whether the text uses diacritics at all: in text written without them,
    a bare syllable can only be matched by its folded form.
    """

    lower: list[str]
    folded: list[str]
    cased: list[str]
    accented: bool = True

    def __add__(self, other: Tokens) -> Tokens:
        return Tokens(
            self.lower + other.lower,
            self.folded + other.folded,
            self.cased + other.cased,
            self.accented or other.accented,
        )


def tokenize(text: str, folded_text: str | None = None) -> Tokens:
    """Words and clause punctuation of ``text`` in three parallel forms of equal length.

    The folded form is computed once on the whole string (or taken from ``folded_text``, which
    must be ``fold_key(text)``); folding maps letter to letter, so the token boundaries of the
    three forms coincide.
    """
    cased = _TOKEN.findall(text)
    lower = _TOKEN.findall(text.lower())
    folded = _TOKEN.findall(folded_text if folded_text is not None else fold_key(text))
    if not len(cased) == len(lower) == len(folded):  # pragma: no cover - exotic case mappings
        lower = [t.lower() for t in cased]
        folded = [fold_key(t) for t in cased]
    return Tokens(lower=lower, folded=folded, cased=cased, accented=has_diacritics(text))


def words(folded_text: str) -> list[str]:
    """Word tokens (letters and digits) of an already folded text."""
    return _WORD.findall(folded_text)
