"""Deduplication of news items into stories.

Layers, cheapest first (a ``url`` or ``content`` match ends the search; otherwise every
``title`` and ``near`` match found is joined):

1. ``url``     — same canonical URL (tracking parameters, ``www.``, fragments ignored);
2. ``content`` — identical folded title and body;
3. ``title``   — the same source repeating a headline within 7 days (updated or re-posted
                 articles); when both bodies are long enough to compare they must also share a
                 Jaccard similarity of 0.3;
4. ``near``    — lightly edited copies, typically across sources (headline rewritten, a
                 paragraph added or cut, byline changed): MinHash-LSH over syllable shingles of
                 the folded body, verified by estimated Jaccard similarity (≥ 0.45) or
                 containment (≥ 0.8). Copies published more than two days apart must be
                 near-identical (≥ 0.7), so bulletins written weekly on one template stay apart.

Items linked by any layer are joined with union-find, so a story is a connected group. The story
id is the id of the earliest item of the group (the first added to :class:`StoryClusterer`; the
earliest published in :func:`cluster`), so ids stay stable as new copies arrive; only when a new
item bridges two existing stories does the later story take the earlier one's id.

Shingles are syllable n-grams of the folded text rather than word n-grams of segmented text:
Vietnamese multi-syllable words are fixed syllable sequences, so a 5-syllable window covers about
two to three words, and it costs nothing to compute (segmenting would dominate the ingest path).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from datasketch import MinHash, MinHashLSH

from ttcs.monitoring.pipeline.items import Item
from ttcs.monitoring.pipeline.tokens import words

_SCHEME = "affine32"
# crc32 of each syllable: stable across processes (signatures may be stored), cached because
# Vietnamese text reuses a few thousand syllables.
_TOKEN_HASHES: dict[str, int] = {}
_MASK32 = np.uint64(0xFFFFFFFF)
_MULT = np.uint64(1_000_003)


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """Tunable thresholds; defaults tuned on ``bench/monitoring_cluster.py``."""

    num_perm: int = 128
    shingle_size: int = 5
    # LSH retrieves candidates above roughly this Jaccard similarity; each is then verified.
    lsh_threshold: float = 0.25
    jaccard_threshold: float = 0.45
    # A shortened copy is contained in its original even when Jaccard is low.
    containment_threshold: float = 0.8
    # Below this many shingles a text is too short for MinHash to tell copies from look-alikes.
    min_shingles: int = 30
    short_jaccard_threshold: float = 0.7
    title_window: timedelta = timedelta(days=7)
    min_title_words: int = 5
    # Same source and headline lower the bar for the bodies to this Jaccard similarity (updated
    # articles); bodies too short to compare need the headline alone.
    title_body_jaccard: float = 0.3
    # Copies further apart than this are treated as different stories (recurring bulletins).
    max_gap: timedelta = timedelta(days=30)
    # Syndication happens within a day or two; later look-alikes (weekly bulletins on one
    # template) must be near-identical to count as the same story.
    late_after: timedelta = timedelta(days=2)
    late_jaccard_threshold: float = 0.7
    seed: int = 1


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup keeps of an item: small enough to store beside it in a database."""

    item_id: str
    source: str
    published_at: datetime | None
    url_key: str
    content_key: str
    title_key: str
    title_words: int
    n_shingles: int
    signature: np.ndarray  # uint32 MinHash values

    def signature_bytes(self) -> bytes:
        """The MinHash signature as bytes, for storage (see :func:`signature_from_bytes`)."""
        return self.signature.astype(np.uint32).tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """A signature stored with :meth:`Fingerprint.signature_bytes`."""
    return np.frombuffer(data, dtype=np.uint32).copy()


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where :meth:`StoryClusterer.add` put an item and why."""

    item_id: str
    story_id: str
    reason: str  # "new" | "url" | "content" | "title" | "near" | "known"
    matched_id: str | None = None
    similarity: float | None = None


@dataclass(slots=True)
class Story:
    """A group of items telling the same story."""

    story_id: str
    item_ids: list[str]
    first_item_id: str
    first_published_at: datetime | None
    sources: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.item_ids)

    @property
    def syndication_count(self) -> int:
        """How many other sources carried the story after the first one."""
        return max(0, len(self.sources) - 1)


_BYLINE = re.compile(
    r"^\s*[\(\[]?\s*(theo|nguồn|nguon|ảnh|anh|video|pv|ctv|btv|tin|bài|bai)\b",
    re.IGNORECASE,
)


def body_paragraphs(text: str) -> list[str]:
    """Paragraphs of the body without bylines, credits and photo captions at either end.

    Syndicated copies differ mostly in these lines ("Theo TTXVN", "Ảnh: ...", the reporter's
    name); leaving them out keeps copies close and costs distinct stories nothing.
    """
    paragraphs = [p for p in text.split("\n") if p.strip()]
    while paragraphs and _looks_like_credit(paragraphs[0]):
        paragraphs.pop(0)
    while paragraphs and _looks_like_credit(paragraphs[-1]):
        paragraphs.pop()
    return [p for p in paragraphs if not _BYLINE.match(p) or len(p.split()) > 25]


def _looks_like_credit(paragraph: str) -> bool:
    return len(paragraph.split()) < 8 or bool(_BYLINE.match(paragraph))


class _Hasher:
    """Shingle hashing and MinHash signatures with fixed, seeded permutations."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self._permutations = MinHash(num_perm=config.num_perm, seed=config.seed).permutations

    def shingles(self, tokens: list[str]) -> np.ndarray:
        """Distinct 32-bit hashes of the k-syllable windows (the whole text if shorter)."""
        if not tokens:
            return np.zeros(0, dtype=np.uint64)
        cache = _TOKEN_HASHES
        if len(cache) > 200_000:  # names and numbers keep the vocabulary growing
            cache.clear()
        ids = np.fromiter(
            (cache.get(t) or cache.setdefault(t, zlib.crc32(t.encode("utf-8"))) for t in tokens),
            dtype=np.uint64,
            count=len(tokens),
        )
        k = min(self.config.shingle_size, len(ids))
        n = len(ids) - k + 1
        acc = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            acc = acc * _MULT + ids[j : j + n]
        return np.unique((acc ^ (acc >> np.uint64(29))) & _MASK32)

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        minhash = MinHash(
            num_perm=self.config.num_perm,
            permutations=self._permutations,
            hashfunc=int,
            scheme=_SCHEME,
        )
        if len(shingles):
            minhash.update_batch(shingles.tolist())
        return np.asarray(minhash.hashvalues, dtype=np.uint32)


