"""A small local news site for the demo: an RSS feed and article pages served on 127.0.0.1, so
the demo shows the real fetch → extract → ingest path without reaching the internet."""

from __future__ import annotations

import html
import threading
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class DemoFeedServer:
    """Serves ``items`` (input-format dicts) at ``/rss`` and ``/bai/<n>.html`` until stopped."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.items = items
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, daemon=True, name="ttcs-demo-feed"
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> DemoFeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _rss(self) -> bytes:
        from datetime import datetime

        entries = []
        for n, item in enumerate(self.items):
            when = format_datetime(datetime.fromisoformat(item["published_at"]))
            entries.append(
                f"<item><title>{html.escape(item['title'])}</title>"
                f"<link>{self.base_url}/bai/{n}.html</link><guid>{self.base_url}/bai/{n}.html</guid>"
                f"<pubDate>{when}</pubDate>"
                f"<description>{html.escape(item['text'][:200])}</description></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Cổng tin địa phương (minh họa)</title>"
            f"<link>{self.base_url}/</link>{''.join(entries)}</channel></rss>"
        ).encode()

    def _page(self, n: int) -> bytes:
        item = self.items[n]
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in item["text"].split("\n\n"))
        return (
            f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{html.escape(item['title'])}</title>"
            f'<meta property="article:published_time" content="{item["published_at"]}">'
            f"</head><body><article><h1>{html.escape(item['title'])}</h1>{paragraphs}"
            "</article></body></html>"
        ).encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body, ctype, status = b"", "text/plain", 404
                if self.path == "/rss":
                    body, ctype, status = server._rss(), "application/rss+xml", 200
                elif self.path.startswith("/bai/") and self.path.endswith(".html"):
                    try:
                        n = int(self.path[5:-5])
                        body, ctype, status = server._page(n), "text/html; charset=utf-8", 200
                    except (ValueError, IndexError):
                        pass
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler
