"""The safe HTTP client against a real local server: address rules, limits, politeness, robots."""

from __future__ import annotations

import gzip
import ipaddress
import ssl
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpcore
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ttcs.monitoring.fetch.bodies import gunzip_bounded
from ttcs.monitoring.fetch.netguard import is_public_address
from ttcs.monitoring.fetch.policy import MB, FetchPolicy, parse_retry_after
from ttcs.monitoring.fetch.safe_http import FetchStatus, SafeHttpClient
from ttcs.monitoring.fetch.textdecode import decode_text

pytestmark = pytest.mark.timeout(30)

PUBLIC_IP = "93.184.215.14"


class ManualClock:
    """Politeness time that advances only when the client sleeps."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []
        self.start = datetime(2026, 1, 20, 1, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.t - 1000.0)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
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
    yield _server
    _server.clear()


def make_client(server: HTTPServer, **options: Any) -> tuple[SafeHttpClient, ManualClock]:
    """A client for which the test server (127.0.0.1) is an administrator-approved host."""
    clock = ManualClock()
    resolver = options.pop("resolver", None)
    backend = options.pop("network_backend", None)
    policy = FetchPolicy.build(
        allowed_private_hosts={"127.0.0.1", *options.pop("extra_private", ())},
        allowed_ports={
            f"127.0.0.1:{server.port}",
            f"localhost:{server.port}",
            *options.pop("extra_ports", ()),
        },
        contact_url="https://ttcs.example.gov.vn/lien-he",
        **options,
    )
    client = SafeHttpClient(policy, clock=clock, resolver=resolver, network_backend=backend)
    return client, clock


def no_robots(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("", status=404)


def requests_to(server: HTTPServer, path: str) -> list[Request]:
    return [request for request, _ in server.log if request.path == path]


# --------------------------------------------------------------------------------------------
# Plain fetches
# --------------------------------------------------------------------------------------------


def test_fetch_returns_body_hash_validators_and_names_ttcs(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/tin").respond_with_data(
        "Xin chào",
        content_type="text/plain; charset=utf-8",
        headers={"ETag": '"v1"', "Last-Modified": "Tue, 20 Jan 2026 01:00:00 GMT"},
    )
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/tin"))

    assert result.ok, result.reason
    assert result.text == "Xin chào"
    assert result.sha256 is not None and len(result.sha256) == 64
    assert result.etag == '"v1"'
    assert result.last_modified == "Tue, 20 Jan 2026 01:00:00 GMT"
    assert result.peer_address == "127.0.0.1"
    sent_ua = requests_to(server, "/tin")[0].headers["User-Agent"]
    assert sent_ua.startswith("TTCS-Monitor/")
    assert "https://ttcs.example.gov.vn/lien-he" in sent_ua


def test_conditional_get_gives_not_modified(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    server.expect_request("/feed").respond_with_data("<rss/>", headers={"ETag": '"v1"'})
    client, _ = make_client(server)

    first = client.fetch(server.url_for("/feed"))
    second = client.fetch(
        server.url_for("/feed"), etag=first.etag, last_modified="Tue, 20 Jan 2026 01:00:00 GMT"
    )

    assert first.ok
    assert second.status is FetchStatus.NOT_MODIFIED
    assert second.content == b""
    sent = requests_to(server, "/feed")[1].headers
    assert sent["If-Modified-Since"] == "Tue, 20 Jan 2026 01:00:00 GMT"


def test_http_error_status_is_reported_in_vietnamese(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/gone").respond_with_data("", status=404)
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/gone"))

    assert result.status is FetchStatus.HTTP_ERROR
    assert result.http_status == 404
    assert "404" in result.reason and "Không tìm thấy" in result.reason


@pytest.mark.parametrize(
    ("url", "status", "reason"),
    [
        ("ftp://example.vn/tin", FetchStatus.INVALID_URL, "http/https"),
        ("http://user:secret@example.vn/", FetchStatus.INVALID_URL, "mật khẩu"),
        ("http://example.vn:8080/", FetchStatus.BLOCKED_PORT, "Cổng 8080"),
        ("không phải địa chỉ", FetchStatus.INVALID_URL, "không hợp lệ"),
    ],
)
def test_unusable_urls_are_refused_without_a_request(
    url: str, status: FetchStatus, reason: str
) -> None:
    client = SafeHttpClient(clock=ManualClock(), resolver=lambda host, port: [PUBLIC_IP])

    result = client.fetch(url)

    assert result.status is status
    assert reason in result.reason


# --------------------------------------------------------------------------------------------
# Internal addresses, redirects, rebinding
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.5",
        "127.0.0.1",
        "169.254.169.254",
        "172.16.3.4",
        "192.168.1.1",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address under test, nothing binds to it
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:10.0.0.5",
        "::ffff:127.0.0.1",
        "64:ff9b::a00:5",
        "2002:a00:5::1",
    ],
)
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", [PUBLIC_IP, "2606:4700::1111", "::ffff:93.184.215.14"])
def test_global_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@given(st.integers(min_value=0, max_value=2**22 - 1))
def test_every_carrier_grade_nat_address_is_refused(offset: int) -> None:
    address = ipaddress.IPv4Address(int(ipaddress.IPv4Address("100.64.0.0")) + offset)
    assert not is_public_address(address)
    assert not is_public_address(ipaddress.IPv6Address(f"::ffff:{address}"))


def test_redirect_chain_is_followed_and_recorded(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data(
        "", status=302, headers={"Location": server.url_for("/c")}
    )
    server.expect_request("/c").respond_with_data("đích")
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/a"))

    assert result.ok, result.reason
    assert result.text == "đích"
    assert result.final_url == server.url_for("/c")
    assert result.redirects == (server.url_for("/a"), server.url_for("/b"))


def test_redirect_loop_stops_after_five_hops(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/loop"))

    assert result.status is FetchStatus.TOO_MANY_REDIRECTS
    assert "Quá 5 lần chuyển hướng" in result.reason
    assert len(requests_to(server, "/loop")) == 6  # the first request and five redirects


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("http://localhost:{port}/noi-bo", "127.0.0.1 (localhost)"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]/", "::1"),
    ],
)
def test_redirect_to_an_internal_address_is_refused(
    server: HTTPServer, location: str, shown: str
) -> None:
    no_robots(server)
    target = location.format(port=server.port)
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": target})
    server.expect_request("/noi-bo").respond_with_data("bí mật")
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/go"))

    assert result.status is FetchStatus.BLOCKED_ADDRESS
    assert result.reason.startswith("Địa chỉ nội bộ bị chặn: ")
    if shown != "127.0.0.1 (localhost)":
        assert shown in result.reason
    else:  # localhost may resolve to 127.0.0.1 or ::1 first
        assert "(localhost)" in result.reason
    assert result.redirects == (server.url_for("/go"),)
    assert result.final_url == target
    assert requests_to(server, "/noi-bo") == []


def test_redirect_to_a_port_that_is_not_allowed_is_refused(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/go").respond_with_data(
        "", status=307, headers={"Location": "http://127.0.0.1:6379/"}
    )
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/go"))

    assert result.status is FetchStatus.BLOCKED_PORT
    assert "Cổng 6379" in result.reason


class RecordingBackend(httpcore.NetworkBackend):
    """Records where the client tries to connect and refuses, so no packet leaves the host."""

    def __init__(self) -> None:
        self.connects: list[tuple[str, int]] = []

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        self.connects.append((host, port))
        raise httpcore.ConnectError("refused by the test")


def test_dns_rebinding_is_defeated_by_pinning_the_checked_address() -> None:
    answers = iter([[PUBLIC_IP], ["127.0.0.1"], ["127.0.0.1"]])
    calls: list[str] = []

    def rebinding_resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        return next(answers)

    backend = RecordingBackend()
    client = SafeHttpClient(
        FetchPolicy(respect_robots=False),
        clock=ManualClock(),
        resolver=rebinding_resolver,
        network_backend=backend,
    )

    result = client.fetch("http://tin.example.vn/bai-viet")

    assert calls == ["tin.example.vn"]  # resolved once
    assert backend.connects == [(PUBLIC_IP, 80)]  # connected to the checked address, not the name
    assert result.status is FetchStatus.NETWORK_ERROR


def test_an_answer_mixing_public_and_private_addresses_is_refused() -> None:
    backend = RecordingBackend()
    client = SafeHttpClient(
        FetchPolicy(respect_robots=False),
        clock=ManualClock(),
        resolver=lambda host, port: [PUBLIC_IP, "10.0.0.5"],
        network_backend=backend,
    )

    result = client.fetch("http://tin.example.vn/")

    assert result.status is FetchStatus.BLOCKED_ADDRESS
    assert result.reason == "Địa chỉ nội bộ bị chặn: 10.0.0.5 (tin.example.vn)"
    assert backend.connects == []


class MisroutingBackend(httpcore.NetworkBackend):
    """Connects to the local server whatever address it is asked for (a hijacked route)."""

    def __init__(self, port: int) -> None:
        self.port = port

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        return httpcore.SyncBackend().connect_tcp("127.0.0.1", self.port, timeout=timeout)


def test_a_connection_that_reaches_another_peer_is_dropped(server: HTTPServer) -> None:
    server.expect_request("/").respond_with_data("không được thấy")
    client, _ = make_client(
        server,
        respect_robots=False,
        resolver=lambda host, port: [PUBLIC_IP],
        network_backend=MisroutingBackend(server.port),
        extra_ports={f"tin.example.vn:{server.port}"},
    )

    result = client.fetch(f"http://tin.example.vn:{server.port}/")

    assert result.status is FetchStatus.BLOCKED_ADDRESS
    assert "khác với địa chỉ đã kiểm tra" in result.reason
    assert server.log == []


def test_pinned_connection_keeps_the_host_name_in_the_request(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/tin").respond_with_data("ok")
    client, _ = make_client(
        server,
        resolver=lambda host, port: ["127.0.0.1"],
        extra_private={"noibo.example.vn"},
        extra_ports={f"noibo.example.vn:{server.port}"},
    )

    result = client.fetch(f"http://noibo.example.vn:{server.port}/tin")

    assert result.ok, result.reason
    assert result.peer_address == "127.0.0.1"
    assert requests_to(server, "/tin")[0].headers["Host"] == f"noibo.example.vn:{server.port}"


# --------------------------------------------------------------------------------------------
# Size and time limits
# --------------------------------------------------------------------------------------------


def test_streamed_body_over_the_limit_is_aborted(server: HTTPServer) -> None:
    no_robots(server)

    def endless(_request: Request) -> Response:
        return Response((b"x" * 65536 for _ in range(64)), mimetype="text/plain")

    server.expect_request("/lon").respond_with_handler(endless)
    client, _ = make_client(server, max_bytes=1 * MB)

    result = client.fetch(server.url_for("/lon"))

    assert result.status is FetchStatus.TOO_LARGE
    assert result.reason == "Vượt quá giới hạn dung lượng 1 MB"
    assert result.content == b""


def test_declared_content_length_over_the_limit_is_refused_before_reading(
    server: HTTPServer,
) -> None:
    no_robots(server)

    def declared(_request: Request) -> Response:
        body = (b"\0" * 65536 for _ in range(96))
        return Response(body, headers={"Content-Length": str(6 * MB)}, mimetype="text/plain")

    server.expect_request("/khai-bao").respond_with_handler(declared)
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/khai-bao"))

    assert result.status is FetchStatus.TOO_LARGE
    assert result.reason == "Vượt quá giới hạn dung lượng 5 MB (máy chủ báo 6 MB)"


def test_gzip_bomb_is_cut_at_the_limit(server: HTTPServer) -> None:
    no_robots(server)
    bomb = gzip.compress(b"\0" * (20 * MB))
    server.expect_request("/bom").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html"
    )
    client, _ = make_client(server, max_bytes=1 * MB)

    result = client.fetch(server.url_for("/bom"))

    assert len(bomb) < 100_000
    assert result.status is FetchStatus.TOO_LARGE


def test_gzip_body_is_decompressed(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/nen").respond_with_data(
        gzip.compress("Nội dung nén".encode()),
        headers={"Content-Encoding": "gzip"},
        content_type="text/plain; charset=utf-8",
    )
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/nen"))

    assert result.ok, result.reason
    assert result.text == "Nội dung nén"


def test_bounded_gunzip_refuses_oversized_output() -> None:
    assert gunzip_bounded(gzip.compress(b"a" * 1000), 2000) == b"a" * 1000
    assert gunzip_bounded(gzip.compress(b"a" * 10_000), 2000) is None
    assert gunzip_bounded(b"not gzip", 2000) is None


def test_slow_server_gives_a_clear_timeout(server: HTTPServer) -> None:
    no_robots(server)

    def slow(_request: Request) -> Response:
        time.sleep(1.5)
        return Response("muộn")

    server.expect_request("/cham").respond_with_handler(slow)
    client, _ = make_client(server, time_limit=0.5)

    started = time.monotonic()
    result = client.fetch(server.url_for("/cham"))

    assert result.status is FetchStatus.TIMEOUT
    assert result.reason == "Máy chủ trả lời chậm quá 0.5 giây"
    assert time.monotonic() - started < 1.4


def test_trickling_body_is_cut_at_the_total_time_limit(server: HTTPServer) -> None:
    no_robots(server)

    def trickle(_request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(20):
                yield b"x" * 100
                time.sleep(0.1)

        return Response(chunks(), mimetype="text/plain")

    server.expect_request("/nho-giot").respond_with_handler(trickle)
    client, _ = make_client(server, time_limit=0.6)

    started = time.monotonic()
    result = client.fetch(server.url_for("/nho-giot"))

    assert result.status is FetchStatus.TIMEOUT
    assert time.monotonic() - started < 1.5


# --------------------------------------------------------------------------------------------
# Politeness
# --------------------------------------------------------------------------------------------


def test_two_requests_to_one_host_are_spaced_by_five_seconds(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/mot").respond_with_data("1")
    server.expect_request("/hai").respond_with_data("2")
    client, clock = make_client(server)

    started = time.monotonic()
    assert client.fetch(server.url_for("/mot")).ok
    first = client.throttle.last_request_at("127.0.0.1")
    assert client.fetch(server.url_for("/hai")).ok
    second = client.throttle.last_request_at("127.0.0.1")

    assert first is not None and second is not None
    assert second - first >= 5.0
    assert all(pause <= 5.0 for pause in clock.sleeps)
    assert time.monotonic() - started < 2.0  # the clock is injected: nothing really slept


def test_robots_crawl_delay_lengthens_the_spacing(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 12\n")
    server.expect_request("/mot").respond_with_data("1")
    server.expect_request("/hai").respond_with_data("2")
    client, _ = make_client(server)

    client.fetch(server.url_for("/mot"))
    first = client.throttle.last_request_at("127.0.0.1")
    client.fetch(server.url_for("/hai"))
    second = client.throttle.last_request_at("127.0.0.1")

    assert first is not None and second is not None
    assert second - first >= 12.0


def test_429_with_retry_after_is_honoured_then_succeeds(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_oneshot_request("/bao").respond_with_data(
        "", status=429, headers={"Retry-After": "7"}
    )
    server.expect_request("/bao").respond_with_data("được rồi")
    client, clock = make_client(server)

    result = client.fetch(server.url_for("/bao"))

    assert result.ok, result.reason
    assert result.attempts == 2
    assert clock.sleeps[-1] == pytest.approx(7.0)


def test_5xx_backs_off_exponentially_then_succeeds(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_oneshot_request("/loi").respond_with_data("", status=503)
    server.expect_oneshot_request("/loi").respond_with_data("", status=502)
    server.expect_request("/loi").respond_with_data("ổn")
    client, clock = make_client(server, backoff_base=10.0)

    result = client.fetch(server.url_for("/loi"))

    assert result.ok, result.reason
    assert clock.sleeps[-2:] == [pytest.approx(10.0), pytest.approx(20.0)]


def test_persistent_5xx_fails_then_defers_the_host(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/hong").respond_with_data("", status=500)
    client, _ = make_client(server, backoff_base=10.0, max_wait=15.0)

    failed = client.fetch(server.url_for("/hong"))
    deferred = client.fetch(server.url_for("/hong"))

    assert failed.status is FetchStatus.HTTP_ERROR
    assert failed.http_status == 500 and "500" in failed.reason
    assert failed.attempts == 2  # the second back-off (20 s) is longer than max_wait
    assert failed.retry_at is not None
    assert deferred.status is FetchStatus.DEFERRED
    assert "Tạm dừng tải" in deferred.reason
    assert len(requests_to(server, "/hong")) == 2  # the deferred fetch sent nothing


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2026, 1, 20, 1, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Tue, 20 Jan 2026 01:02:30 GMT", now) == 150.0
    assert parse_retry_after("Tue, 20 Jan 2026 00:00:00 GMT", now) == 0.0
    assert parse_retry_after("ngày mai", now) is None
    assert parse_retry_after(None, now) is None


# --------------------------------------------------------------------------------------------
# robots.txt
# --------------------------------------------------------------------------------------------


def test_robots_txt_disallow_is_respected(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /rieng/\n", content_type="text/plain"
    )
    server.expect_request("/rieng/tin").respond_with_data("không")
    server.expect_request("/chung/tin").respond_with_data("có")
    client, _ = make_client(server)

    refused = client.fetch(server.url_for("/rieng/tin"))
    allowed = client.fetch(server.url_for("/chung/tin"))

    assert refused.status is FetchStatus.ROBOTS_DISALLOWED
    assert "robots.txt không cho phép" in refused.reason
    assert allowed.ok
    assert requests_to(server, "/rieng/tin") == []
    assert len(requests_to(server, "/robots.txt")) == 1  # cached per host


def test_robots_txt_rules_for_ttcs_apply(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: TTCS-Monitor\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    )
    client, _ = make_client(server)

    assert client.fetch(server.url_for("/tin")).status is FetchStatus.ROBOTS_DISALLOWED


def test_robots_txt_server_error_means_disallow_for_now(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("", status=503)
    server.expect_request("/tin").respond_with_data("tin")
    client, _ = make_client(server, max_retries=0)

    result = client.fetch(server.url_for("/tin"))

    assert result.status is FetchStatus.ROBOTS_DISALLOWED
    assert "Chưa đọc được robots.txt" in result.reason
    assert requests_to(server, "/tin") == []


def test_robots_txt_missing_means_allow(server: HTTPServer) -> None:
    no_robots(server)
    server.expect_request("/tin").respond_with_data("tin")
    client, _ = make_client(server)

    assert client.fetch(server.url_for("/tin")).ok


# --------------------------------------------------------------------------------------------
# Text decoding
# --------------------------------------------------------------------------------------------

SAMPLE_VI = "Tỉnh Quảng Trị triển khai kế hoạch truyền thông chính sách về chuyển đổi số"
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Encode as Vietnamese Windows does: base letters precomposed, tone marks combining."""
    import unicodedata

    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        out.append(base + "".join(p for p in parts if p in _TONES))
    return "".join(out).encode("cp1258")


