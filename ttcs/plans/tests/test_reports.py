"""Reports: gathering, upward consolidation, DOCX in the Decree 30 layout, XLSX, PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ttcs.plans import actions, reporting
from ttcs.plans.models import Occurrence, Report, ReportStatus
from ttcs.plans.tests.factories import province_plan

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 11, 30))


def _dept_report(org) -> Report:
    province_plan(org)
    occ = Occurrence.objects.get(task__ref="1")
    update = actions.report_progress(
        occurrence=occ,
        acting_user=org.dept_officer,
        status="done",
        percent=100,
        narrative="Đã tập huấn cho 85 cán bộ phụ trách truyền thông",
    )
    actions.review_progress(update=update, approve=True, acting_user=org.province_leader)
    return actions.create_report(
        agency=org.dept_a1,
        period_start=YEAR[0],
        period_end=YEAR[1],
        acting_user=org.dept_officer,
        number="45/BC-SA1",
    )


def test_report_gathers_own_occurrences(org) -> None:
    report = _dept_report(org)
    totals = report.content["totals"]
    # Task 1 (done) and the quarters of task 3 due by 30/11/2026 (I, II, III).
    assert totals["done"] == 1
    assert totals["tasks"] == 4
    assert totals["overdue"] >= 2  # quarters I and II of task 3 were never reported
    assert any("85 cán bộ" in r["result"] for r in report.content["rows"])


def test_submitted_report_joins_parent_consolidation(org) -> None:
    report = _dept_report(org)
    with pytest.raises(PermissionDenied):
        actions.submit_report(report=report, acting_user=org.dept_officer)
    actions.submit_report(report=report, acting_user=org.province_leader)
    report.refresh_from_db()
    assert (report.status, report.submitted_to) == (ReportStatus.SUBMITTED, org.province_a)
    with pytest.raises(ValidationError):
        actions.refresh_report(report=report, acting_user=org.dept_officer)
    parent = actions.create_report(
        agency=org.province_a,
        period_start=YEAR[0],
        period_end=YEAR[1],
        acting_user=org.province_leader,
    )
    subs = parent.content["sub_reports"]
    assert [s["agency"] for s in subs] == ["Sở A1"]
    assert subs[0]["totals"]["done"] == 1
    # The outsider's province sees none of it.
    assert not Report.objects.visible_to(org.outsider).exists()


def test_docx_has_decree_30_header_and_layout(org) -> None:
    from docx import Document

    report = _dept_report(org)
    doc = Document(io.BytesIO(reporting.render_docx(report)))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    # Decree 30/2020: left 30–35 mm, right 15–20 mm, top/bottom 20–25 mm (twips round slightly).
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    assert 20 <= round(section.top_margin.mm) <= 25
    assert section.different_first_page_header_footer
    header_cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header_cells
    assert "Độc lập - Tự do - Hạnh phúc" in header_cells
    assert "Số: 45/BC-SA1" in header_cells
    assert any(c.startswith("A, ngày 30 tháng 11 năm 2026") for c in header_cells)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= doc.styles["Normal"].font.size.pt <= 14
    assert any(p.text == "BÁO CÁO" for p in doc.paragraphs)


def test_xlsx_lists_rows(org) -> None:
    from openpyxl import load_workbook

    report = _dept_report(org)
    wb = load_workbook(io.BytesIO(reporting.render_xlsx(report)))
    rows = list(wb["Nhiệm vụ"].iter_rows(values_only=True))
    assert rows[0][2] == "Nhiệm vụ"
    assert len(rows) == 1 + report.content["totals"]["tasks"]


@pytest.mark.slow
def test_annual_report_opens_in_libreoffice(org) -> None:
    if shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed (scripts/bootstrap installs it)")
    report = _dept_report(org)
    pdf = reporting.docx_to_pdf(reporting.render_docx(report))
    assert pdf.startswith(b"%PDF")
    import subprocess
    import unicodedata

    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    text = unicodedata.normalize("NFC", text)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 45/BC-SA1" in text


def test_overdue_counts_by_the_vietnamese_date_not_the_servers(org) -> None:
    """At 00:30 in Hà Nội it is still the previous day in UTC: an occurrence due "yesterday"
    (Vietnamese date) is overdue although the server's UTC date is its due date."""
    import time_machine

    province_plan(org)
    occ = (
        Occurrence.objects.filter(agency=org.dept_a1, due__isnull=False)
        .exclude(status="done")
        .order_by("due")
        .first()
    )
    assert occ is not None and occ.due is not None
    utc_evening = dt.datetime.combine(occ.due, dt.time(17, 30), tzinfo=dt.UTC)  # 00:30 next day
    with time_machine.travel(utc_evening, tick=False):
        content = reporting.gather_report_content(
            org.dept_a1, occ.due - dt.timedelta(days=400), occ.due + dt.timedelta(days=30)
        )
    row = next(r for r in content["rows"] if r["due"] == occ.due.isoformat())
    assert row["overdue"] is True
    with time_machine.travel(utc_evening - dt.timedelta(hours=1), tick=False):  # 23:30 on the day
        content = reporting.gather_report_content(
            org.dept_a1, occ.due - dt.timedelta(days=400), occ.due + dt.timedelta(days=30)
        )
    row = next(r for r in content["rows"] if r["due"] == occ.due.isoformat())
    assert row["overdue"] is False
