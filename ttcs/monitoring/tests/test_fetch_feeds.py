"""Feeds and sitemaps, fetched from a real local server and parsed without trusting them."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from ttcs.monitoring.fetch.feeds import FeedKind, parse_feed, poll_feed
from ttcs.monitoring.fetch.policy import FetchPolicy
from ttcs.monitoring.fetch.safe_http import FetchStatus, SafeHttpClient

pytestmark = pytest.mark.timeout(30)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class ManualClock:
    def __init__(self) -> None:
        self.t = 0.0

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return datetime(2026, 1, 20, tzinfo=UTC) + timedelta(seconds=self.t)

    def sleep(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture(scope="module")
def _server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(_server: HTTPServer) -> Iterator[HTTPServer]:
    _server.clear()
    _server.expect_request("/robots.txt").respond_with_data("", status=404)
    yield _server
    _server.clear()


@pytest.fixture
def client(server: HTTPServer) -> SafeHttpClient:
    policy = FetchPolicy.build(
        allowed_private_hosts={"127.0.0.1"}, allowed_ports={f"127.0.0.1:{server.port}"}
    )
    return SafeHttpClient(policy, clock=ManualClock())


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Báo Tin Thử</title>
<item>
  <title>Tỉnh triển khai kế hoạch truyền thông chính sách năm 2026</title>
  <link>/thoi-su/ke-hoach-truyen-thong.html</link>
  <description>&lt;p&gt;Sở Văn hóa &lt;b&gt;hướng dẫn&lt;/b&gt;
    các xã cung cấp thông tin.&lt;/p&gt;</description>
  <pubDate>Tue, 20 Jan 2026 08:30:00 +0700</pubDate>
  <guid isPermaLink="false">tin-1001</guid>
</item>
<item>
  <title>Họp báo định kỳ quý I</title>
  <link>https://tin.example.vn/thoi-su/hop-bao.html</link>
  <pubDate>Tue, 20 Jan 2026 09:00:00</pubDate>
</item>
<item><title>Không có đường dẫn</title><link>javascript:void(0)</link></item>
<item><title>Bản trùng</title><link>https://tin.example.vn/thoi-su/hop-bao.html</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Cổng thông tin tỉnh</title>
<entry>
  <title type="html">Thông cáo &lt;em&gt;báo chí&lt;/em&gt; về dịch vụ công</title>
  <link href="https://cong.example.vn/thong-cao/1"/>
  <id>urn:uuid:1</id>
  <updated>2026-01-20T01:30:00Z</updated>
  <summary>Tóm tắt thông cáo.</summary>
</entry>
</feed>"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://tin.example.vn/a.html</loc><lastmod>2026-01-19</lastmod></url>
  <url><loc>https://tin.example.vn/b.html</loc></url>
  <url><loc>ftp://tin.example.vn/c</loc></url>
</urlset>"""

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://tin.example.vn/chinh-sach-moi.html</loc>
    <news:news>
      <news:publication><news:name>Tin Thử</news:name><news:language>vi</news:language>
      </news:publication>
      <news:publication_date>2026-01-20T10:15:00+07:00</news:publication_date>
      <news:title>Chính sách mới về hỗ trợ nhà ở xã hội</news:title>
    </news:news>
  </url>
</urlset>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title><link>http://a.vn/</link></item>
</channel></rss>"""

XXE_SITEMAP = """<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://tin.example.vn/&xxe;</loc></url>
</urlset>"""


def serve(server: HTTPServer, path: str, body: str | bytes, content_type: str, **kw: Any) -> str:
    server.expect_request(path).respond_with_data(body, content_type=content_type, **kw)
    return server.url_for(path)


def test_rss_feed_gives_absolute_unique_entries_in_vietnam_time(
    server: HTTPServer, client: SafeHttpClient
) -> None:
    url = serve(server, "/rss/thoi-su.rss", RSS, "application/rss+xml; charset=utf-8")

    poll = poll_feed(client, url)

    assert poll.ok, poll.error
    assert poll.parsed is not None and poll.parsed.kind is FeedKind.RSS
    assert poll.parsed.title == "Báo Tin Thử"
    first, second = poll.entries
    assert first.url == server.url_for("/thoi-su/ke-hoach-truyen-thong.html")
    assert first.summary == "Sở Văn hóa hướng dẫn các xã cung cấp thông tin."
    assert first.published_at == datetime(2026, 1, 20, 8, 30, tzinfo=VN)
    assert first.published_at is not None and first.published_at.tzinfo is not None
    assert first.guid.endswith("tin-1001")
    # No offset in the feed: a Vietnamese site means Vietnam time, not UTC.
    assert second.published_at == datetime(2026, 1, 20, 9, 0, tzinfo=VN)
    assert any("không có đường dẫn" in w for w in poll.parsed.warnings)
    assert any("trùng" in w for w in poll.parsed.warnings)


def test_atom_feed_is_parsed_with_plain_titles(server: HTTPServer, client: SafeHttpClient) -> None:
    url = serve(server, "/atom.xml", ATOM, "application/atom+xml")

    poll = poll_feed(client, url)

    assert poll.parsed is not None and poll.parsed.kind is FeedKind.ATOM
    (entry,) = poll.entries
    assert entry.title == "Thông cáo báo chí về dịch vụ công"
    assert entry.summary == "Tóm tắt thông cáo."
    assert entry.published_at == datetime(2026, 1, 20, 8, 30, tzinfo=VN)
    assert entry.guid == "urn:uuid:1"


def test_sitemap_lists_http_urls_with_lastmod(server: HTTPServer, client: SafeHttpClient) -> None:
    url = serve(server, "/sitemap.xml", SITEMAP, "application/xml")

    poll = poll_feed(client, url)

    assert poll.parsed is not None and poll.parsed.kind is FeedKind.SITEMAP
    assert [e.url for e in poll.entries] == [
        "https://tin.example.vn/a.html",
        "https://tin.example.vn/b.html",
    ]
    assert poll.entries[0].published_at == datetime(2026, 1, 19, tzinfo=VN)
    assert poll.entries[1].published_at is None


def test_news_sitemap_gives_titles_and_publication_dates(
    server: HTTPServer, client: SafeHttpClient
) -> None:
    url = serve(server, "/news-sitemap.xml", NEWS_SITEMAP, "text/xml")

    poll = poll_feed(client, url)

    assert poll.parsed is not None and poll.parsed.kind is FeedKind.NEWS_SITEMAP
    (entry,) = poll.entries
    assert entry.title == "Chính sách mới về hỗ trợ nhà ở xã hội"
    assert entry.published_at == datetime(2026, 1, 20, 10, 15, tzinfo=VN)


def test_sitemap_index_follows_the_newest_children(
    server: HTTPServer, client: SafeHttpClient
) -> None:
    older = serve(server, "/sm-old.xml", SITEMAP, "application/xml")
    newer = serve(
        server, "/sm-new.xml.gz", gzip.compress(NEWS_SITEMAP.encode()), "application/gzip"
    )
    index = f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{older}</loc><lastmod>2025-12-01</lastmod></sitemap>
  <sitemap><loc>{newer}</loc><lastmod>2026-01-20T10:00:00+07:00</lastmod></sitemap>
</sitemapindex>"""
    url = serve(server, "/sitemap-index.xml", index, "application/xml")

    poll = poll_feed(client, url, max_child_sitemaps=1)

    assert poll.parsed is not None and poll.parsed.kind is FeedKind.SITEMAP_INDEX
    assert [child.url for child in poll.children] == [newer]
    assert [e.url for e in poll.entries] == ["https://tin.example.vn/chinh-sach-moi.html"]