def _title_key(folded_title: str) -> tuple[str, int]:
    # Sites append their own name to headlines ("... - Báo X", "... | Y"); drop that tail.
    head = re.split(r"\s+[-|–—]\s+(?=[^-|–—]{0,40}$)", folded_title)[0]
    tokens = words(head)
    return " ".join(tokens), len(tokens)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal MinHash values: an unbiased estimate of the Jaccard similarity."""
    return float(np.count_nonzero(a == b)) / float(len(a))


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """|A ∩ B| / min(|A|, |B|) implied by a Jaccard similarity and the two set sizes."""
    if jaccard <= 0 or min(size_a, size_b) == 0:
        return 0.0
    intersection = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, intersection / min(size_a, size_b))


class BandIndex:
    """MinHash-LSH candidates, band for band as datasketch's ``MinHashLSH`` with the same bands
    and rows (datasketch chooses them for the threshold), stored compactly.

    ``MinHashLSH`` keeps a Python bytes object, list and dict entry per band and item (about
    7 KB per item at 42 bands); here each band of each item is one 64-bit key beside a 32-bit
    item number in sorted numpy arrays (12 bytes), recent inserts waiting in a small dict that
    is merged in batches. Two items are candidates when all the rows of one band are equal, as
    in datasketch; the key is a hash of those rows, so a (vanishingly rare) hash collision adds
    a candidate, which the similarity check then rejects, and never loses one.
    """

    MERGE_EVERY = 2048  # items

    def __init__(self, bands: int, rows: int, seed: int = 1) -> None:
        self.bands, self.rows = bands, rows
        rng = np.random.default_rng(seed)
        self._mult = rng.integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
        self._salt = rng.integers(0, 2**63, size=bands, dtype=np.uint64)
        self._keys = np.empty(0, dtype=np.uint64)
        self._numbers = np.empty(0, dtype=np.uint32)
        self._pending: dict[int, list[int]] = {}
        self._pending_items = 0

    def __len__(self) -> int:
        return len(self._keys) // self.bands + self._pending_items

    def band_keys(self, signature: np.ndarray) -> np.ndarray:
        block = signature[: self.bands * self.rows].astype(np.uint64).reshape(self.bands, -1)
        with np.errstate(over="ignore"):
            key = (block * self._mult).sum(axis=1, dtype=np.uint64) ^ self._salt
            key ^= key >> np.uint64(31)  # mix the high bits into the low ones
            key *= np.uint64(0xBF58476D1CE4E5B9)
            key ^= key >> np.uint64(29)
        return key

    def insert(self, number: int, signature: np.ndarray) -> None:
        for key in self.band_keys(signature).tolist():
            self._pending.setdefault(key, []).append(number)
        self._pending_items += 1
        if self._pending_items >= self.MERGE_EVERY:
            self._merge()

    def query(self, signature: np.ndarray) -> set[int]:
        """Numbers of the items sharing at least one band with ``signature``."""
        keys = self.band_keys(signature)
        found: set[int] = set()
        if len(self._keys):
            left = np.searchsorted(self._keys, keys, side="left")
            right = np.searchsorted(self._keys, keys, side="right")
            for lo, hi in zip(left.tolist(), right.tolist(), strict=True):
                if hi > lo:
                    found.update(self._numbers[lo:hi].tolist())
        if self._pending:
            for key in keys.tolist():
                found.update(self._pending.get(key, ()))
        return found

    def _merge(self) -> None:
        size = sum(len(v) for v in self._pending.values())
        keys = np.empty(size, dtype=np.uint64)
        numbers = np.empty(size, dtype=np.uint32)
        at = 0
        for key, members in self._pending.items():
            keys[at : at + len(members)] = key
            numbers[at : at + len(members)] = members
            at += len(members)
        order = np.argsort(keys, kind="stable")
        keys, numbers = keys[order], numbers[order]
        where = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, where, keys)
        self._numbers = np.insert(self._numbers, where, numbers)
        self._pending.clear()
        self._pending_items = 0


class StoryClusterer:
    """Incremental story clustering: add items one at a time, in any order.

    Guarantees: re-adding a known id changes nothing; a story's id is the id of the first-added
    item of its group; :meth:`story_of` answers for every added id. Memory per item: one
    signature (``num_perm`` × 4 bytes), its band keys (12 bytes a band) and a few keys.
    """

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or DedupConfig()
        self._hasher = _Hasher(self.config)
        # datasketch picks the bands and rows that best fit the threshold.
        lsh = MinHashLSH(threshold=self.config.lsh_threshold, num_perm=self.config.num_perm)
        self._lsh = BandIndex(lsh.b, lsh.r, seed=self.config.seed)
        self._by_number: list[str] = []
        self._fingerprints: dict[str, Fingerprint] = {}
        self._order: dict[str, int] = {}
        self._parent: dict[str, str] = {}
        self._by_url: dict[str, str] = {}
        self._by_content: dict[str, str] = {}
        self._by_title: dict[tuple[str, str], list[str]] = {}

    # -- fingerprints -------------------------------------------------------------------------

    def fingerprint(self, item: Item) -> Fingerprint:
        """The dedup fingerprint of an item (pure; does not add it)."""
        body_tokens = words("\n".join(body_paragraphs(item.folded_text)))
        title_key, title_words = _title_key(item.folded_title)
        tokens = body_tokens
        if len(body_tokens) < self.config.min_shingles + self.config.shingle_size:
            tokens = words(item.folded_title) + body_tokens
        shingles = self._hasher.shingles(tokens)
        content = " ".join(words(item.folded_title)) + "\n" + " ".join(words(item.folded_text))
        content_key = hashlib.sha1(content.encode("utf-8"), usedforsecurity=False).hexdigest()
        return Fingerprint(
            item_id=item.id,
            source=item.source.strip().lower(),
            published_at=item.published_at,
            url_key=item.url_key,
            content_key=content_key[:20],
            title_key=title_key,
            title_words=title_words,
            n_shingles=len(shingles),
            signature=self._hasher.signature(shingles),
        )

    # -- union-find ---------------------------------------------------------------------------

    def _find(self, item_id: str) -> str:
        root = item_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item_id] != root:  # path compression
            self._parent[item_id], item_id = root, self._parent[item_id]
        return root

    def _union(self, a: str, b: str) -> str:
        root_a, root_b = self._find(a), self._find(b)
        if root_a == root_b:
            return root_a
        # The root is always the earliest-added item, which makes it the story id.
        if self._order[root_b] < self._order[root_a]:
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        return root_a

    # -- public API ---------------------------------------------------------------------------

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def story_of(self, item_id: str) -> str:
        """Story id of an added item (``KeyError`` if it was never added)."""
        return self._find(item_id)

    def add(self, item: Item) -> Assignment:
        """Place one item into a story, creating a new story when nothing matches."""
        if item.id in self._parent:
            return Assignment(item.id, self._find(item.id), "known")
        return self.add_fingerprint(self.fingerprint(item))

    def add_fingerprint(self, fp: Fingerprint) -> Assignment:
        """As :meth:`add`, for a fingerprint computed earlier (e.g. loaded from a database)."""
        if fp.item_id in self._parent:
            return Assignment(fp.item_id, self._find(fp.item_id), "known")
        matches = self._matches(fp)
        self._register(fp)
        if not matches:
            return Assignment(fp.item_id, fp.item_id, "new")
        for other_id, _reason, _sim in matches:
            self._union(fp.item_id, other_id)
        other_id, reason, similarity = matches[0]
        return Assignment(fp.item_id, self._find(fp.item_id), reason, other_id, similarity)

    def _register(self, fp: Fingerprint) -> None:
        self._fingerprints[fp.item_id] = fp
        self._order[fp.item_id] = len(self._order)
        self._by_number.append(fp.item_id)
        self._parent[fp.item_id] = fp.item_id
        if fp.url_key:
            self._by_url.setdefault(fp.url_key, fp.item_id)
        self._by_content.setdefault(fp.content_key, fp.item_id)
        if fp.title_words >= self.config.min_title_words:
            self._by_title.setdefault((fp.source, fp.title_key), []).append(fp.item_id)
        if fp.n_shingles:
            self._lsh.insert(self._order[fp.item_id], fp.signature)

    def _within(self, a: datetime | None, b: datetime | None, gap: timedelta) -> bool:
        return a is None or b is None or abs(a - b) <= gap

    def _matches(self, fp: Fingerprint) -> list[tuple[str, str, float | None]]:
        """Earlier items this one duplicates, best evidence first."""
        found: list[tuple[str, str, float | None]] = []
        if fp.url_key and fp.url_key in self._by_url:
            found.append((self._by_url[fp.url_key], "url", None))
        if fp.content_key in self._by_content:
            found.append((self._by_content[fp.content_key], "content", None))
        if found:
            return found
        config = self.config
        if fp.title_words >= config.min_title_words:
            for other_id in self._by_title.get((fp.source, fp.title_key), []):
                other = self._fingerprints[other_id]
                if not self._within(fp.published_at, other.published_at, config.title_window):
                    continue
                similarity = estimate_jaccard(fp.signature, other.signature)
                comparable = min(fp.n_shingles, other.n_shingles) >= config.min_shingles
                if comparable and similarity < config.title_body_jaccard:
                    continue
                found.append((other_id, "title", similarity))
        if fp.n_shingles:
            candidates = [self._by_number[n] for n in self._lsh.query(fp.signature)]
            scored = []
            for other_id in candidates:
                other = self._fingerprints[other_id]
                if not self._within(fp.published_at, other.published_at, config.max_gap):
                    continue
                similarity = estimate_jaccard(fp.signature, other.signature)
                short = min(fp.n_shingles, other.n_shingles) < config.min_shingles
                late = not self._within(fp.published_at, other.published_at, config.late_after)
                if short and not self._within(
                    fp.published_at, other.published_at, config.title_window
                ):
                    continue  # a short text is mostly its headline: same window as headlines
                if late and similarity < config.late_jaccard_threshold:
                    continue
                if self._is_near_duplicate(similarity, fp.n_shingles, other.n_shingles):
                    scored.append((other_id, "near", similarity))
            scored.sort(key=lambda m: (-(m[2] or 0.0), self._order[m[0]]))
            found.extend(scored)
        return found

    def _is_near_duplicate(self, jaccard: float, size_a: int, size_b: int) -> bool:
        config = self.config
        if min(size_a, size_b) < config.min_shingles:
            return jaccard >= config.short_jaccard_threshold
        if jaccard >= config.jaccard_threshold:
            return True
        return containment(jaccard, size_a, size_b) >= config.containment_threshold

    def assignments(self) -> dict[str, str]:
        """Item id → story id for every item added so far."""
        return {item_id: self._find(item_id) for item_id in self._parent}

    def stories(self) -> list[Story]:
        """Every story with its items in order of addition, first appearance and sources."""
        groups: dict[str, list[str]] = {}
        for item_id in sorted(self._parent, key=self._order.__getitem__):
            groups.setdefault(self._find(item_id), []).append(item_id)
        result = []
        for story_id, members in groups.items():
            ordered = sorted(members, key=self._time_key)
            sources: list[str] = []
            for member in ordered:
                source = self._fingerprints[member].source
                if source and source not in sources:
                    sources.append(source)
            result.append(
                Story(
                    story_id=story_id,
                    item_ids=members,
                    first_item_id=ordered[0],
                    first_published_at=self._fingerprints[ordered[0]].published_at,
                    sources=sources,
                )
            )
        return result

    def _time_key(self, item_id: str) -> tuple[bool, float, int]:
        published = self._fingerprints[item_id].published_at
        return (
            published is None,
            published.timestamp() if published else 0.0,
            self._order[item_id],
        )


def chronological(items: Iterable[Item]) -> list[Item]:
    """Items by publication time (undated last), input order breaking ties."""
    indexed = list(enumerate(items))
    indexed.sort(
        key=lambda pair: (
            pair[1].published_at is None,
            pair[1].published_at.timestamp() if pair[1].published_at else 0.0,
            pair[0],
        )
    )
    return [item for _, item in indexed]


def cluster(items: Iterable[Item], config: DedupConfig | None = None) -> dict[str, str]:
    """Item id → story id for a batch of items.

    Items are added in publication order, so each story id is the id of the story's earliest
    published item (input order breaks ties; undated items come last). Deterministic.
    """
    clusterer = StoryClusterer(config)
    for item in chronological(items):
        clusterer.add(item)
    return clusterer.assignments()
