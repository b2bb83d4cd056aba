"""Main text and metadata of an article page, with the feed's summary as a fallback.

trafilatura does the text extraction on a tree parsed here (so it never fetches anything); the
metadata a news page states explicitly (``<link rel=canonical>``, ``article:published_time``,
JSON-LD, ``<html lang>``) is read first because it is more reliable than heuristics. Hostile
pages are bounded before extraction: a byte limit before parsing, libxml2 without huge trees, and
limits on nesting depth and element count; extraction itself is time-boxed.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import lxml.etree as etree
import lxml.html
import trafilatura

from ttcs.monitoring.fetch.dates import parse_datetime
from ttcs.monitoring.fetch.feeds import FeedEntry
from ttcs.monitoring.fetch.policy import MB
from ttcs.monitoring.fetch.safe_http import FetchResult
from ttcs.monitoring.fetch.textdecode import decode_text

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 200
MAX_HTML_BYTES = 5 * MB
# libxml2 silently stops nesting at 256 levels; real article pages stay well below 60, so a page
# near the cap is built to exhaust parsers rather than to be read.
MAX_DEPTH = 200
MAX_ELEMENTS = 100_000
EXTRACTION_TIME_LIMIT = 10.0
_JSON_LD_MAX_CHARS = 200_000

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    """An article's text and metadata. ``from_summary`` is True when the feed summary was used."""

    url: str
    canonical_url: str | None
    title: str
    text: str
    published_at: datetime | None
    author: str | None
    language: str | None
    from_summary: bool = False


@dataclass(frozen=True, slots=True)
class ExtractionResult:
    """An article, or a Vietnamese ``reason`` why there is none; ``warnings`` explain fallbacks."""

    article: ExtractedArticle | None
    reason: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when an article with enough text was obtained."""
        return self.article is not None


class _PageError(Exception):
    """The page cannot give an article; the message is Vietnamese."""


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def extract_article(
    page: bytes | str,
    *,
    url: str,
    content_type: str | None = None,
    fallback: FeedEntry | None = None,
    min_chars: int = MIN_TEXT_CHARS,
    max_bytes: int = MAX_HTML_BYTES,
    max_depth: int = MAX_DEPTH,
    max_elements: int = MAX_ELEMENTS,
    time_limit: float = EXTRACTION_TIME_LIMIT,
) -> ExtractionResult:
    """The main text and metadata of ``page`` (fetched from ``url``); never raises.

    Guarantees: no network access; input over ``max_bytes``, nesting of ``max_depth`` levels or
    more, more than ``max_elements`` elements, or extraction longer than ``time_limit`` seconds
    give no page text. When the page text is missing or shorter than ``min_chars`` characters,
    the ``fallback`` feed entry's summary is used if it is long enough (``from_summary`` set and
    a warning given); otherwise the result has a Vietnamese ``reason`` and no article.
    ``published_at`` is aware in Asia/Ho_Chi_Minh or None; ``canonical_url`` is absolute.
    """
    try:
        article = _extract_page(
            page,
            url=url,
            content_type=content_type,
            max_bytes=max_bytes,
            max_depth=max_depth,
            max_elements=max_elements,
            time_limit=time_limit,
        )
        page_reason = None
        if len(article.text) < min_chars:
            page_reason = (
                f"Nội dung trang quá ngắn ({len(article.text)} ký tự; cần ít nhất {min_chars})"
            )
    except _PageError as error:
        article, page_reason = None, str(error)
    except Exception as error:  # extraction libraries must not take the pipeline down
        log.exception("extraction failed for %s", url)
        article, page_reason = None, f"Lỗi khi trích xuất nội dung ({type(error).__name__})"

    if page_reason is None and article is not None:
        return ExtractionResult(article)
    summary_article = _from_summary(fallback, url, article)
    if summary_article is not None and len(summary_article.text) >= min_chars:
        return ExtractionResult(
            summary_article, warnings=(f"{page_reason} — dùng phần tóm tắt của nguồn tin",)
        )
    if summary_article is not None:
        page_reason = (
            f"{page_reason}; phần tóm tắt của nguồn tin cũng quá ngắn "
            f"({len(summary_article.text)} ký tự)"
        )
    return ExtractionResult(None, reason=page_reason)


def extract_fetched(
    result: FetchResult, *, fallback: FeedEntry | None = None, **options: Any
) -> ExtractionResult:
    """:func:`extract_article` on a fetch result; a failed fetch falls back to the summary.

    Same guarantees as :func:`extract_article`; when the fetch failed, its reason is kept.
    """
    if result.ok:
        return extract_article(
            result.content,
            url=result.final_url or result.url,
            content_type=result.content_type,
            fallback=fallback,
            **options,
        )
    min_chars = int(options.get("min_chars", MIN_TEXT_CHARS))
    summary_article = _from_summary(fallback, result.url, None)
    reason = result.reason or "Không tải được trang"
    if summary_article is not None and len(summary_article.text) >= min_chars:
        return ExtractionResult(
            summary_article, warnings=(f"{reason} — dùng phần tóm tắt của nguồn tin",)
        )
    return ExtractionResult(None, reason=reason)


# --------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------


def _html_parser() -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(
        no_network=True, huge_tree=False, remove_comments=True, remove_pis=True
    )


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _parse_html(page: bytes | str, content_type: str | None, max_bytes: int) -> Any:
    size = len(page) if isinstance(page, bytes) else len(page.encode("utf-8", "replace"))
    if size > max_bytes:
        raise _PageError(
            f"Trang quá lớn để trích xuất ({size / MB:.1f} MB; giới hạn {max_bytes / MB:g} MB)"
        )
    text = decode_text(page, content_type).text if isinstance(page, bytes) else page
    # lxml refuses str input that still carries an encoding declaration.
    text = _XML_DECLARATION.sub("", text)
    if not text.strip():
        raise _PageError("Trang rỗng")
    try:
        return lxml.html.document_fromstring(text, parser=_html_parser())
    except (etree.ParserError, ValueError) as error:
        raise _PageError(f"Không phân tích được HTML ({type(error).__name__})") from None


def _check_shape(tree: Any, max_depth: int, max_elements: int) -> None:
    depth = deepest = count = 0
    for event, _element in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            count += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    if deepest >= max_depth:
        raise _PageError(f"Trang có cấu trúc HTML lồng nhau quá sâu ({deepest} tầng) — bỏ qua")
    if count > max_elements:
        raise _PageError(f"Trang có quá nhiều thẻ HTML ({count}) — bỏ qua")


def _run_with_time_limit(function: Callable[[], T], seconds: float) -> T:
    """Run ``function`` on a separate thread and give up waiting after ``seconds``.

    Python cannot stop a thread; a late extraction finishes in the background and its result is
    dropped. The size, depth and element limits keep such work bounded.
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed back to the caller's thread below
            outcome["error"] = error

    worker = threading.Thread(target=target, name="ttcs-extract", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise _PageError(f"Trích xuất nội dung quá {seconds:g} giây — bỏ qua")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _extract_page(
    page: bytes | str,
    *,
    url: str,
    content_type: str | None,
    max_bytes: int,
    max_depth: int,
    max_elements: int,
    time_limit: float,
) -> ExtractedArticle:
    tree = _parse_html(page, content_type, max_bytes)
    _check_shape(tree, max_depth, max_elements)
    meta = _page_metadata(tree, url)  # before trafilatura prunes the tree

    def run() -> Any:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )

    document = _run_with_time_limit(run, time_limit)
    text = _clean_text(getattr(document, "text", None) or "") if document is not None else ""
    extracted_title = (getattr(document, "title", None) or "") if document is not None else ""
    extracted_date = getattr(document, "date", None) if document is not None else None
    extracted_author = _clean_line(str(getattr(document, "author", None) or ""))
    language = meta.language or _guess_language(text)
    return ExtractedArticle(
        url=url,
        canonical_url=meta.canonical_url,
        title=meta.title or _clean_line(extracted_title),
        text=text,
        published_at=meta.published_at or parse_datetime(extracted_date),
        author=meta.author or extracted_author or None,
        language=language,
    )