def test_malformed_feed_gives_a_readable_error(server: HTTPServer, client: SafeHttpClient) -> None:
    broken = "<rss version='2.0'><channel><item><title>Lỗi</title><link>http://a.vn/x</lin>"
    url = serve(server, "/broken.rss", broken, "application/rss+xml")

    poll = poll_feed(client, url)

    assert not poll.ok
    assert poll.error is not None and "không đúng định dạng RSS/Atom" in poll.error
    assert poll.entries == ()


def test_xml_bomb_is_refused_before_parsing(server: HTTPServer, client: SafeHttpClient) -> None:
    url = serve(server, "/bomb.rss", BILLION_LAUGHS, "application/rss+xml")

    poll = poll_feed(client, url)

    assert poll.error is not None and "ENTITY" in poll.error
    assert poll.entries == ()


def test_external_entity_in_sitemap_is_refused() -> None:
    result = parse_feed(XXE_SITEMAP.encode())

    assert result.error is not None and "ENTITY" in result.error
    assert result.entries == ()


def test_entity_hidden_behind_markup_in_the_dtd_is_still_refused() -> None:
    sneaky = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ATTLIST rss note CDATA "<b>">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<rss version='2.0'><channel><item><title>&b;</title><link>http://a.vn/</link>"
        "</item></channel></rss>"
    )

    result = parse_feed(sneaky.encode())

    assert result.error is not None and "ENTITY" in result.error


def test_html_page_instead_of_feed_is_named_as_such(
    server: HTTPServer, client: SafeHttpClient
) -> None:
    url = serve(server, "/rss", "<!DOCTYPE html><html><body>Trang chủ</body></html>", "text/html")

    poll = poll_feed(client, url)

    assert poll.error == "Địa chỉ trả về một trang HTML, không phải nguồn RSS/Atom hay sitemap"


def test_unchanged_feed_gives_no_entries_and_no_error(
    server: HTTPServer, client: SafeHttpClient
) -> None:
    server.expect_request("/rss.xml", headers={"If-None-Match": '"e1"'}).respond_with_data(
        "", status=304
    )

    poll = poll_feed(client, server.url_for("/rss.xml"), etag='"e1"')

    assert poll.ok
    assert poll.fetch.status is FetchStatus.NOT_MODIFIED
    assert poll.entries == ()


def test_fetch_failure_is_carried_into_the_poll(client: SafeHttpClient) -> None:
    poll = poll_feed(client, "http://169.254.169.254/latest/rss")

    assert poll.error == "Địa chỉ nội bộ bị chặn: 169.254.169.254"


def test_gzip_bomb_sitemap_is_refused() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (20 * 1024 * 1024) + b"</urlset>")

    result = parse_feed(bomb, max_bytes=1024 * 1024)

    assert result.error is not None and "gzip" in result.error


def test_utf16_feed_is_read() -> None:
    result = parse_feed(ATOM.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"))

    assert result.ok, result.error
    assert result.entries[0].title == "Thông cáo báo chí về dịch vụ công"


def test_plain_text_sitemap_is_read() -> None:
    result = parse_feed(b"https://tin.example.vn/1.html\nhttps://tin.example.vn/2.html\n")

    assert result.kind is FeedKind.SITEMAP
    assert len(result.entries) == 2


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_parsing_arbitrary_bytes_never_raises(content: bytes) -> None:
    result = parse_feed(content, base_url="https://tin.example.vn/rss")
    assert result.ok or result.error
    assert all(e.url.startswith(("http://", "https://")) for e in result.entries)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_item_text_inside_rss_never_raises(title: str) -> None:
    from xml.sax.saxutils import escape

    feed = RSS.replace("Họp báo định kỳ quý I", escape(title)).encode("utf-8", "surrogatepass")
    result = parse_feed(feed, base_url="https://tin.example.vn/rss")
    assert result.ok or result.error
