"""Text of an uploaded document: .txt (any common encoding), .docx, .pdf (scans are OCR'd).

``extract_text`` raises ``DocumentError`` with a message in Vietnamese for anything that is not
a readable document: empty, too large, encrypted, damaged, or of another kind. OCR uses the
``pdftoppm`` (poppler-utils) and ``tesseract`` (with the ``vie`` language) programs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "MAX_BYTES",
    "DocumentError",
    "ExtractedText",
    "OcrUnavailableError",
    "decode_text",
    "extract_text",
]

MAX_BYTES = 25 * 1024 * 1024
_MIN_PAGE_CHARS = 25  # a page with fewer characters in its text layer is a scan


class DocumentError(Exception):
    """The file is not a readable document; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class OcrUnavailableError(DocumentError):
    """A scanned page needs OCR but the OCR programs are missing: a server problem."""


@dataclass(frozen=True)
class ExtractedText:
    """Text of a document and how it was obtained."""

    text: str
    method: str  # txt | docx | pdf | pdf+ocr | ocr
    pages: int | None = None
    ocr_pages: tuple[int, ...] = ()
    encoding: str | None = None

    @property
    def ocr_used(self) -> bool:
        """True when some of the text came from OCR."""
        return bool(self.ocr_pages) or self.method == "ocr"


# --- plain text -------------------------------------------------------------------------------