def _from_summary(
    fallback: FeedEntry | None, url: str, page: ExtractedArticle | None
) -> ExtractedArticle | None:
    if fallback is None or not fallback.summary.strip():
        return None
    return ExtractedArticle(
        url=page.url if page else (fallback.url or url),
        canonical_url=page.canonical_url if page else None,
        title=(page.title if page and page.title else fallback.title),
        text=_clean_text(fallback.summary),
        published_at=(page.published_at if page and page.published_at else fallback.published_at),
        author=page.author if page else None,
        language=(page.language if page else None) or _guess_language(fallback.summary),
        from_summary=True,
    )


# --------------------------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PageMeta:
    title: str
    canonical_url: str | None
    published_at: datetime | None
    author: str | None
    language: str | None


_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
)
_AUTHOR_META = ("author", "article:author", "dc.creator")


def _meta_values(tree: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        content = (node.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    return values


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for node in tree.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json" or not node.text:
            continue
        if len(node.text) > _JSON_LD_MAX_CHARS:
            continue
        try:
            data = json.loads(node.text)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack and len(found) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return found


def _ld_author(value: Any) -> str | None:
    if isinstance(value, str):
        return _clean_line(value) or None
    if isinstance(value, dict):
        return _ld_author(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (_ld_author(item) for item in value) if name]
        return ", ".join(names) or None
    return None


def _page_metadata(tree: Any, url: str) -> _PageMeta:
    meta = _meta_values(tree)
    ld = _json_ld(tree)

    canonical = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href").strip()
            break
    canonical = _absolute(canonical or meta.get("og:url"), url)

    published = None
    for key in _DATE_META:
        published = parse_datetime(meta.get(key))
        if published is not None:
            break
    if published is None:
        for item in ld:
            published = parse_datetime(item.get("datePublished"))
            if published is not None:
                break

    author = None
    for key in _AUTHOR_META:
        value = meta.get(key, "")
        if value and not value.lower().startswith(("http://", "https://")):
            author = _clean_line(value)
            break
    if author is None:
        for item in ld:
            author = _ld_author(item.get("author"))
            if author:
                break

    title = _clean_line(meta.get("og:title", ""))
    if not title:
        title_node = tree.find(".//title")
        title = _clean_line(title_node.text_content()) if title_node is not None else ""

    declared = tree.get("lang") or meta.get("content-language") or meta.get("og:locale")
    language = _language_code(declared)
    return _PageMeta(title, canonical, published, author or None, language)


def _absolute(href: str | None, base: str) -> str | None:
    if not href:
        return None
    candidate = urljoin(base, href.strip())
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    return candidate if parts.scheme in ("http", "https") and parts.netloc else None


def _language_code(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


# Letters that occur in Vietnamese and (practically) nowhere else.
_VIETNAMESE_MARKERS = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def _guess_language(text: str) -> str | None:
    letters = [ch for ch in text[:5000].lower() if ch.isalpha()]
    if len(letters) < 40:
        return None
    share = sum(ch in _VIETNAMESE_MARKERS for ch in letters) / len(letters)
    return "vi" if share > 0.03 else None


_SPACES = re.compile(r"[ \t\u00a0]+")


def _clean_line(value: str) -> str:
    return " ".join(value.split())


def _clean_text(value: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in value.splitlines())
    return "\n".join(line for line in lines if line)
