"""Database-free monitoring commands: ``ttcs monitor cluster|classify|trends FILE.jsonl``.

Contract (docs: CONTRACTS.md, Monitoring): JSON lines on stdout (UTF-8, not ASCII-escaped),
messages on stderr, a bad input line reported with its number and skipped; exit status 0 on
success, 2 on bad input (one-line Vietnamese message), 1 on internal failure. ``FILE`` may be
``-`` for standard input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, NoReturn

from ttcs.monitoring.pipeline.classify import Enricher
from ttcs.monitoring.pipeline.dedup import cluster
from ttcs.monitoring.pipeline.items import Item, LineError, read_jsonl
from ttcs.monitoring.pipeline.model import load_active_model
from ttcs.monitoring.pipeline.trends import (
    NEGATIVE_LABELS,
    Event,
    TrendConfig,
    detect,
    event_keys,
)

_MAX_REPORTED_ERRORS = 50


class BadInput(Exception):
    """Input the command cannot use; the message is shown to the user as is."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise BadInput(f"Tham số không hợp lệ: {message}. {self.format_usage().strip()}")


def _parser(prog: str, description: str) -> _Parser:
    parser = _Parser(prog=prog, description=description, add_help=True)
    parser.add_argument("file", metavar="FILE.jsonl", help="tệp JSON lines (hoặc - cho stdin)")
    return parser


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _open_input(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    path = Path(name)
    if not path.exists():
        raise BadInput(f"Không tìm thấy tệp {name}")
    if path.is_dir():
        raise BadInput(f"{name} là thư mục, không phải tệp JSON lines")
    try:
        return path.open("rb")
    except OSError as exc:
        raise BadInput(f"Không đọc được tệp {name}: {exc.strerror or exc}") from exc


def _read_items(name: str) -> list[Item]:
    """Valid items of the file; bad lines are reported on stderr and skipped."""
    handle = _open_input(name)
    items: list[Item] = []
    errors = 0
    try:
        rows: Iterator[Item | LineError] = read_jsonl(handle)
        for row in rows:
            if isinstance(row, LineError):
                errors += 1
                if errors <= _MAX_REPORTED_ERRORS:
                    _err(f"Bỏ qua {row}")
            else:
                items.append(row)
    except OSError as exc:
        raise BadInput(f"Không đọc được tệp {name}: {exc.strerror or exc}") from exc
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()
    if errors > _MAX_REPORTED_ERRORS:
        _err(f"... và {errors - _MAX_REPORTED_ERRORS} dòng lỗi khác")
    if errors and not items:
        raise BadInput(f"Tệp {name} không có dòng hợp lệ nào ({errors} dòng lỗi)")
    _err(f"Đã đọc {len(items)} tin" + (f", bỏ qua {errors} dòng lỗi" if errors else ""))
    return items


def _stdout() -> IO[str]:
    stream = sys.stdout
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() != "utf-8":
        reconfigure(encoding="utf-8")
    return stream


def _emit(rows: list[dict[str, Any]]) -> None:
    out = _stdout()
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.flush()


def _run(body: Callable[[], list[dict[str, Any]]]) -> int:
    try:
        _emit(body())
    except BadInput as exc:
        _err(str(exc))
        return 2
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        _err("Đã dừng theo yêu cầu")
        return 1
    except BrokenPipeError:
        # The reader stopped early (``| head``): not a failure of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        _err(f"Lỗi nội bộ: {type(exc).__name__}: {exc}")
        return 1
    return 0


def _enricher() -> Enricher:
    model = load_active_model()
    if model is not None:
        _err(f"Dùng mô hình đã huấn luyện: {model.name}")
    return Enricher(sentiment=model)


def main_cluster(argv: list[str]) -> int:
    """``ttcs monitor cluster FILE.jsonl``: one ``{"id", "story"}`` line per valid input item.

    Items of one story (copies, syndicated or lightly edited versions) share the story value,
    which is the id of the story's earliest published item. Lines follow input order.
    """

    def body() -> list[dict[str, Any]]:
        args = _parser(
            "ttcs monitor cluster", "Gom các tin trùng, sao chép thành câu chuyện"
        ).parse_args(argv)
        items = _read_items(args.file)
        stories = cluster(items)
        output_id = {item.id: item.output_id for item in items}
        _err(f"{len(set(stories.values()))} câu chuyện")
        return [{"id": item.output_id, "story": output_id[stories[item.id]]} for item in items]

    return _run(body)


def main_classify(argv: list[str]) -> int:
    """``ttcs monitor classify FILE.jsonl``: sentiment, topics, localities, agencies per item."""

    def body() -> list[dict[str, Any]]:
        args = _parser(
            "ttcs monitor classify", "Phân loại cảm xúc, chủ đề, địa bàn, cơ quan"
        ).parse_args(argv)
        items = _read_items(args.file)
        enricher = _enricher()
        return [{"id": item.output_id, **enricher.classify_item(item).as_dict()} for item in items]

    return _run(body)


def main_trends(argv: list[str]) -> int:
    """``ttcs monitor trends FILE.jsonl --bucket hour|day``: one line per alert, in time order.

    Each alert is judged only on items published up to the end of its bucket. Items without a
    publication time are skipped (reported on stderr).
    """

    def body() -> list[dict[str, Any]]:
        parser = _parser("ttcs monitor trends", "Phát hiện tăng đột biến theo giờ/ngày")
        parser.add_argument("--bucket", choices=["hour", "day"], default="day")
        args = parser.parse_args(argv)
        items = _read_items(args.file)
        enricher = _enricher()
        events = []
        undated = 0
        for item in items:
            if item.published_at is None:
                undated += 1
                continue
            c = enricher.classify_item(item)
            keys = event_keys(
                topics=c.topics,
                provinces=c.provinces,
                agencies=c.agencies,
                sentiment=c.sentiment,
                tier=item.tier,
            )
            events.append(Event(item.published_at, keys, c.sentiment in NEGATIVE_LABELS, item.id))
        if undated:
            _err(f"Bỏ qua {undated} tin không có thời điểm đăng (published_at)")
        alerts = detect(events, TrendConfig.for_bucket(args.bucket))
        _err(f"{len(alerts)} cảnh báo")
        return [alert.as_dict() for alert in alerts]

    return _run(body)