_VIETNAMESE_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ") | set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16, Windows-1258 or Windows-1252.

    Raises DocumentError for binary data.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    nuls = data.count(b"\x00")
    if nuls > len(data) // 4 and len(data) >= 4:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise DocumentError("Tệp không phải là văn bản (dữ liệu nhị phân).") from exc
    if nuls:
        raise DocumentError("Tệp không phải là văn bản (dữ liệu nhị phân).")
    controls = sum(1 for b in data[:65536] if b < 9 or 13 < b < 32)
    if controls > max(3, len(data[:65536]) // 100):
        raise DocumentError("Tệp không phải là văn bản (dữ liệu nhị phân).")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    as_1258 = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    letters = sum(1 for c in as_1258 if c.isalpha()) or 1
    vietnamese = sum(1 for c in as_1258 if c in _VIETNAMESE_ONLY)
    # Vietnamese written in Windows-1258 has letters Windows-1252 cannot encode (ơ, ư, đ, ă).
    if vietnamese >= 3 and vietnamese / letters > 0.01:
        return as_1258, "cp1258"
    return data.decode("cp1252", errors="replace"), "cp1252"


# --- docx -------------------------------------------------------------------------------------


def _roman(n: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, sym in values:
        while n >= value:
            out += sym
            n -= value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = "abcdefghijklmnopqrstuvwxyz"
        s = letters[(n - 1) % 26]
        return s.upper() if fmt == "upperLetter" else s
    if fmt in {"lowerRoman", "upperRoman"}:
        r = _roman(n)
        return r.lower() if fmt == "lowerRoman" else r
    return str(n)


class _Numbering:
    """Labels of Word's automatic numbering ("1.", "1.1.", "a)", bullets), which python-docx
    does not include in a paragraph's text."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        ns = (
            numbering.nsmap.get("w")
            or "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        )
        w = f"{{{ns}}}"
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in numbering.findall(f"{w}abstractNum"):
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in an.findall(f"{w}lvl"):
                ilvl = int(lvl.get(f"{w}ilvl", "0"))
                fmt_el = lvl.find(f"{w}numFmt")
                text_el = lvl.find(f"{w}lvlText")
                start_el = lvl.find(f"{w}start")
                fmt = fmt_el.get(f"{w}val") if fmt_el is not None else "decimal"
                text = text_el.get(f"{w}val") if text_el is not None else ""
                start = int(start_el.get(f"{w}val")) if start_el is not None else 1
                lv[ilvl] = (fmt or "decimal", text or "", start)
            abstract[an.get(f"{w}abstractNumId", "")] = lv
        for num in numbering.findall(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{w}numId", "")] = abstract.get(ref.get(f"{w}val", ""), {})

    def label(self, paragraph: Any) -> str:
        ppr = paragraph._p.pPr
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is None:
            style = paragraph.style
            while style is not None and num_pr is None:
                sppr = style.element.pPr
                num_pr = sppr.numPr if sppr is not None else None
                style = style.base_style
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        ilvl = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def repl(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            lf, _, ls = levels.get(level, ("decimal", "", 1))
            return _format_number(counters.get(level, ls), lf)

        label = re.sub(r"%(\d)", repl, text)
        return f"{label} " if label else ""


def _table_lines(table: Any) -> list[str]:
    rows: list[list[str]] = []
    cell_texts: list[list[str]] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        raw: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue  # a merged cell is repeated for every grid column it spans
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell.text))
            raw.append(cell.text)
        rows.append(cells)
        cell_texts.append(raw)
    width = max((len(r) for r in rows), default=0)
    out: list[str] = []
    if width <= 2:
        # Layout tables (the header block, the signature block): cell by cell, line by line.
        for raw in cell_texts:
            for text in raw:
                out.extend(line.strip() for line in text.split("\n"))
                out.append("")
        return out
    out.extend(" | ".join(cells) for cells in rows if any(cells))
    out.append("")
    return out


def _docx_text(path: Path) -> str:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocumentError("Máy chủ thiếu thư viện đọc tệp .docx.") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise DocumentError("Tệp .docx bị hỏng hoặc không đúng định dạng Word.") from exc
    numbering = _Numbering(document)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text
            label = numbering.label(para) if text.strip() else ""
            lines.append(label + text)
            lines.append("")
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
        elif tag == "sdt":
            lines.extend(
                Paragraph(p, document).text for p in child.iter() if p.tag.rsplit("}", 1)[-1] == "p"
            )
    return "\n".join(lines)


# --- pdf --------------------------------------------------------------------------------------


def _cell_text(cell: str | None) -> str:
    lines = [x.strip() for x in (cell or "").split("\n") if x.strip()]
    out = ""
    for line in lines:
        # "10/10/202" + "3": a number wrapped inside a narrow cell joins without a space.
        glue = "" if out and (out[-1].isdigit() or out[-1] == "/") and line[0].isdigit() else " "
        out = f"{out}{glue}{line}" if out else line
    return out


def _page_text(page: Any) -> str:
    try:
        tables = page.find_tables()
    except Exception:
        tables = []
    if not tables:
        return str(page.extract_text() or "")
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_only = page.filter(outside)
    parts: list[str] = []
    top = 0.0
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            region = text_only.crop((0, top, page.width, min(t_top, page.height)))
            parts.append(str(region.extract_text() or ""))
        rows = table.extract() or []
        width = max((len(r) for r in rows), default=0)
        for row in rows:
            cells = [_cell_text(c) for c in row]
            if not any(cells):
                continue
            parts.append(" | ".join(cells) if width >= 3 else "\n".join(c for c in cells if c))
        top = max(top, t_bottom)
    if top < page.height:
        parts.append(str(text_only.crop((0, top, page.width, page.height)).extract_text() or ""))
    return "\n".join(parts)


def _require_tools() -> tuple[str, str]:
    tesseract = shutil.which("tesseract")
    pdftoppm = shutil.which("pdftoppm")
    if not tesseract or not pdftoppm:
        raise OcrUnavailableError(
            "Tệp là bản quét cần nhận dạng chữ nhưng máy chủ chưa cài tesseract/poppler-utils."
        )
    return tesseract, pdftoppm


def _tesseract(image: Path, tesseract: str, timeout: float) -> str:
    try:
        done = subprocess.run(
            [tesseract, str(image), "stdout", "-l", "vie", "--psm", "4"],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentError("Nhận dạng chữ quá lâu; tệp quét có thể quá lớn hoặc quá mờ.") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", errors="replace")
        if "vie" in message and ("Failed loading language" in message or "not found" in message):
            raise OcrUnavailableError("Máy chủ chưa cài dữ liệu tiếng Việt cho tesseract (vie).")
        raise DocumentError("Không nhận dạng được chữ trong ảnh quét.")
    return done.stdout.decode("utf-8", errors="replace")


def _ocr_pdf_page(path: Path, number: int, password: str | None, timeout: float) -> str:
    tesseract, pdftoppm = _require_tools()
    with tempfile.TemporaryDirectory() as tmp:
        args = [pdftoppm, "-r", "300", "-gray", "-f", str(number), "-l", str(number), "-png"]
        if password:
            args += ["-upw", password]
        try:
            subprocess.run(
                [*args, str(path), str(Path(tmp) / "page")],
                capture_output=True,
                timeout=timeout,
                check=True,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise DocumentError(f"Không chuyển được trang {number} của tệp PDF thành ảnh.") from exc
        images = sorted(Path(tmp).glob("page*.png"))
        if not images:
            raise DocumentError(f"Không chuyển được trang {number} của tệp PDF thành ảnh.")
        return _tesseract(images[0], tesseract, timeout)


def _pdf(path: Path, *, ocr: bool, timeout: float, max_ocr_pages: int) -> ExtractedText:
    try:
        import pdfplumber
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise DocumentError("Máy chủ thiếu thư viện đọc tệp PDF.") from exc
    password: str | None = None
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            # An owner password only restricts editing; an empty user password still opens it.
            if not reader.decrypt(""):
                raise DocumentError("Tệp PDF được bảo vệ bằng mật khẩu, không mở được.")
            password = ""
        pages = len(reader.pages)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise DocumentError("Tệp PDF bị hỏng, không đọc được.") from exc
    except Exception as exc:
        if "password" in str(exc).lower() or "decrypt" in str(exc).lower():
            raise DocumentError("Tệp PDF được bảo vệ bằng mật khẩu, không mở được.") from exc
        raise DocumentError("Tệp PDF bị hỏng, không đọc được.") from exc
    if pages == 0:
        raise DocumentError("Tệp PDF không có trang nào.")
    texts: list[str] = []
    ocr_pages: list[int] = []
    try:
        with pdfplumber.open(str(path), password=password) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                text = _page_text(page)
                if len("".join(text.split())) < _MIN_PAGE_CHARS and ocr:
                    if len(ocr_pages) >= max_ocr_pages:
                        raise DocumentError(
                            f"Tệp quét có hơn {max_ocr_pages} trang cần nhận dạng chữ; "
                            "hãy tách nhỏ."
                        )
                    text = _ocr_pdf_page(path, number, password, timeout)
                    ocr_pages.append(number)
                texts.append(text)
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("Tệp PDF bị hỏng, không đọc được.") from exc
    method = "pdf+ocr" if ocr_pages else "pdf"
    return ExtractedText("\n\f\n".join(texts), method, pages, tuple(ocr_pages))


# --- entry point ------------------------------------------------------------------------------

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def extract_text(
    path: str | Path,
    *,
    max_bytes: int = MAX_BYTES,
    ocr: bool = True,
    ocr_timeout: float = 180.0,
    max_ocr_pages: int = 60,
) -> ExtractedText:
    """Read a document's text.

    Guarantees: returns non-empty text or raises ``DocumentError`` with a one-line Vietnamese
    message (``OcrUnavailableError`` when only the server's missing OCR tools are at fault).
    The kind of file is told by its content, not only by its name.
    """
    p = Path(path)
    if not p.is_file():
        raise DocumentError(f"Không tìm thấy tệp: {p.name}")
    size = p.stat().st_size
    if size == 0:
        raise DocumentError("Tệp rỗng.")
    if size > max_bytes:
        raise DocumentError(f"Tệp lớn hơn {max_bytes // (1024 * 1024)} MB, không nhận.")
    with p.open("rb") as fh:
        head = fh.read(8)
    suffix = p.suffix.lower()
    if head.startswith(b"%PDF"):
        result = _pdf(p, ocr=ocr, timeout=ocr_timeout, max_ocr_pages=max_ocr_pages)
    elif head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(p) as zf:
                is_docx = "word/document.xml" in zf.namelist()
        except zipfile.BadZipFile as exc:
            raise DocumentError("Tệp nén bị hỏng, không đọc được.") from exc
        if not is_docx:
            raise DocumentError("Tệp không phải văn bản Word (.docx); chỉ nhận .docx, .pdf, .txt.")
        result = ExtractedText(_docx_text(p), "docx")
    elif head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(
            "Tệp Word đời cũ (.doc) chưa được hỗ trợ; hãy lưu lại thành .docx hoặc PDF."
        )
    elif head.startswith(_IMAGE_MAGIC):
        tesseract, _ = _require_tools()
        result = ExtractedText(_tesseract(p, tesseract, ocr_timeout), "ocr", 1, (1,))
    elif suffix in {".pdf", ".docx"}:
        raise DocumentError(f"Tệp có đuôi {suffix} nhưng nội dung không đúng định dạng đó.")
    else:
        text, encoding = decode_text(p.read_bytes())
        result = ExtractedText(text, "txt", None, (), encoding)
    if not result.text.strip():
        if result.method == "pdf":
            raise DocumentError("Không đọc được chữ nào trong tệp PDF.")
        raise DocumentError("Tệp không có nội dung chữ.")
    return result
