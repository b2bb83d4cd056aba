"""Article text and metadata from pages, with the feed summary as the fallback."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from ttcs.monitoring.fetch import extract as extract_module
from ttcs.monitoring.fetch.extract import extract_article, extract_fetched
from ttcs.monitoring.fetch.feeds import FeedEntry
from ttcs.monitoring.fetch.safe_http import FetchResult, FetchStatus

pytestmark = pytest.mark.timeout(30)

VN = ZoneInfo("Asia/Ho_Chi_Minh")

PARAGRAPHS = [
    "Sáng 20/1, Ủy ban nhân dân tỉnh tổ chức hội nghị triển khai kế hoạch truyền thông chính sách "
    "năm 2026 với sự tham gia của các sở, ngành và Ủy ban nhân dân các xã.",
    "Theo báo cáo, các cơ quan đã chủ động cung cấp thông tin cho báo chí về những chính sách mới "
    "có tác động lớn tới người dân và doanh nghiệp trên địa bàn.",
    "Lãnh đạo tỉnh đề nghị tiếp tục nâng cao chất lượng họp báo định kỳ, trả lời kịp thời phản ánh "
    "của người dân và công khai kết quả xử lý trên cổng thông tin điện tử.",
]

ARTICLE = f"""<!DOCTYPE html>
<html lang="vi-VN"><head>
<meta charset="utf-8">
<title>Tỉnh triển khai kế hoạch | Báo Tin Thử</title>
<meta property="og:title" content="Tỉnh triển khai kế hoạch truyền thông chính sách năm 2026">
<meta property="article:published_time" content="2026-01-20T08:30:00+07:00">
<link rel="canonical" href="/thoi-su/ke-hoach.html">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "NewsArticle",
  "author": {{"@type": "Person", "name": "Trần Thị Bình"}}}}
</script>
</head><body>
<nav><a href="/">Trang chủ</a> | <a href="/thoi-su">Thời sự</a></nav>
<article><h1>Tỉnh triển khai kế hoạch truyền thông chính sách năm 2026</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<footer>Bản quyền thuộc về Báo Tin Thử</footer>
</body></html>"""

LONG_SUMMARY = (
    "Tỉnh yêu cầu các sở, ngành cung cấp thông tin định kỳ hằng tháng cho báo chí, tổ chức họp "
    "báo ít nhất mỗi quý một lần và phân công người phát ngôn cho từng lĩnh vực; kết quả thực "
    "hiện được tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 15 hằng tháng."
)


def entry(summary: str) -> FeedEntry:
    return FeedEntry(
        url="https://tin.example.vn/thoi-su/ke-hoach.html",
        title="Tiêu đề từ nguồn tin",
        summary=summary,
        published_at=datetime(2026, 1, 20, 7, 0, tzinfo=VN),
        guid="tin-1",
    )


def test_article_text_and_metadata_are_extracted() -> None:
    result = extract_article(
        ARTICLE.encode("utf-8"),
        url="https://tin.example.vn/thoi-su/ke-hoach.html?utm_source=rss",
        content_type="text/html; charset=utf-8",
    )

    assert result.ok, result.reason
    article = result.article
    assert article is not None
    assert article.title == "Tỉnh triển khai kế hoạch truyền thông chính sách năm 2026"
    assert all(paragraph in article.text for paragraph in PARAGRAPHS)
    assert "Trang chủ" not in article.text and "Bản quyền" not in article.text
    assert article.published_at == datetime(2026, 1, 20, 8, 30, tzinfo=VN)
    assert article.author == "Trần Thị Bình"
    assert article.canonical_url == "https://tin.example.vn/thoi-su/ke-hoach.html"
    assert article.language == "vi"
    assert not article.from_summary


def test_short_page_falls_back_to_the_feed_summary() -> None:
    page = "<html><body><p>Xem video.</p></body></html>"

    result = extract_article(page, url="https://tin.example.vn/v", fallback=entry(LONG_SUMMARY))

    assert result.ok
    assert result.article is not None and result.article.from_summary
    assert result.article.text == LONG_SUMMARY
    assert result.article.published_at == datetime(2026, 1, 20, 7, 0, tzinfo=VN)
    assert "quá ngắn" in result.warnings[0]


def test_too_little_text_anywhere_is_rejected_with_a_reason() -> None:
    page = "<html><body><p>Xem video.</p></body></html>"

    result = extract_article(page, url="https://tin.example.vn/v", fallback=entry("Ngắn."))

    assert not result.ok
    assert result.reason is not None
    assert "cần ít nhất 200" in result.reason
    assert "tóm tắt của nguồn tin cũng quá ngắn" in result.reason


def test_oversized_page_is_not_parsed() -> None:
    page = b"<html><body>" + b"<p>a</p>" * 200_000 + b"</body></html>"

    result = extract_article(page, url="https://tin.example.vn/lon", max_bytes=1024 * 1024)

    assert not result.ok
    assert result.reason is not None and "quá lớn" in result.reason


def test_deeply_nested_markup_is_refused() -> None:
    page = "<html><body>" + "<div>" * 5000 + "chữ" + "</div>" * 5000 + "</body></html>"

    started = time.monotonic()
    result = extract_article(page, url="https://tin.example.vn/long-nhau")

    assert not result.ok
    assert result.reason is not None and "lồng nhau quá sâu" in result.reason
    assert time.monotonic() - started < 2.0


def test_too_many_elements_are_refused() -> None:
    page = "<html><body>" + "<span>x</span>" * 5000 + "</body></html>"

    result = extract_article(page, url="https://tin.example.vn/the", max_elements=1000)

    assert result.reason is not None and "quá nhiều thẻ" in result.reason


def test_slow_extraction_is_time_boxed(monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(*_args: Any, **_kwargs: Any) -> None:
        time.sleep(1.0)

    monkeypatch.setattr(extract_module.trafilatura, "bare_extraction", stuck)

    started = time.monotonic()
    result = extract_article(ARTICLE, url="https://tin.example.vn/x", time_limit=0.2)

    assert result.reason == "Trích xuất nội dung quá 0.2 giây — bỏ qua"
    assert time.monotonic() - started < 0.9


def test_failed_fetch_uses_the_summary_and_keeps_the_reason() -> None:
    failed = FetchResult(
        url="https://tin.example.vn/x",
        status=FetchStatus.TIMEOUT,
        reason="Máy chủ trả lời chậm quá 20 giây",
    )

    with_summary = extract_fetched(failed, fallback=entry(LONG_SUMMARY))
    without = extract_fetched(failed)

    assert with_summary.ok
    assert with_summary.warnings[0].startswith("Máy chủ trả lời chậm quá 20 giây")
    assert without.reason == "Máy chủ trả lời chậm quá 20 giây"


def test_fetched_windows_1258_page_is_extracted() -> None:
    html = ARTICLE.replace('<meta charset="utf-8">', "")
    fetched = FetchResult(
        url="https://tin.example.vn/thoi-su/ke-hoach.html",
        status=FetchStatus.OK,
        content=_windows_1258(html),
        content_type="text/html; charset=windows-1258",
    )

    result = extract_fetched(fetched)

    assert result.ok, result.reason
    assert result.article is not None and PARAGRAPHS[0] in result.article.text


def _windows_1258(text: str) -> bytes:
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
        out.append(base + "".join(p for p in parts if p in tones))
    return "".join(out).encode("cp1258")
