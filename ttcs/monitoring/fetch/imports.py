"""Items from export files of social-media and press-clipping services (CSV, JSON lines, JSON).

Agencies receive monitoring data as spreadsheets or JSON exports. These are mapped column by
column onto the monitoring input format (``{"id", "url", "source", "title", "text",
"published_at"}``) that ``ttcs monitor ingest`` reads. Only public content belongs in the
system: a row whose visibility column says otherwise is refused. Bad rows are reported by number
with a Vietnamese reason and skipped; the file as a whole only fails when it cannot be read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ttcs.monitoring.fetch.dates import parse_datetime
from ttcs.monitoring.fetch.policy import MB
from ttcs.monitoring.fetch.textdecode import decode_text

MAX_IMPORT_BYTES = 50 * MB
MAX_ROWS = 200_000
TITLE_FROM_TEXT_CHARS = 120

ITEM_FIELDS = ("id", "url", "source", "title", "text", "published_at")

# Column names seen in exports, compared after NFC, lower-casing and collapsing spaces.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "post_id", "item_id", "mã", "mã tin"),
    "url": ("url", "link", "permalink", "post_url", "đường dẫn", "liên kết"),
    "source": ("source", "page", "page_name", "channel", "nguồn", "trang", "kênh", "báo"),
    "title": ("title", "headline", "tiêu đề"),
    "text": ("text", "content", "message", "body", "nội dung", "description", "mô tả"),
    "published_at": (
        "published_at",
        "published",
        "date",
        "created_time",
        "created_at",
        "timestamp",
        "time",
        "ngày đăng",
        "thời gian",
        "ngày",
    ),
    "visibility": ("visibility", "privacy", "quyền riêng tư", "chế độ hiển thị"),
}
PUBLIC_VISIBILITY = frozenset({"public", "everyone", "công khai", "cong khai"})

Item = dict[str, str | None]
ColumnMapping = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that was skipped: its number as a spreadsheet shows it (or the JSON line number)."""

    row: int
    reason: str

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Items read, rows skipped, and ``error`` when the whole file could not be used."""

    items: tuple[Item, ...]
    errors: tuple[RowError, ...] = ()
    error: str | None = None
    columns: Mapping[str, str] | None = None  # field → column actually used (CSV)
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file was readable (individual rows may still have been skipped)."""
        return self.error is None


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).replace("\ufeff", "").lower().split())


def _candidates(field: str, mapping: ColumnMapping | None) -> tuple[str, ...]:
    if mapping and field in mapping:
        chosen = mapping[field]
        return (chosen,) if isinstance(chosen, str) else tuple(chosen)
    return DEFAULT_COLUMNS.get(field, ())


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def read_import(
    data: bytes | Path,
    *,
    file_format: str | None = None,
    filename: str | None = None,
    mapping: ColumnMapping | None = None,
    default_source: str = "",
    require_published_at: bool = False,
    max_bytes: int = MAX_IMPORT_BYTES,
    max_rows: int = MAX_ROWS,
) -> ImportResult:
    """Monitoring input items from a CSV, JSON-lines or JSON-array export; never raises.

    ``file_format`` is ``"csv"``, ``"jsonl"`` or ``"json"``; otherwise the file name's suffix,
    then the first character, decides. ``mapping`` maps an item field (or ``"visibility"``) to
    the column/key name(s) to read, overriding the usual names in :data:`DEFAULT_COLUMNS`;
    JSON keys may be dotted paths (``"from.name"``).

    Guarantees: every item has exactly the keys of :data:`ITEM_FIELDS`; ``title`` is non-empty
    (the start of the text when the export has no title); ``url`` is absolute http(s) or empty;
    ``published_at`` is ISO 8601 with the Vietnam offset, or None; ``id`` is unique in the file
    (a stable hash when the export has none). Rows that are not public, have neither title nor
    text, or carry an unreadable date or URL are skipped with a :class:`RowError`. Files over
    ``max_bytes`` are refused; reading stops after ``max_rows`` rows with a warning.
    """
    try:
        if isinstance(data, Path):
            size = data.stat().st_size
            if size > max_bytes:
                return _too_big(size, max_bytes)
            filename = filename or data.name
            content = data.read_bytes()
        else:
            content = data
        if len(content) > max_bytes:
            return _too_big(len(content), max_bytes)
        kind = _detect_format(content, file_format, filename)
        reader = _Rows(
            mapping=mapping,
            default_source=default_source,
            require_published_at=require_published_at,
            max_rows=max_rows,
        )
        if kind == "csv":
            return reader.from_csv(content)
        return reader.from_json(content, array=kind == "json")
    except OSError as error:
        return ImportResult((), error=f"Không đọc được tệp ({error.strerror or error})")
    except Exception as error:  # a malformed export must not crash the caller
        return ImportResult((), error=f"Không đọc được tệp ({type(error).__name__})")