def test_windows_1258_page_declared_in_header_is_decoded(server: HTTPServer) -> None:
    no_robots(server)
    body = windows_1258(f"<html><body><p>{SAMPLE_VI}</p></body></html>")
    server.expect_request("/cp1258").respond_with_data(
        body, content_type="text/html; charset=windows-1258"
    )
    client, _ = make_client(server)

    result = client.fetch(server.url_for("/cp1258"))

    assert result.ok
    assert SAMPLE_VI in result.text


def test_windows_1258_page_declared_only_in_meta_is_decoded(server: HTTPServer) -> None:
    no_robots(server)
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        f"</head><body><p>{SAMPLE_VI}</p></body></html>"
    )
    server.expect_request("/meta").respond_with_data(windows_1258(html), content_type="text/html")
    client, _ = make_client(server)

    decoded = client.fetch(server.url_for("/meta")).decoded()

    assert decoded.encoding == "cp1258"
    assert SAMPLE_VI in decoded.text


def test_mislabelled_page_falls_back_instead_of_failing() -> None:
    body = windows_1258(f"<p>{SAMPLE_VI}</p><meta charset='windows-1258'>")

    decoded = decode_text(body, "text/html; charset=utf-8")

    assert SAMPLE_VI in decoded.text


def test_cp1252_page_without_declaration_still_decodes() -> None:
    decoded = decode_text("Café du Hà Nội — tin nhanh".encode("cp1252", "replace"))

    assert "Caf" in decoded.text and "tin nhanh" in decoded.text


