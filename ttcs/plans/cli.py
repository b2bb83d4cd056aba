"""``ttcs plans parse FILE [--issuer-hint NAME]``: print a document's header and tasks as JSON.

Exit status: 0 success, 2 bad input (a one-line Vietnamese message on stderr), 1 internal
failure. No Django: the ``ttcs`` console script passes a registry-backed resolver when it has
a database, and the parser falls back to names as the text writes them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from ttcs.plans.parsing import DocumentError, OcrUnavailableError, Resolver, parse_file

__all__ = ["main_parse", "run_parse"]


def run_parse(
    path: str, issuer_hint: str | None, resolver: Resolver | None = None
) -> dict[str, Any]:
    """The contract object for the document at ``path``.

    Raises ``DocumentError`` (Vietnamese message) when the file is not a readable document.
    """
    return parse_file(Path(path), issuer_hint=issuer_hint, resolve_agency=resolver)


_USAGE = "ttcs plans parse FILE [--issuer-hint NAME]"


def _vietnamese(message: str) -> str:
    # argparse writes its complaints in English.
    if "required" in message:
        return "thiếu tên tệp cần đọc"
    if "unrecognized arguments" in message:
        return "không hiểu tham số " + message.split(":", 1)[-1].strip()
    if "expected one argument" in message:
        return "--issuer-hint cần một tên cơ quan"
    return message


class _BadArguments(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _BadArguments(message)


def _argument_parser() -> _Parser:
    parser = _Parser(
        prog="ttcs plans parse",
        description="Đọc một văn bản kế hoạch (.txt, .docx, .pdf) và in số hiệu, cơ quan ban "
        "hành, các nhiệm vụ dưới dạng JSON.",
        add_help=True,
    )
    parser.add_argument("file", metavar="FILE", help="tệp .txt, .docx hoặc .pdf")
    parser.add_argument(
        "--issuer-hint",
        metavar="NAME",
        default=None,
        help="tên cơ quan ban hành, dùng khi văn bản không có phần đầu",
    )
    parser.add_argument("--pretty", action="store_true", help="in JSON thụt lề cho dễ đọc")
    return parser


def main_parse(argv: list[str], resolver: Resolver | None = None) -> int:
    """Run the command with ``argv`` (without the program name); return the exit status."""
    try:
        args = _argument_parser().parse_args(argv)
    except _BadArguments as exc:
        print(f"Lỗi tham số: {_vietnamese(str(exc))}. Cách dùng: {_USAGE}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help prints and exits 0
        return int(exc.code or 0)
    try:
        result = run_parse(args.file, args.issuer_hint, resolver)
    except OcrUnavailableError as exc:
        print(f"Lỗi hệ thống: {exc.message}", file=sys.stderr)
        return 1
    except DocumentError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    except Exception as exc:
        print(f"Lỗi nội bộ khi phân tích văn bản: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    text = json.dumps(result, ensure_ascii=False, indent=2 if args.pretty else None)
    sys.stdout.write(text + "\n")
    tasks = len(result.get("tasks", []))
    print(f"Đã đọc {tasks} nhiệm vụ.", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main_parse(sys.argv[1:]))
