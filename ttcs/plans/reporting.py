"""Report content (gathered from the database) and rendering to DOCX (Decree 30/2020 layout),
XLSX and PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from ttcs.core.models import Agency
from ttcs.plans.models import (
    Occurrence,
    OccurrenceStatus,
    ProgressUpdate,
    Report,
    ReportStatus,
)

STATUS_LABELS = dict(OccurrenceStatus.choices)


def gather_report_content(agency: Agency, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Figures and rows for ``agency``'s report over [start, end]: its own occurrences due in the
    period (or open without a due date) and the reports its sub-agencies submitted to it."""
    occurrences = (
        Occurrence.objects.filter(agency=agency)
        .filter(due__gte=start, due__lte=end)
        .select_related("task", "task__plan")
        .prefetch_related(
            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("-created_at", "-pk"))
        )
        .order_by("task__plan__issued_on", "task__plan_id", "task__position", "due")
    )
    undated = (
        Occurrence.objects.filter(agency=agency, due__isnull=True)
        .select_related("task", "task__plan")
        .prefetch_related(
            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("-created_at", "-pk"))
        )
    )
    rows = []
    counts: Counter[str] = Counter()
    overdue = 0
    for occ in [*occurrences, *undated]:
        latest = next(iter(occ.updates.all()), None)
        late = occ.is_overdue(min(end, timezone.localdate()))
        overdue += int(late)
        counts[occ.status] += 1
        rows.append(
            {
                "plan": str(occ.task.plan),
                "ref": occ.task.ref,
                "task": occ.task.title,
                "period": occ.period_label,
                "due": occ.due.isoformat() if occ.due else None,
                "status": occ.status,
                "status_label": str(STATUS_LABELS[occ.status]),
                "percent": occ.percent,
                "overdue": late,
                "result": latest.narrative if latest else "",
            }
        )
    sub_reports = (
        Report.objects.filter(submitted_to=agency, status=ReportStatus.SUBMITTED)
        .filter(period_end__gte=start, period_start__lte=end)
        .select_related("agency")
        .order_by("agency__name")
    )
    children = [
        {
            "report_id": r.pk,
            "agency": r.agency.name,
            "title": r.title,
            "number": r.number,
            "summary": r.summary,
            "totals": r.content.get("totals", {}),
        }
        for r in sub_reports
    ]
    total = len(rows)
    done = counts[OccurrenceStatus.DONE]
    return {
        "agency": agency.name,
        "period": [start.isoformat(), end.isoformat()],
        "totals": {
            "tasks": total,
            "done": done,
            "in_progress": counts[OccurrenceStatus.IN_PROGRESS]
            + counts[OccurrenceStatus.SUBMITTED]
            + counts[OccurrenceStatus.RETURNED],
            "not_started": counts[OccurrenceStatus.NOT_STARTED],
            "overdue": overdue,
            "completion": round(100 * done / total) if total else 0,
        },
        "rows": rows,
        "sub_reports": children,
    }


# --- rendering -----------------------------------------------------------------------------

MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def _issuer_lines(agency: Agency) -> tuple[str, str]:
    parent = agency.parent
    upper = parent.name.upper() if parent else ""
    return upper, agency.name.upper()