@given(st.binary(max_size=2000), st.sampled_from([None, "text/html; charset=bogus", "x"]))
def test_decoding_never_raises(content: bytes, content_type: str | None) -> None:
    assert isinstance(decode_text(content, content_type).text, str)


def test_policy_reads_allow_lists_from_settings() -> None:
    class Settings:
        TTCS_FETCH_ALLOWED_PRIVATE_HOSTS = "intranet.example.vn, sở.example.vn"
        TTCS_FETCH_ALLOWED_PORTS = ["feeds.example.vn:8080", "[fd00::1]:8443", "rác"]
        TTCS_FETCH_CONTACT_URL = "https://ttcs.example.gov.vn/lien-he"

    policy = FetchPolicy.from_settings(Settings())

    assert policy.private_host_allowed("INTRANET.example.vn.")
    assert policy.private_host_allowed("xn--s-lym.example.vn")  # the URL form of sở.example.vn
    assert not policy.private_host_allowed("example.vn")
    assert policy.port_allowed("feeds.example.vn", 8080)
    assert policy.port_allowed("fd00::1", 8443)
    assert not policy.port_allowed("feeds.example.vn", 8443)
    assert "https://ttcs.example.gov.vn/lien-he" in policy.user_agent


# --------------------------------------------------------------------------------------------
# TLS through a pinned address
# --------------------------------------------------------------------------------------------