def _too_big(size: int, limit: int) -> ImportResult:
    return ImportResult(
        (),
        error=f"Tệp quá lớn ({size / MB:.1f} MB), giới hạn là {limit / MB:g} MB",
    )


def _detect_format(content: bytes, file_format: str | None, filename: str | None) -> str:
    if file_format:
        chosen = file_format.lower().lstrip(".")
        if chosen in ("csv", "tsv"):
            return "csv"
        if chosen in ("jsonl", "ndjson"):
            return "jsonl"
        if chosen == "json":
            return "json"
        raise ValueError(chosen)
    suffix = Path(filename).suffix.lower() if filename else ""
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"[":
        return "json"
    if head == b"{":
        return "jsonl"
    return "csv"


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------

_URL_SCHEMES = ("http", "https")


def _title_from_text(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    if len(first) <= TITLE_FROM_TEXT_CHARS:
        return first
    cut = first[:TITLE_FROM_TEXT_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def _stable_id(url: str, source: str, title: str, text: str) -> str:
    basis = url or f"{source}\n{title}\n{text}"
    return "imp-" + hashlib.sha1(basis.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


class _Rows:
    def __init__(
        self,
        *,
        mapping: ColumnMapping | None,
        default_source: str,
        require_published_at: bool,
        max_rows: int,
    ) -> None:
        self.mapping = mapping
        self.default_source = default_source
        self.require_published_at = require_published_at
        self.max_rows = max_rows
        self.items: list[Item] = []
        self.errors: list[RowError] = []
        self.warnings: list[str] = []
        self._ids: dict[str, int] = {}

    def _result(self, columns: Mapping[str, str] | None = None) -> ImportResult:
        return ImportResult(
            tuple(self.items),
            tuple(self.errors),
            columns=columns,
            warnings=tuple(self.warnings),
        )

    def _full(self) -> bool:
        if len(self.items) + len(self.errors) >= self.max_rows:
            self.warnings.append(f"Chỉ đọc {self.max_rows} dòng đầu của tệp")
            return True
        return False

    def add(self, row: int, get: Callable[[str], Any]) -> None:
        """Build one item from a row accessor, or record why the row is skipped."""
        visibility = _key(_as_text(get("visibility")))
        if visibility and visibility not in PUBLIC_VISIBILITY:
            self.errors.append(
                RowError(row, f"Nội dung không công khai ('{visibility}') — không nhập")
            )
            return
        text = _as_text(get("text"))
        title = " ".join(_as_text(get("title")).split())
        if not text and not title:
            self.errors.append(RowError(row, "Dòng không có tiêu đề và nội dung"))
            return
        url = _as_text(get("url"))
        if url:
            parts = urlsplit(url) if len(url) < 4096 else None
            if parts is None or parts.scheme.lower() not in _URL_SCHEMES or not parts.netloc:
                self.errors.append(RowError(row, f"Đường dẫn không hợp lệ: '{url[:100]}'"))
                return
        raw_date = get("published_at")
        published = None
        if raw_date not in (None, ""):
            moment = parse_datetime(
                raw_date if isinstance(raw_date, int | float) else _as_text(raw_date)
            )
            if moment is None:
                shown = _as_text(raw_date)[:60]
                self.errors.append(RowError(row, f"Ngày đăng không đọc được: '{shown}'"))
                return
            published = moment.isoformat()
        elif self.require_published_at:
            self.errors.append(RowError(row, "Thiếu ngày đăng"))
            return
        source = _as_text(get("source")) or self.default_source or urlsplit(url).hostname or ""
        title = title or _title_from_text(text)
        item_id = _as_text(get("id")) or _stable_id(url, source, title, text)
        if item_id in self._ids:
            self.errors.append(
                RowError(row, f"Trùng mã tin '{item_id}' với dòng {self._ids[item_id]}")
            )
            return
        self._ids[item_id] = row
        self.items.append(
            {
                "id": item_id,
                "url": url,
                "source": source,
                "title": title,
                "text": text,
                "published_at": published,
            }
        )

    # -- CSV ---------------------------------------------------------------------------------

    def from_csv(self, content: bytes) -> ImportResult:
        text = decode_text(content).text
        try:
            dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        header: list[str] | None = None
        columns: dict[str, int] = {}
        for row_number, row in self._csv_rows(reader):
            if header is None:
                if not any(cell.strip() for cell in row):
                    continue
                header = [_key(cell) for cell in row]
                columns = self._columns(header)
                if "text" not in columns and "title" not in columns:
                    shown = ", ".join(cell for cell in row if cell.strip())[:200]
                    return ImportResult(
                        (),
                        error=(
                            f"Không tìm thấy cột tiêu đề hoặc nội dung (các cột của tệp: {shown})"
                        ),
                    )
                continue
            if not any(cell.strip() for cell in row):
                continue
            if self._full():
                break
            self.add(row_number, _csv_getter(row, columns))
        if header is None:
            return ImportResult((), error="Tệp CSV rỗng")
        return self._result({field: header[index] for field, index in columns.items()})

    def _csv_rows(self, reader: Any) -> Iterator[tuple[int, list[str]]]:
        """Rows with the spreadsheet line where each starts; unreadable rows become errors."""
        last_line = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self.errors.append(RowError(last_line + 1, f"Dòng CSV hỏng ({error})"))
                if reader.line_num == last_line:
                    return  # no progress: stop rather than loop
                last_line = reader.line_num
                continue
            yield last_line + 1, row
            last_line = reader.line_num

    def _columns(self, header: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for field in (*ITEM_FIELDS, "visibility"):
            for candidate in _candidates(field, self.mapping):
                key = _key(candidate)
                if key in header:
                    found[field] = header.index(key)
                    break
        return found

    # -- JSON --------------------------------------------------------------------------------

    def from_json(self, content: bytes, *, array: bool) -> ImportResult:
        text = decode_text(content).text
        if array:
            try:
                records = json.loads(text)
            except ValueError as error:
                return ImportResult((), error=f"Tệp JSON không hợp lệ ({error})")
            if not isinstance(records, list):
                return ImportResult((), error="Tệp JSON phải là một danh sách các đối tượng")
            numbered: Iterator[tuple[int, Any, str | None]] = (
                (index, record, None) for index, record in enumerate(records, start=1)
            )
        else:
            numbered = _json_lines(text)
        for row, record, problem in numbered:
            if self._full():
                break
            if problem is not None:
                self.errors.append(RowError(row, problem))
                continue
            if not isinstance(record, dict):
                self.errors.append(RowError(row, "Dòng không phải một đối tượng JSON"))
                continue
            self.add(row, _json_getter(record, self.mapping))
        return self._result()


def _csv_getter(row: list[str], columns: Mapping[str, int]) -> Callable[[str], Any]:
    def get(field: str) -> Any:
        index = columns.get(field)
        return row[index] if index is not None and index < len(row) else None

    return get


def _json_lines(text: str) -> Iterator[tuple[int, Any, str | None]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), None
        except ValueError as error:
            yield number, None, f"JSON không hợp lệ ({_json_problem(error)})"


def _json_problem(error: ValueError) -> str:
    message = getattr(error, "msg", str(error))
    column = getattr(error, "colno", None)
    return f"{message}, cột {column}" if column else str(message)


def _lookup(record: Mapping[str, Any], path: str) -> Any:
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _json_getter(record: Mapping[str, Any], mapping: ColumnMapping | None) -> Callable[[str], Any]:
    # Keys compared case-insensitively, as column names are.
    folded = {_key(str(key)): value for key, value in record.items()}

    def get(field: str) -> Any:
        for candidate in _candidates(field, mapping):
            value = _lookup(record, candidate)
            if value is None:
                value = folded.get(_key(candidate))
            if value not in (None, ""):
                return value
        return None

    return get
