"""Rebuild the binary and scanned fixtures of this folder from the texts written below.

    .venv/bin/python tests/data/plans_docs/build_docs.py

Makes ``kh_bo_table.docx`` (a ministry plan: header table, task table, Word numbering),
``qd_kh_bentre.pdf`` (a decision with its attached plan, through LibreOffice),
``kh_table_hue.pdf`` (a department's plan whose tasks are a ruled table, through LibreOffice),
``ctr_bo_merged.docx`` (a ministry's action programme: a table with merged group rows, bullets),
``kh_ocr_phuyen.txt`` (a second page read with the English OCR model),
``kh_scan_laichau.pdf`` (an image-only page, to be OCR'd) and ``kh_ocr_caoloc.txt`` (a page
rendered small and read with the English OCR model, which loses diacritics as old scans do).
OCR output depends on the tesseract version; the committed files are the reference.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def _header_table(document: docx.document.Document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def build_ministry_docx(path: Path) -> None:
    d = docx.Document()
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(13)
    _header_table(
        d,
        ["BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Số: 2150/KH-BTNMT"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Nội, ngày 12 tháng 6 năm 2023",
        ],
    )
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph(
        "Thực hiện Chỉ thị số 07/CT-TTg ngày 21/03/2023 của Thủ tướng Chính phủ "
        "về tăng cường công tác truyền thông chính sách"
    )
    d.add_paragraph(
        "Thực hiện Chỉ thị số 07/CT-TTg ngày 21/03/2023 của Thủ tướng Chính phủ và Chương trình "
        "hành động ban hành kèm theo Quyết định số 765/QĐ-BTTTT ngày 28/04/2023 của Bộ Thông tin "
        "và Truyền thông, Bộ Tài nguyên và Môi trường ban hành Kế hoạch thực hiện như sau:"
    )
    d.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    d.add_paragraph(
        "Các dự thảo chính sách về đất đai, tài nguyên nước, môi trường được giới thiệu rộng rãi "
        "để người dân và doanh nghiệp góp ý ngay từ khi soạn thảo."
    )
    d.add_paragraph("II. NHIỆM VỤ CỤ THỂ")
    rows = [
        [
            "STT",
            "Nhiệm vụ",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Thời gian hoàn thành",
            "Sản phẩm",
        ],
        ["1", "Truyền thông về chính sách, pháp luật tài nguyên và môi trường", "", "", "", ""],
        [
            "1.1",
            "Truyền thông dự thảo Luật Đất đai (sửa đổi) đến người dân và doanh nghiệp",
            "Vụ Pháp chế",
            "Trung tâm Truyền thông tài nguyên và môi trường; Báo Tài nguyên và Môi trường",
            "Quý III/2023",
            "Chuyên trang, tọa đàm",
        ],
        [
            "1.2",
            "Cập nhật thông tin chính sách trên Cổng Thông tin điện tử của Bộ",
            "Trung tâm Công nghệ thông tin tài nguyên và môi trường",
            "Các đơn vị trực thuộc Bộ",
            "Thường xuyên",
            "Tin, bài",
        ],
        ["2", "Nâng cao năng lực đội ngũ làm công tác truyền thông", "", "", "", ""],
        [
            "2.1",
            "Tập huấn kỹ năng phát ngôn và cung cấp thông tin cho báo chí",
            "Văn phòng Bộ",
            "Vụ Tổ chức cán bộ",
            "Hằng năm",
            "02 lớp tập huấn",
        ],
        [
            "2.2",
            "Xây dựng tài liệu hướng dẫn xử lý khủng hoảng truyền thông",
            "Trung tâm Truyền thông tài nguyên và môi trường",
            "Văn phòng Bộ",
            "Tháng 12/2023",
            "Bộ tài liệu",
        ],
    ]
    table = d.add_table(rows=len(rows), cols=6)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    d.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    for text in (
        "Văn phòng Bộ chủ trì theo dõi, đôn đốc các đơn vị thực hiện Kế hoạch; tổng hợp kết quả, "
        "báo cáo Bộ trưởng trước ngày 15/12 hằng năm.",
        "Vụ Kế hoạch - Tài chính bố trí kinh phí thực hiện Kế hoạch trong dự toán được giao.",
        "Thủ trưởng các đơn vị trực thuộc Bộ căn cứ Kế hoạch này chủ động triển khai các nhiệm vụ "
        "được giao.",
    ):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph(
        "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Văn phòng Bộ để "
        "tổng hợp, báo cáo Bộ trưởng xem xét, quyết định./."
    )
    _header_table(
        d,
        ["Nơi nhận:", "- Bộ trưởng (để b/c);", "- Các đơn vị trực thuộc Bộ;", "- Lưu: VT, VP."],
        ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "Lê Minh Ngân"],
    )
    d.save(str(path))


def _decision_docx(path: Path) -> None:
    d = docx.Document()
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(12)
    _header_table(
        d,
        ["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE", "Số: 1420/QĐ-UBND"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Bến Tre, ngày 30 tháng 6 năm 2023",
        ],
    )
    for text in (
        "QUYẾT ĐỊNH",
        "Ban hành Kế hoạch thực hiện Chỉ thị số 07/CT-TTg ngày 21/03/2023 của Thủ tướng Chính phủ "
        "về tăng cường công tác truyền thông chính sách",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẾN TRE",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Chỉ thị số 07/CT-TTg ngày 21 tháng 03 năm 2023 của Thủ tướng Chính phủ về tăng "
        "cường công tác truyền thông chính sách;",
        "Theo đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 95/TTr-STTTT "
        "ngày 20 tháng 6 năm 2023.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị 07/CT-TTg của "
        "Thủ tướng Chính phủ về tăng cường công tác truyền thông chính sách.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Thông tin và Truyền thông, "
        "Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch Ủy ban nhân dân các huyện, thành phố chịu "
        "trách nhiệm thi hành Quyết định này./.",
    ):
        d.add_paragraph(text)
    _header_table(
        d,
        ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."],
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Minh Cảnh"],
    )
    d.add_page_break()
    _header_table(
        d,
        ["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
    )
    for text in (
        "KẾ HOẠCH",
        "Thực hiện Chỉ thị số 07/CT-TTg ngày 21/03/2023 của Thủ tướng Chính phủ",
        "về tăng cường công tác truyền thông chính sách",
        "(Ban hành kèm theo Quyết định số 1420/QĐ-UBND ngày 30 tháng 6 năm 2023 của Chủ tịch "
        "Ủy ban nhân dân tỉnh)",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Cụ thể hóa các nhiệm vụ Thủ tướng Chính phủ giao, phù hợp với điều kiện của tỉnh.",
        "II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN",
        "1. Xây dựng cơ chế phối hợp cung cấp thông tin giữa các sở, ngành với cơ quan báo chí.",
        "- Đơn vị chủ trì: Sở Thông tin và Truyền thông",
        "- Thời hạn hoàn thành: Quý III năm 2023.",
        "- Đơn vị phối hợp: Văn phòng Ủy ban nhân dân tỉnh; Hội Nhà báo tỉnh.",
        "2. Truyền thông các dự thảo văn bản quy phạm pháp luật của tỉnh có tác động lớn.",
        "- Đơn vị chủ trì: Sở Tư pháp.",
        "- Đơn vị phối hợp: Các cơ quan chủ trì soạn thảo.",
        "- Thời hạn hoàn thành: Hằng năm.",
        "3. Bố trí công chức làm đầu mối truyền thông chính sách ở các cơ quan chuyên môn.",
        "- Đơn vị chủ trì: Sở Nội vụ.",
        "- Thời hạn hoàn thành: Năm 2024.",
        "4. Duy trì chuyên mục chính sách trên hệ thống truyền thanh cơ sở.",
        "- Đơn vị chủ trì: Ủy ban nhân dân các huyện, thành phố.",
        "- Đơn vị phối hợp: Sở Thông tin và Truyền thông.",
        "- Thời hạn hoàn thành: Thường xuyên.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Sở Thông tin và Truyền thông theo dõi, hướng dẫn, kiểm tra việc thực hiện Kế hoạch; định "
        "kỳ trước ngày 10/12 hằng năm báo cáo Ủy ban nhân dân tỉnh.",
    ):
        d.add_paragraph(text)
    d.save(str(path))


def build_decision_pdf(path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        raise SystemExit("LibreOffice is needed to build the PDF fixture")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "qd_kh_bentre.docx"
        _decision_docx(source)
        subprocess.run(
            [office, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(Path(tmp) / "qd_kh_bentre.pdf", path)


def render_page(lines: list[str], *, dpi: int, size_pt: float = 13) -> Image.Image:
    """An A4 page with ``lines`` in DejaVu Serif, which has every Vietnamese letter.

    Lines starting with "*" are bold, with "^" centred.
    """
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    px = int(size_pt / 72 * dpi)
    regular = ImageFont.truetype(FONT, px)
    bold = ImageFont.truetype(FONT_BOLD, px)
    left, y = int(1.2 * dpi), int(0.8 * dpi)
    for line in lines:
        font = bold if line.startswith("*") else regular
        text = line.lstrip("*^")
        if line.lstrip("*").startswith("^"):
            w = draw.textlength(text, font=font)
            x = (width - w) / 2
        else:
            x = left
        draw.text((x, y), text, fill=0, font=font)
        y += int(px * 1.45)
    return page


SCAN_LINES = [
    "*ỦY BAN NHÂN DÂN",
    "*TỈNH LAI CHÂU",
    "Số: 77/KH-UBND                                    Lai Châu, ngày 02 tháng 8 năm 2023",
    "",
    "*^KẾ HOẠCH",
    "*^Truyền thông chính sách năm 2023 trên địa bàn tỉnh Lai Châu",
    "",
    "Thực hiện Chỉ thị số 07/CT-TTg ngày 21/03/2023 của Thủ tướng Chính phủ,",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
    "",
    "*I. NHIỆM VỤ",
    "1. Tổ chức tọa đàm về chính sách hỗ trợ đồng bào dân tộc thiểu số.",
    "- Chủ trì: Ban Dân tộc tỉnh.",
    "- Phối hợp: Sở Thông tin và Truyền thông",
    "- Thời gian thực hiện: Quý IV/2023.",
    "2. Biên soạn tài liệu hỏi - đáp chính sách bằng tiếng dân tộc.",
    "- Chủ trì: Sở Thông tin và Truyền thông.",
    "- Phối hợp: Đài Phát thanh và Truyền hình tỉnh.",
    "- Thời gian thực hiện: Tháng 11/2023.",
    "3. Cung cấp thông tin cho báo chí về các chính sách mới của tỉnh.",
    "- Chủ trì: Văn phòng Ủy ban nhân dân tỉnh.",
    "- Thời gian thực hiện: Thường xuyên.",
    "",
    "Nơi nhận:",
    "- Lưu: VT.",
]


def build_scan_pdf(path: Path) -> None:
    page = render_page(SCAN_LINES, dpi=200, size_pt=12)
    page.save(str(path), "PDF", resolution=200)


OCR_LINES = [
    "*UBND HUYỆN CAO LỘC                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "*PHÒNG VĂN HÓA VÀ THÔNG TIN                 Độc lập - Tự do - Hạnh phúc",
    "Số: 58/KH-VHTT                            Cao Lộc, ngày 20 tháng 9 năm 2023",
    "",
    "*^KẾ HOẠCH",
    "*^Triển khai công tác truyền thông chính sách trên địa bàn huyện năm 2023",
    "",
    "Thực hiện Kế hoạch số 215/KH-UBND ngày 05/9/2023 của Ủy ban nhân dân huyện",
    "Cao Lộc, Phòng Văn hóa và Thông tin xây dựng Kế hoạch như sau:",
    "",
    "*I. MỤC ĐÍCH, YÊU CẦU",
    "Thông tin về chính sách mới đến được từng thôn, bản kịp thời, dễ hiểu.",
    "",
    "*II. NHIỆM VỤ",
    "1. Biên tập bản tin chính sách phát trên hệ thống truyền thanh các xã.",
    "- Chủ trì: Trung tâm Văn hóa, Thể thao và Truyền thông huyện.",
    "- Phối hợp: Ủy ban nhân dân các xã, thị trấn.",
    "- Thời gian thực hiện: Hằng tháng.",
    "2. Tổ chức hội nghị đối thoại chính sách với người dân tại các xã.",
    "- Chủ trì: Phòng Văn hóa và Thông tin.",
    "- Phối hợp: Phòng Nội vụ; Phòng Tư pháp.",
    "- Thời gian thực hiện: Quý IV năm 2023.",
    "",
    "*III. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Tư pháp: Cung cấp nội dung các văn bản pháp luật mới ban hành.",
    "2. Ủy ban nhân dân các xã, thị trấn",
    "- Phân công công chức văn hóa - xã hội theo dõi công tác truyền thông.",
    "- Báo cáo kết quả về Phòng Văn hóa và Thông tin trước ngày 10/12/2023.",
]


def build_ocr_text(path: Path, lines: list[str] = OCR_LINES) -> None:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise SystemExit("tesseract is needed to build the OCR fixture")
    page = render_page(lines, dpi=110, size_pt=12).filter(ImageFilter.GaussianBlur(0.6))
    with tempfile.TemporaryDirectory() as tmp:
        image = Path(tmp) / "page.png"
        page.save(str(image))
        done = subprocess.run(
            [tesseract, str(image), "stdout", "-l", "eng", "--psm", "4"],
            check=True,
            capture_output=True,
            timeout=120,
        )
    path.write_text(done.stdout.decode("utf-8"), encoding="utf-8")


def _table_plan_docx(path: Path) -> None:
    d = docx.Document()
    d.styles["Normal"].font.name = "DejaVu Serif"
    d.styles["Normal"].font.size = Pt(11)
    _header_table(
        d,
        ["UBND TỈNH THỪA THIÊN HUẾ", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 1503/KH-STTTT"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Thừa Thiên Huế, ngày 14 tháng 7 năm 2023",
        ],
    )
    for text in (
        "KẾ HOẠCH",
        "Truyền thông chính sách về chuyển đổi số năm 2023",
        "Căn cứ Kế hoạch số 297/KH-UBND ngày 20/6/2023 của Ủy ban nhân dân tỉnh về thực hiện "
        "Chỉ thị số 07/CT-TTg của Thủ tướng Chính phủ, Sở Thông tin và Truyền thông ban hành "
        "Kế hoạch như sau:",
        "I. MỤC ĐÍCH",
        "Người dân biết và sử dụng các dịch vụ công trực tuyến, nền tảng số của tỉnh.",
        "II. NHIỆM VỤ",
    ):
        d.add_paragraph(text)
    rows = [
        [
            "TT",
            "Nội dung công việc",
            "Đơn vị thực hiện",
            "Đơn vị phối hợp",
            "Thời gian",
            "Kết quả/sản phẩm",
        ],
        [
            "1",
            'Xây dựng chuyên mục "Chuyển đổi số" trên Báo Thừa Thiên Huế',
            "Phòng Thông tin - Báo chí - Xuất bản",
            "Báo Thừa Thiên Huế",
            "Tháng 8/2023",
            "Chuyên mục",
        ],
        [
            "2",
            "Sản xuất 12 video ngắn hướng dẫn dịch vụ công trực tuyến",
            "Trung tâm Thông tin dữ liệu điện tử",
            "Các sở, ngành",
            "Quý IV/2023",
            "12 video",
        ],
        [
            "3",
            "Tổ chức Ngày hội chuyển đổi số cấp tỉnh",
            "Phòng Bưu chính, Viễn thông và Chuyển đổi số",
            "UBND các huyện, thị xã, thành phố Huế",
            "10/10/2023",
            "Ngày hội",
        ],
        [
            "4",
            "Cập nhật câu hỏi thường gặp về dịch vụ công trên Cổng dịch vụ công của tỉnh",
            "Văn phòng Sở",
            "Các phòng, đơn vị thuộc Sở",
            "Thường xuyên",
            "Bộ câu hỏi - đáp",
        ],
    ]
    table = d.add_table(rows=len(rows), cols=6)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    d.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    d.add_paragraph(
        "Giao Văn phòng Sở theo dõi, đôn đốc thực hiện Kế hoạch; tổng hợp, báo cáo Giám đốc Sở "
        "trước ngày 05/12/2023."
    )
    d.add_paragraph("Nơi nhận:")
    d.add_paragraph("- Lưu: VT.")
    d.save(str(path))


def build_table_pdf(path: Path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        raise SystemExit("LibreOffice is needed to build the PDF fixture")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "kh_table_hue.docx"
        _table_plan_docx(source)
        subprocess.run(
            [office, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(Path(tmp) / "kh_table_hue.pdf", path)


def build_programme_docx(path: Path) -> None:
    d = docx.Document()
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(13)
    _header_table(
        d,
        ["BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Số: 45/CTr-BGDĐT"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Nội, ngày 30 tháng 6 năm 2023",
        ],
    )
    for text in (
        "CHƯƠNG TRÌNH",
        "Hành động thực hiện Chỉ thị số 07/CT-TTg về tăng cường công tác truyền thông chính sách",
        "Thực hiện Chỉ thị số 07/CT-TTg ngày 21/03/2023 của Thủ tướng Chính phủ, Bộ Giáo dục và "
        "Đào tạo ban hành Chương trình hành động như sau:",
        "I. NHIỆM VỤ",
    ):
        d.add_paragraph(text)
    rows = [
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
        ["A", "Truyền thông chính sách giáo dục", "", "", ""],
        [
            "1",
            "Truyền thông chương trình giáo dục phổ thông 2018",
            "Vụ Giáo dục Trung học",
            "Cục Công nghệ thông tin",
            "Hằng năm",
        ],
        [
            "2",
            "Cung cấp thông tin về kỳ thi tốt nghiệp trung học phổ thông cho báo chí",
            "Cục Quản lý chất lượng",
            "Văn phòng Bộ",
            "Tháng 6 hằng năm",
        ],
        ["B", "Nâng cao năng lực", "", "", ""],
        [
            "3",
            "Tập huấn người phát ngôn của các sở giáo dục và đào tạo",
            "Văn phòng Bộ",
            "Các sở giáo dục và đào tạo",
            "Quý II/2024",
        ],
    ]
    table = d.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        if not any(values[2:]):
            merged = table.cell(r, 1).merge(table.cell(r, 4))
            table.cell(r, 0).text = values[0]
            merged.text = values[1]
            continue
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    d.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    for text in (
        "Văn phòng Bộ chủ trì theo dõi, đôn đốc việc thực hiện Chương trình.",
        "Các sở giáo dục và đào tạo căn cứ Chương trình này xây dựng kế hoạch của địa phương, "
        "hoàn thành trước ngày 30/9/2023.",
    ):
        d.add_paragraph(text, style="List Bullet")
    d.add_paragraph("Nơi nhận:")
    d.add_paragraph("- Lưu: VT, VP.")
    d.save(str(path))


OCR_LINES_2 = [
    "*ỦY BAN NHÂN DÂN                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "*TỈNH PHÚ YÊN                                   Độc lập - Tự do - Hạnh phúc",
    "Số: 96/KH-UBND                              Phú Yên, ngày 11 tháng 5 năm 2023",
    "",
    "*^KẾ HOẠCH",
    "*^Triển khai Chỉ thị số 07/CT-TTg của Thủ tướng Chính phủ",
    "",
    "Thực hiện Chỉ thị số 07/CT-TTg ngày 21/03/2023 của Thủ tướng Chính phủ,",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
    "",
    "*I. NHIỆM VỤ, GIẢI PHÁP",
    "1. Sở Thông tin và Truyền thông:",
    "- Tham mưu Ủy ban nhân dân tỉnh thành lập Tổ công tác xử lý khủng hoảng",
    "truyền thông.",
    "- Tổ chức tập huấn kỹ năng truyền thông chính sách cho cán bộ cấp xã.",
    "2. Sở Tư pháp: Đôn đốc các cơ quan thực hiện Luật Tiếp cận thông tin.",
    "3. Báo Phú Yên, Đài Phát thanh và Truyền hình Phú Yên:",
    "- Mở chuyên mục về chính sách mới của tỉnh.",
    "",
    "*II. TỔ CHỨC THỰC HIỆN",
    "Thủ trưởng các sở, ban, ngành và Chủ tịch Ủy ban nhân dân các huyện, thị xã,",
    "thành phố báo cáo kết quả thực hiện về Sở Thông tin và Truyền thông trước",
    "ngày 20/11 hằng năm.",
]


def main() -> None:
    build_ministry_docx(HERE / "kh_bo_table.docx")
    build_decision_pdf(HERE / "qd_kh_bentre.pdf")
    build_table_pdf(HERE / "kh_table_hue.pdf")
    build_scan_pdf(HERE / "kh_scan_laichau.pdf")
    build_ocr_text(HERE / "kh_ocr_caoloc.txt")
    build_programme_docx(HERE / "ctr_bo_merged.docx")
    build_ocr_text(HERE / "kh_ocr_phuyen.txt", OCR_LINES_2)


if __name__ == "__main__":
    main()