def _certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for tin.example.vn only (no IP address)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(tz=UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TTCS test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tin.example.vn")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("tin.example.vn")]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = (directory / n for n in ("ca.pem", "cert.pem", "key.pem"))
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_path, cert_path, key_path


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HTTPServer, Path]]:
    ca_path, cert_path, key_path = _certificates(tmp_path_factory.mktemp("tls"))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context, threaded=True)
    server.start()
    server.expect_request("/tin").respond_with_data("tin an toàn")
    yield server, ca_path
    server.clear()
    server.stop()


def _tls_client(server: HTTPServer, ca_path: Path) -> SafeHttpClient:
    names = {"tin.example.vn", "khac.example.vn"}
    policy = FetchPolicy.build(
        allowed_private_hosts=names,
        allowed_ports={f"{name}:{server.port}" for name in names},
        respect_robots=False,
    )
    return SafeHttpClient(
        policy,
        clock=ManualClock(),
        resolver=lambda host, port: ["127.0.0.1"],
        ssl_context=ssl.create_default_context(cafile=str(ca_path)),
    )


def test_tls_to_a_pinned_address_verifies_the_host_name(
    tls_server: tuple[HTTPServer, Path],
) -> None:
    server, ca_path = tls_server

    result = _tls_client(server, ca_path).fetch(f"https://tin.example.vn:{server.port}/tin")

    assert result.ok, result.reason
    assert result.text == "tin an toàn"
    assert result.peer_address == "127.0.0.1"


def test_tls_certificate_for_another_name_is_refused(
    tls_server: tuple[HTTPServer, Path],
) -> None:
    server, ca_path = tls_server

    result = _tls_client(server, ca_path).fetch(f"https://khac.example.vn:{server.port}/tin")

    assert result.status is FetchStatus.NETWORK_ERROR
    assert result.reason == "Chứng chỉ TLS của khac.example.vn không hợp lệ"
