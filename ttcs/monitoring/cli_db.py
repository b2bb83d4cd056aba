"""Database-backed monitoring commands: ``ttcs monitor ingest|search|run``.

Same conventions as ``cli.py``: JSON on stdout, messages and progress on stderr, exit 0 / 2 (bad
input, one Vietnamese line) / 1 (internal failure).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from ttcs.monitoring.cli import BadInput, _Parser, _read_items, _run


def main_ingest(argv: list[str]) -> int:
    parser = _Parser(
        prog="ttcs monitor ingest", description="Lưu, khử trùng lặp, phân loại, lập chỉ mục"
    )
    parser.add_argument("file", metavar="FILE.jsonl")

    def body() -> list[dict[str, Any]]:
        from ttcs.monitoring.ingest import ingest_items

        args = parser.parse_args(argv)
        started = time.monotonic()
        items = _read_items(args.file)

        def progress(done: int) -> None:
            print(f"Đã xử lý {done}/{len(items)} tin", file=sys.stderr, flush=True)

        summary = ingest_items(items, progress=progress if len(items) > 2000 else None)
        return [summary.as_contract(time.monotonic() - started)]

    return _run(body)


def main_search(argv: list[str]) -> int:
    parser = _Parser(prog="ttcs monitor search", description="Tìm trong các tin đã lưu")
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument("--limit", type=int, default=20)

    def body() -> list[dict[str, Any]]:
        from ttcs.monitoring.query import QueryError
        from ttcs.monitoring.search import search

        args = parser.parse_args(argv)
        if not 1 <= args.limit <= 10_000:
            raise BadInput("--limit phải từ 1 đến 10000")
        try:
            hits = search(args.query, limit=args.limit)
        except QueryError as exc:
            raise BadInput(str(exc)) from exc
        return [
            {
                "id": hit.article.external_id or str(hit.article.pk),
                "url": hit.article.url,
                "title": hit.article.title,
                "published_at": hit.article.published_at.astimezone(_vn()).isoformat(),
                "score": hit.score,
            }
            for hit in hits
        ]

    return _run(body)


def main_retrain(argv: list[str]) -> int:
    """Train a new sentiment model version; it is used only if it beats the lexicon."""
    parser = _Parser(prog="ttcs monitor retrain", description="Huấn luyện lại mô hình sắc thái")

    def body() -> list[dict[str, Any]]:
        from ttcs.monitoring.sentiment import retrain

        parser.parse_args(argv)
        try:
            result = retrain()
        except ValueError as exc:
            raise BadInput(str(exc)) from exc
        return [
            {
                "version": result.version.version,
                "activated": result.activated,
                "model": result.model_metrics,
                "lexicon": result.lexicon_metrics,
            }
        ]

    return _run(body)


def main_run(argv: list[str]) -> int:
    """One pass of the monitoring jobs for cron: poll due sources, then trends and alerts."""
    parser = _Parser(prog="ttcs monitor run", description="Chạy một lượt thu thập và cảnh báo")
    parser.add_argument("--digest", action="store_true", help="lập bản tin ngày cho lãnh đạo")

    def body() -> list[dict[str, Any]]:
        from ttcs.monitoring.tasks import run_cycle

        args = parser.parse_args(argv)
        return [run_cycle(digest=args.digest)]

    return _run(body)


def _vn() -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Asia/Ho_Chi_Minh")


__all__ = ["main_ingest", "main_run", "main_search"]
