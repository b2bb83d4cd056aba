"""Feeds and sitemaps to entries: RSS, Atom, sitemaps, sitemap indexes and Google News sitemaps.

Parsing works on bytes already fetched by :class:`~ttcs.monitoring.fetch.safe_http.SafeHttpClient`
— feedparser is handed a byte stream, never a string it could treat as a URL or file path.
Documents that declare XML entities are refused before any parser sees them (billion laughs,
quadratic blow-up, external entities); lxml runs with entity expansion, DTD loading, network
access and huge trees all off. Nothing here raises: a bad document gives a Vietnamese ``error``.
"""

from __future__ import annotations

import codecs
import html
import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree as etree
import lxml.html

from ttcs.monitoring.fetch.bodies import gunzip_bounded
from ttcs.monitoring.fetch.dates import VN_TZ, parse_datetime
from ttcs.monitoring.fetch.policy import MB
from ttcs.monitoring.fetch.safe_http import FetchResult, SafeHttpClient

log = logging.getLogger(__name__)

MAX_FEED_BYTES = 5 * MB
MAX_SITEMAP_URLS = 50_000  # the sitemaps.org limit per file
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


class FeedKind(StrEnum):
    """The kind of document a feed URL returned."""

    RSS = "rss"  # RSS 0.9x, 1.0 (RDF) or 2.0
    ATOM = "atom"
    SITEMAP = "sitemap"  # <urlset> without news extensions
    NEWS_SITEMAP = "news_sitemap"  # <urlset> with Google News <news:news> entries
    SITEMAP_INDEX = "sitemap_index"  # <sitemapindex>: links to further sitemaps


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed or sitemap. ``published_at`` is aware, in Asia/Ho_Chi_Minh, or None."""

    url: str
    title: str
    summary: str
    published_at: datetime | None
    guid: str


@dataclass(frozen=True, slots=True)
class SitemapRef:
    """A child sitemap listed by a sitemap index."""

    url: str
    lastmod: datetime | None


@dataclass(frozen=True, slots=True)
class FeedParseResult:
    """Entries of one document, or an ``error`` (Vietnamese) saying why there are none."""

    kind: FeedKind | None
    entries: tuple[FeedEntry, ...] = ()
    sitemaps: tuple[SitemapRef, ...] = ()
    title: str = ""
    error: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the document was understood (it may still have no entries)."""
        return self.error is None


def _failure(message: str) -> FeedParseResult:
    return FeedParseResult(kind=None, error=message)


# --------------------------------------------------------------------------------------------
# Screening
# --------------------------------------------------------------------------------------------

_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)[\s>/]")
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>")
_HEAD_BYTES = 64 * 1024


