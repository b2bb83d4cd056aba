"""Reading uploaded documents: text encodings, Word, text PDFs, scans, and bad files."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest
from PIL import Image, ImageDraw, ImageFont

from ttcs.plans.parsing import DocumentError, extract_text, parse_file
from ttcs.plans.parsing.extract import decode_text

SAMPLE = (
    "ỦY BAN NHÂN DÂN TỈNH ĐIỆN BIÊN\n"
    "KẾ HOẠCH\n"
    "Truyền thông chính sách về chuyển đổi số\n"
    "1. Sở Thông tin và Truyền thông chủ trì hướng dẫn các xã, phường.\n"
)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese software writes it: base letters (â, ơ, đ…) precomposed,
    tone marks as combining characters after them."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def _encode(text: str, encoding: str) -> bytes:
    return _cp1258(text) if encoding == "cp1258" else text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258"])
def test_text_files_are_read_in_any_common_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "kh.txt"
    path.write_bytes(_encode(SAMPLE, encoding))
    extracted = extract_text(path)
    assert extracted.text.replace("\r\n", "\n") == SAMPLE
    assert extracted.method == "txt"
    assert extracted.ocr_used is False


def test_windows_1258_text_is_recomposed_to_nfc(tmp_path: Path) -> None:
    # Windows-1258 writes tones as combining marks: "ố" arrives as "ô" + U+0301.
    path = tmp_path / "kh.txt"
    raw = _cp1258(SAMPLE)
    assert "ố".encode("cp1258", errors="replace") not in raw  # really decomposed on disk
    path.write_bytes(raw)
    text = extract_text(path).text
    assert "Truyền thông" in text
    assert unicodedata.is_normalized("NFC", text)
    assert decode_text(raw)[1] == "cp1258"


def test_western_text_falls_back_to_windows_1252() -> None:
    text, encoding = decode_text("Café Münster — résumé".encode("cp1252"))
    assert (text, encoding) == ("Café Münster — résumé", "cp1252")


def test_word_paragraphs_and_tables_keep_their_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Nhiệm vụ đầu tiên", style="List Number")
    document.add_paragraph("Nhiệm vụ thứ hai", style="List Number")
    table = document.add_table(rows=2, cols=3)
    for c, value in enumerate(["STT", "Nội dung", "Đơn vị chủ trì"]):
        table.cell(0, c).text = value
    for c, value in enumerate(["1", "Tập huấn", "Sở Nội vụ"]):
        table.cell(1, c).text = value
    document.add_paragraph("Nơi nhận:")
    path = tmp_path / "kh.docx"
    document.save(str(path))
    lines = [x for x in extract_text(path).text.split("\n") if x.strip()]
    assert lines == [
        "KẾ HOẠCH",
        "1. Nhiệm vụ đầu tiên",
        "2. Nhiệm vụ thứ hai",
        "STT | Nội dung | Đơn vị chủ trì",
        "1 | Tập huấn | Sở Nội vụ",
        "Nơi nhận:",
    ]


def test_a_word_file_named_pdf_is_told_by_its_content(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Kế hoạch truyền thông")
    path = tmp_path / "kh.pdf"
    document.save(str(path))
    assert extract_text(path).method == "docx"


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_text_pdf_is_read_from_its_text_layer(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Truyền thông chính sách trên địa bàn tỉnh Điện Biên")
    source = tmp_path / "kh.docx"
    document.save(str(source))
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    extracted = extract_text(tmp_path / "kh.pdf")
    assert extracted.method == "pdf"
    assert "Truyền thông chính sách trên địa bàn tỉnh Điện Biên" in extracted.text
    assert extracted.ocr_pages == ()


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("pdftoppm") is None or not FONT.exists(),
    reason="tesseract, pdftoppm or the DejaVu font is missing",
)
def test_scanned_pdf_pages_are_ocrd_in_vietnamese(tmp_path: Path) -> None:
    page = Image.new("L", (1654, 800), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 40)
    lines = [
        "Số: 21/KH-UBND",
        "KẾ HOẠCH",
        "1. Tổ chức hội nghị quán triệt.",
        "- Chủ trì: Sở Thông tin và Truyền thông.",
        "- Thời gian thực hiện: Quý IV/2024.",
    ]
    for i, line in enumerate(lines):
        draw.text((120, 80 + i * 90), line, fill=0, font=font)
    path = tmp_path / "scan.pdf"
    page.save(str(path), "PDF", resolution=200)
    extracted = extract_text(path)
    assert extracted.ocr_used and extracted.ocr_pages == (1,)
    assert "Sở Thông tin và Truyền thông" in extracted.text
    task = parse_file(path)["tasks"][0]
    assert task["lead"][0]["name"] == "Sở Thông tin và Truyền thông"
    assert task["timeframe"]["due"] == "2024-12-31"


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="rỗng"):
        extract_text(path)


def test_blank_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="không có nội dung"):
        extract_text(path)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("a" * 2048, encoding="utf-8")
    with pytest.raises(DocumentError, match="MB"):
        extract_text(path, max_bytes=1024)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="Không tìm thấy"):
        extract_text(tmp_path / "none.pdf")


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="mat-khau", owner_password="chu-so-huu")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(DocumentError, match="mật khẩu"):
        extract_text(path)


def test_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    with pytest.raises(DocumentError, match="PDF"):
        extract_text(path)


def test_binary_data_is_not_a_document(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(DocumentError, match="không phải"):
        extract_text(path)


def test_zip_that_is_not_word_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "xin chào")
    with pytest.raises(DocumentError, match="Word"):
        extract_text(path)


def test_old_word_format_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "kh.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(DocumentError, match=r"\.doc"):
        extract_text(path)


def test_pdf_name_with_other_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kh.pdf"
    path.write_text("không phải PDF", encoding="utf-8")
    with pytest.raises(DocumentError, match="không đúng định dạng"):
        extract_text(path)