def _place(agency: Agency) -> str:
    province = agency.province()
    name = province.name if province else agency.name
    for prefix in ("Thành phố ", "Tỉnh ", "thành phố ", "tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def render_docx(report: Report) -> bytes:
    """The report as a Decree 30/2020 administrative document: A4, Times New Roman 13–14,
    margins 20/20/30/15 mm, issuer and national motto blocks, number/symbol, place-and-date line,
    page numbers centred in the top margin from page 2 on."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    _ = WD_SECTION  # imported for readers looking for section options

    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(6)

    # Page number field centred in the header, not on page 1.
    header_par = section.header.paragraphs[0]
    header_par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header_par.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)

    upper, issuer = _issuer_lines(report.agency)
    table = doc.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # 165 mm of text width: the motto needs one unbroken line on the right.
    for column, width in zip(table.columns, (Mm(62), Mm(103)), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    cells = table.rows
    left = [upper, issuer, f"Số: {report.number or '      /BC-'}"]
    content = report.content or {}
    end = dt.date.fromisoformat(content.get("period", [None, report.period_end.isoformat()])[1])
    right = [
        MOTTO_1,
        MOTTO_2,
        f"{_place(report.agency)}, ngày {end.day:02d} tháng {end.month:02d} năm {end.year}",
    ]
    for i, (ltext, rtext) in enumerate(zip(left, right, strict=True)):
        for cell, text, bold, italic, size in (
            (cells[i].cells[0], ltext, i == 1, False, 13),
            (cells[i].cells[1], rtext, i < 2, i == 2, 13 if i != 1 else 14),
        ):
            par = cell.paragraphs[0]
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = par.add_run(text)
            r.bold, r.italic, r.font.size = bold, italic, Pt(size)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = title.add_run("BÁO CÁO")
    r.bold, r.font.size = True, Pt(14)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = sub.add_run(report.title)
    r.bold, r.font.size = True, Pt(14)

    totals = content.get("totals", {})
    doc.add_paragraph(
        f"Kỳ báo cáo: từ ngày {report.period_start:%d/%m/%Y} đến ngày {report.period_end:%d/%m/%Y}."
    )
    if report.summary:
        doc.add_paragraph(report.summary)
    doc.add_paragraph().add_run("I. KẾT QUẢ THỰC HIỆN").bold = True
    doc.add_paragraph(
        f"Tổng số nhiệm vụ: {totals.get('tasks', 0)}; hoàn thành: {totals.get('done', 0)}; "
        f"đang thực hiện: {totals.get('in_progress', 0)}; chưa thực hiện: "
        f"{totals.get('not_started', 0)}; quá hạn: {totals.get('overdue', 0)} "
        f"(tỷ lệ hoàn thành {totals.get('completion', 0)}%)."
    )
    rows = content.get("rows", [])
    if rows:
        t = doc.add_table(rows=1, cols=5)
        t.style = "Table Grid"
        for cell, text in zip(
            t.rows[0].cells, ["TT", "Nhiệm vụ", "Thời hạn", "Tình trạng", "Kết quả"], strict=True
        ):
            cell.paragraphs[0].add_run(text).bold = True
        for row in rows:
            due = dt.date.fromisoformat(row["due"]).strftime("%d/%m/%Y") if row["due"] else "—"
            status = row["status_label"] + (" (quá hạn)" if row["overdue"] else "")
            values = [row["ref"], row["task"], due, f"{status}, {row['percent']}%", row["result"]]
            for cell, text in zip(t.add_row().cells, values, strict=True):
                cell.paragraphs[0].add_run(str(text)).font.size = Pt(12)
    subs = content.get("sub_reports", [])
    doc.add_paragraph().add_run("II. TỔNG HỢP BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ").bold = True
    if subs:
        for s in subs:
            st = s.get("totals", {})
            doc.add_paragraph(
                f"- {s['agency']}: {s['title']} — {st.get('done', 0)}/{st.get('tasks', 0)} nhiệm "
                f"vụ hoàn thành, {st.get('overdue', 0)} quá hạn."
                + (f" {s['summary']}" if s.get("summary") else "")
            )
    else:
        doc.add_paragraph("Chưa có cơ quan, đơn vị trực thuộc gửi báo cáo trong kỳ.")

    sign = doc.add_table(rows=1, cols=2)
    left_cell, right_cell = sign.rows[0].cells
    p = left_cell.paragraphs[0]
    r = p.add_run("Nơi nhận:")
    r.bold, r.italic, r.font.size = True, True, Pt(12)
    parent = report.submitted_to or report.agency.parent
    for line in ([f"- {parent.name};"] if parent else []) + ["- Lưu: VT."]:
        left_cell.add_paragraph().add_run(line).font.size = Pt(11)
    p = right_cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("THỦ TRƯỞNG CƠ QUAN").bold = True

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def render_xlsx(report: Report) -> bytes:
    """The report's rows as a spreadsheet (one sheet of tasks, one of sub-agency reports)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.create_sheet("Nhiệm vụ", 0)
    if wb.active is not None and wb.active is not ws:
        wb.remove(wb.active)
    ws.title = "Nhiệm vụ"
    header = ["Kế hoạch", "TT", "Nhiệm vụ", "Kỳ", "Hạn", "Tình trạng", "%", "Quá hạn", "Kết quả"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in (report.content or {}).get("rows", []):
        due = dt.date.fromisoformat(row["due"]) if row["due"] else None
        ws.append(
            [
                row["plan"],
                row["ref"],
                row["task"],
                row["period"],
                due,
                row["status_label"],
                row["percent"],
                "Có" if row["overdue"] else "",
                row["result"],
            ]
        )
        if due:
            ws.cell(row=ws.max_row, column=5).number_format = "DD/MM/YYYY"
    subs = wb.create_sheet("Báo cáo đơn vị")
    subs.append(["Cơ quan", "Báo cáo", "Số nhiệm vụ", "Hoàn thành", "Quá hạn"])
    for s in (report.content or {}).get("sub_reports", []):
        st = s.get("totals", {})
        subs.append([s["agency"], s["title"], st.get("tasks"), st.get("done"), st.get("overdue")])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class ConversionError(RuntimeError):
    pass


def docx_to_pdf(data: bytes, *, timeout: int = 120) -> bytes:
    """Convert DOCX bytes to PDF with LibreOffice (installed by scripts/bootstrap)."""
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if binary is None:
        raise ConversionError("Máy chủ chưa cài LibreOffice nên không xuất được PDF.")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bao-cao.docx"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        result = subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        pdf = Path(tmp) / "bao-cao.pdf"
        if result.returncode != 0 or not pdf.exists():
            raise ConversionError(
                "LibreOffice không chuyển được báo cáo sang PDF: "
                + result.stderr.decode(errors="replace")[-300:]
            )
        return pdf.read_bytes()