def _as_utf8(content: bytes) -> bytes:
    """UTF-16/32 documents re-encoded to UTF-8 so that byte-level screening sees the markup."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if content.startswith(bom):
            text = content.decode(codec, "replace")
            return _XML_DECL.sub(b"", text.encode("utf-8")).lstrip()
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :]
    return content


_DOCTYPE = re.compile(rb"<!doctype", re.IGNORECASE)
_ENTITY = re.compile(rb"<!entity", re.IGNORECASE)


def _declares_entities(content: bytes) -> bool:
    """True when the document may declare entities (the only way to an XML bomb or XXE).

    Declarations live in a DOCTYPE's internal subset; rather than parse the DTD to find where
    it ends (attribute defaults may contain markup), any ``<!ENTITY`` in a document that has a
    DOCTYPE counts. Feeds and sitemaps have no use for entity declarations.
    """
    return bool(_DOCTYPE.search(content) and _ENTITY.search(content))


def _root_name(content: bytes) -> str | None:
    head = _COMMENT.sub(b"", content[:_HEAD_BYTES])
    match = _FIRST_TAG.search(head)
    if match is None:
        return None
    return match.group(1).decode("ascii", "ignore").rsplit(":", 1)[-1].lower()


# --------------------------------------------------------------------------------------------
# Public parsing entry point
# --------------------------------------------------------------------------------------------


def parse_feed(
    content: bytes,
    *,
    base_url: str = "",
    content_type: str | None = None,
    max_bytes: int = MAX_FEED_BYTES,
) -> FeedParseResult:
    """Entries of an RSS/Atom feed, sitemap, news sitemap or sitemap index; never raises.

    Guarantees: every entry URL is absolute http(s) (relative links resolved against
    ``base_url``) and unique within the result; ``published_at`` is aware in Asia/Ho_Chi_Minh
    (naive feed times are read as Vietnam time) or None; titles and summaries are plain text.
    Documents over ``max_bytes`` (also after gunzip), documents declaring XML entities, HTML
    pages and malformed XML without recoverable entries give an ``error`` and no entries.
    """
    try:
        return _parse(content, base_url=base_url, content_type=content_type, max_bytes=max_bytes)
    except Exception as error:  # a feed must never take the polling loop down
        log.exception("feed parsing failed for %s", base_url)
        return _failure(f"Không đọc được nguồn tin ({type(error).__name__})")


def _parse(
    content: bytes, *, base_url: str, content_type: str | None, max_bytes: int
) -> FeedParseResult:
    if len(content) > max_bytes:
        return _failure(f"Nguồn tin vượt quá giới hạn dung lượng {max_bytes // MB} MB")
    if content.startswith(b"\x1f\x8b"):
        inflated = gunzip_bounded(content, max_bytes)
        if inflated is None:
            return _failure(f"Tệp nén (gzip) hỏng hoặc vượt quá {max_bytes // MB} MB khi giải nén")
        content = inflated
    content = _as_utf8(content)
    if not content.strip():
        return _failure("Nguồn tin rỗng")
    if _declares_entities(content):
        return _failure(
            "Tài liệu XML khai báo thực thể (ENTITY) — bị từ chối để phòng tấn công “XML bomb”"
        )
    root = _root_name(content)
    if root in ("urlset", "sitemapindex"):
        return _parse_sitemap(content, base_url)
    if root == "html":
        return _failure("Địa chỉ trả về một trang HTML, không phải nguồn RSS/Atom hay sitemap")
    if root is None:
        return _parse_text_sitemap(content, base_url)
    return _parse_with_feedparser(content, base_url, content_type)


# --------------------------------------------------------------------------------------------
# Shared by feeds and sitemaps
# --------------------------------------------------------------------------------------------


def _absolute_http(url: str | None, base_url: str) -> str | None:
    if not url:
        return None
    candidate = urljoin(base_url, url.strip()) if base_url else url.strip()
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return candidate


_SPACES = re.compile(r"\s+")


def _plain(value: str, *, is_html: bool) -> str:
    """Markup to readable text, one line, entities decoded."""
    if not value:
        return ""
    if is_html and "<" in value:
        try:
            fragment = lxml.html.fragment_fromstring(
                value, create_parent="div", parser=_html_parser()
            )
            value = fragment.text_content()
        except (etree.ParserError, ValueError, TypeError):
            value = re.sub(r"<[^>]*>", " ", value)
    return _SPACES.sub(" ", html.unescape(value)).strip()


def _html_parser() -> lxml.html.HTMLParser:
    # A new parser per call: lxml parsers are not safe to share between threads.
    return lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True)


class _Collector:
    """Entries in document order, without repeated URLs, counting what was dropped."""

    def __init__(self) -> None:
        self.entries: list[FeedEntry] = []
        self._urls: set[str] = set()
        self.unusable = 0
        self.repeated = 0

    def add(self, entry: FeedEntry) -> None:
        if entry.url in self._urls:
            self.repeated += 1
            return
        self._urls.add(entry.url)
        self.entries.append(entry)

    def warnings(self) -> list[str]:
        notes = []
        if self.unusable:
            notes.append(f"Bỏ qua {self.unusable} mục không có đường dẫn http/https hợp lệ")
        if self.repeated:
            notes.append(f"Bỏ qua {self.repeated} mục trùng đường dẫn")
        return notes


# --------------------------------------------------------------------------------------------
# RSS / Atom
# --------------------------------------------------------------------------------------------


def _bozo_text(error: object) -> str:
    line = getattr(error, "getLineNumber", None)
    message = str(getattr(error, "getMessage", lambda: error)())
    if callable(line):
        return f"lỗi cú pháp XML ở dòng {line()}: {message}"[:300]
    return f"{type(error).__name__}: {message}"[:300]


def _struct_time(value: Any) -> datetime | None:
    try:
        year, month, day, hour, minute, second = (int(part) for part in value[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC).astimezone(VN_TZ)
    except (TypeError, ValueError, OverflowError):
        return None


def _entry_time(entry: Any) -> datetime | None:
    # The raw string first: feedparser reads a time without offset as UTC, but Vietnamese sites
    # that omit the offset mean Vietnam time.
    for key in ("published", "updated", "created"):
        moment = parse_datetime(entry.get(key))
        if moment is not None:
            return moment
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            moment = _struct_time(value)
            if moment is not None:
                return moment
    return None


def _entry_summary(entry: Any) -> str:
    summary = entry.get("summary") or ""
    if not summary:
        contents = entry.get("content") or []
        summary = contents[0].get("value", "") if contents else ""
    return _plain(summary, is_html=True)


def _parse_with_feedparser(
    content: bytes, base_url: str, content_type: str | None
) -> FeedParseResult:
    headers = {"content-type": content_type or "application/xml"}
    if base_url:
        headers["content-location"] = base_url
    parsed = feedparser.parse(
        io.BytesIO(content),  # a stream: a str or bytes could be opened as a URL or a file
        response_headers=headers,
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    version = str(parsed.get("version") or "")
    raw_entries = parsed.get("entries") or []
    bozo = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not raw_entries:
        if bozo is not None and not version:
            return _failure(f"Nguồn tin không đúng định dạng RSS/Atom ({_bozo_text(bozo)})")
        if not version:
            return _failure("Không nhận ra định dạng RSS/Atom hay sitemap")
    kind = FeedKind.ATOM if version.startswith("atom") else FeedKind.RSS
    feed_info = parsed.get("feed") or {}
    title = _plain(str(feed_info.get("title") or ""), is_html=False)
    collector = _Collector()
    for raw in raw_entries:
        guid = str(raw.get("id") or "")
        url = _absolute_http(raw.get("link"), base_url) or _absolute_http(guid, base_url)
        if url is None:
            collector.unusable += 1
            continue
        title_detail = raw.get("title_detail") or {}
        collector.add(
            FeedEntry(
                url=url,
                title=_plain(
                    str(raw.get("title") or ""),
                    is_html=str(title_detail.get("type", "")).endswith("html"),
                ),
                summary=_entry_summary(raw),
                published_at=_entry_time(raw),
                guid=guid or url,
            )
        )
    if bozo is not None and not collector.entries:
        return _failure(f"Nguồn tin không đúng định dạng RSS/Atom ({_bozo_text(bozo)})")
    warnings = collector.warnings()
    if bozo is not None:
        warnings.insert(0, f"Nguồn tin có lỗi định dạng nhưng vẫn đọc được ({_bozo_text(bozo)})")
    return FeedParseResult(
        kind=kind, entries=tuple(collector.entries), title=title, warnings=tuple(warnings)
    )


# --------------------------------------------------------------------------------------------
# Sitemaps
# --------------------------------------------------------------------------------------------


def _xml_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions, entity references
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _child_text(element: Any, name: str) -> str:
    for child in element:
        if _local(child) == name:
            return (child.text or "").strip()
    return ""


def _child(element: Any, name: str) -> Any | None:
    for child in element:
        if _local(child) == name:
            return child
    return None


def _parse_sitemap(content: bytes, base_url: str) -> FeedParseResult:
    try:
        root = etree.fromstring(content, _xml_parser())
    except etree.XMLSyntaxError as error:
        return _failure(f"Sitemap không đúng định dạng XML (dòng {error.lineno}): {error.msg}")
    if _local(root) == "sitemapindex":
        refs: list[SitemapRef] = []
        seen: set[str] = set()
        for node in root:
            if _local(node) != "sitemap":
                continue
            url = _absolute_http(_child_text(node, "loc"), base_url)
            if url and url not in seen and len(refs) < MAX_SITEMAP_URLS:
                seen.add(url)
                refs.append(SitemapRef(url, parse_datetime(_child_text(node, "lastmod"))))
        return FeedParseResult(kind=FeedKind.SITEMAP_INDEX, sitemaps=tuple(refs))

    collector = _Collector()
    has_news = False
    for node in root:
        if _local(node) != "url":
            continue
        if len(collector.entries) >= MAX_SITEMAP_URLS:
            break
        url = _absolute_http(_child_text(node, "loc"), base_url)
        if url is None:
            collector.unusable += 1
            continue
        news = _child(node, "news")
        title = ""
        # Google News gives the publication time; otherwise lastmod is the best time on offer
        # (the page's own date, read at extraction, replaces it).
        published = None
        if news is not None:
            has_news = True
            title = _plain(_child_text(news, "title"), is_html=False)
            published = parse_datetime(_child_text(news, "publication_date"))
        if published is None:
            published = parse_datetime(_child_text(node, "lastmod"))
        collector.add(FeedEntry(url=url, title=title, summary="", published_at=published, guid=url))
    return FeedParseResult(
        kind=FeedKind.NEWS_SITEMAP if has_news else FeedKind.SITEMAP,
        entries=tuple(collector.entries),
        warnings=tuple(collector.warnings()),
    )


def _parse_text_sitemap(content: bytes, base_url: str) -> FeedParseResult:
    """sitemaps.org also allows a plain text file with one URL per line."""
    text = content.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not all(line.lower().startswith(("http://", "https://")) for line in lines):
        return _failure("Không nhận ra định dạng RSS/Atom hay sitemap")
    collector = _Collector()
    for line in lines[:MAX_SITEMAP_URLS]:
        url = _absolute_http(line, base_url)
        if url is None:
            collector.unusable += 1
            continue
        collector.add(FeedEntry(url=url, title="", summary="", published_at=None, guid=url))
    return FeedParseResult(
        kind=FeedKind.SITEMAP,
        entries=tuple(collector.entries),
        warnings=tuple(collector.warnings()),
    )


# --------------------------------------------------------------------------------------------
# Fetch + parse
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """One poll of a feed URL: the fetch, what it parsed to, and the entries (children merged)."""

    fetch: FetchResult
    parsed: FeedParseResult | None
    entries: tuple[FeedEntry, ...]
    error: str | None
    children: tuple[FetchResult, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the feed was fetched (or was unchanged) and understood."""
        return self.error is None


def poll_feed(
    client: SafeHttpClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_child_sitemaps: int = 3,
) -> FeedPoll:
    """Fetch ``url`` through ``client`` and parse it; never raises.

    A 304 gives no entries and no error (keep ``etag``/``last_modified`` from the previous
    poll). For a sitemap index, the ``max_child_sitemaps`` most recently modified children are
    fetched and their entries merged (duplicates removed); deeper nesting is not followed.
    """
    result = client.fetch(url, etag=etag, last_modified=last_modified, accept=FEED_ACCEPT)
    if result.not_modified:
        return FeedPoll(result, None, (), None)
    if result.failed:
        return FeedPoll(result, None, (), result.reason)
    parsed = parse_feed(
        result.content, base_url=result.final_url or url, content_type=result.content_type
    )
    if parsed.error is not None:
        return FeedPoll(result, parsed, (), parsed.error)
    collector = _Collector()
    for entry in parsed.entries:
        collector.add(entry)
    children: list[FetchResult] = []
    if parsed.kind is FeedKind.SITEMAP_INDEX:
        newest_first = sorted(
            parsed.sitemaps,
            key=lambda ref: ref.lastmod or datetime.min.replace(tzinfo=UTC),
            reverse=True,
        )
        for ref in newest_first[: max(0, max_child_sitemaps)]:
            child = client.fetch(ref.url, accept=FEED_ACCEPT)
            children.append(child)
            if not child.ok:
                continue
            child_parsed = parse_feed(
                child.content, base_url=child.final_url or ref.url, content_type=child.content_type
            )
            for entry in child_parsed.entries:
                collector.add(entry)
    return FeedPoll(result, parsed, tuple(collector.entries), None, tuple(children))
