"""The plan parser on the project's own documents: every shape of plan it reads, in every format.

``tests/data/plans_docs`` holds synthetic Directive-07 documents (plain text, Word, text PDF,
scanned PDF, OCR-damaged text) with their gold; the behaviours below use short texts written
here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttcs.plans.parsing import ParseContext, ResolvedAgency, parse_file, parse_text
from ttcs.plans.parsing.evaluate import header_mismatches, score_tasks

DOCS = Path(__file__).resolve().parents[3] / "tests" / "data" / "plans_docs"
GOLDS = sorted(DOCS.glob("*.gold.json"))


def _gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _parsed(name: str) -> dict[str, Any]:
    path = DOCS / name
    if path.suffix == ".pdf" and "scan" in path.name:
        import shutil

        if not shutil.which("tesseract") or not shutil.which("pdftoppm"):
            pytest.skip("tesseract/pdftoppm are not installed: the scanned fixture needs OCR")
    return parse_file(path)


def test_fixtures_cover_every_shape_and_format() -> None:
    shapes = {s for g in GOLDS for s in _gold(g)["shapes"]}
    assert {
        "fields",
        "section",
        "categories",
        "nested",
        "unnumbered",
        "inline",
        "closing",
        "table",
        "ocr_damaged",
        "txt",
        "docx",
        "pdf",
        "scan",
    } <= shapes
    assert any(_gold(g).get("held_out") for g in GOLDS)


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.split(".")[0])
def test_header_matches_gold(gold_path: Path) -> None:
    gold = _gold(gold_path)
    assert header_mismatches(_parsed(gold["file"]), gold) == []


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name.split(".")[0])
def test_tasks_leads_and_timeframes_match_gold(gold_path: Path) -> None:
    gold = _gold(gold_path)
    score = score_tasks(_parsed(gold["file"]), gold)
    assert score.f1 >= 0.95, (score.missed, score.extra)
    assert score.lead_accuracy >= 0.9, score.wrong_lead
    assert score.kind_accuracy >= 0.9
    assert score.due_ok == score.due_total


def test_scanned_pdf_is_read_through_ocr() -> None:
    result = _parsed("kh_scan_laichau.pdf")
    assert result["source"]["method"] == "pdf+ocr"
    assert result["source"]["ocr_pages"] == [1]


def test_word_numbering_labels_become_refs() -> None:
    refs = [t["ref"] for t in _parsed("kh_bo_table.docx")["tasks"] if t["shape"] == "inline"]
    assert refs == ["1", "2", "3"]


# --- behaviours on short texts ---------------------------------------------------------------

HEADER = """ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH NINH BÌNH                            Độc lập - Tự do - Hạnh phúc
Số: 33/KH-UBND                     Ninh Bình, ngày 4 tháng 3 năm 2024

KẾ HOẠCH
Truyền thông chính sách năm 2024

Thực hiện Chỉ thị số 7/CT-TTg và Kế hoạch số 33/KH-UBND, Ủy ban nhân dân tỉnh ban hành
Kế hoạch như sau:
"""

SECTION_PLAN = (
    HEADER
    + """
I. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch:
- Chủ trì tổ chức tọa đàm chính sách văn hóa cơ sở.
- Hướng dẫn các địa phương tuyên truyền bằng pa nô, áp phích.
2. Giao Công an tỉnh phối hợp với Sở Tư pháp tuyên truyền pháp luật về an ninh mạng.
"""
)


def test_document_header_is_read_and_normalised() -> None:
    doc = parse_text(SECTION_PLAN)["document"]
    assert doc["number"] == "33/KH-UBND"
    assert doc["type"] == "KH"
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Ninh Bình"
    assert (doc["place"], doc["date"]) == ("Ninh Bình", "2024-03-04")
    assert doc["title"] == "Truyền thông chính sách năm 2024"
    # Padded, and the document's own number is not something it carries out.
    assert doc["implements"] == ["07/CT-TTg"]
    assert doc["raw"]["number"].startswith("Số: 33/KH-UBND")


def test_section_heading_agency_leads_each_bullet_and_assignment_names_its_own() -> None:
    tasks = parse_text(SECTION_PLAN)["tasks"]
    assert [t["ref"] for t in tasks] == ["1.1", "1.2", "2"]
    assert [t["lead"][0]["name"] for t in tasks] == [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Công an tỉnh",
    ]
    assert [c["name"] for c in tasks[2]["coordinators"]] == ["Sở Tư pháp"]


def test_a_resolver_gives_registry_ids_and_sees_the_issuer() -> None:
    seen: list[ParseContext] = []

    def resolve(mention: str, ctx: ParseContext) -> ResolvedAgency | None:
        seen.append(ctx)
        if "Công an" in mention:
            return ResolvedAgency(name="Công an tỉnh Ninh Bình", agency_id=42)
        return None

    tasks = parse_text(SECTION_PLAN, resolve_agency=resolve)["tasks"]
    assert tasks[2]["lead"] == [
        {"raw": "Công an tỉnh", "name": "Công an tỉnh Ninh Bình", "agency_id": 42}
    ]
    # Mentions the resolver does not know keep the text's name and no id.
    assert tasks[0]["lead"][0]["agency_id"] is None
    assert seen[0].issuer == "Ủy ban nhân dân tỉnh Ninh Bình"
    assert seen[0].date is not None and seen[0].date.isoformat() == "2024-03-04"


def test_a_failing_resolver_does_not_stop_the_parse() -> None:
    def broken(mention: str, ctx: ParseContext) -> ResolvedAgency | None:
        raise RuntimeError("registry down")

    tasks = parse_text(SECTION_PLAN, resolve_agency=broken)["tasks"]
    assert [t["lead"][0]["agency_id"] for t in tasks] == [None, None, None]


def test_issuer_hint_names_a_document_without_header() -> None:
    text = """KẾ HOẠCH
Tuyên truyền chính sách mới năm 2024

I. NHIỆM VỤ
1. Cập nhật chuyên mục hỏi - đáp chính sách.
- Chủ trì: Văn phòng Sở.
- Thời gian thực hiện: Hằng tháng.
"""
    plain = parse_text(text)["document"]
    assert plain["issuer"] is None and plain["number"] is None and plain["date"] is None
    hinted = parse_text(text, issuer_hint="Sở Y tế tỉnh Nam Định")["document"]
    assert hinted["issuer"] == "Sở Y tế tỉnh Nam Định"


def test_unnumbered_duties_get_stable_running_refs() -> None:
    text = (
        HEADER
        + """
I. TỔ CHỨC THỰC HIỆN
- Sở Tài chính bố trí kinh phí theo phân cấp ngân sách.
- Các cơ quan báo chí của tỉnh mở chuyên mục chính sách.
Giao Sở Nội vụ hướng dẫn bố trí công chức đầu mối truyền thông.
"""
    )
    tasks = parse_text(text)["tasks"]
    assert [(t["path"], t["lead"][0]["name"]) for t in tasks] == [
        ("I.1", "Sở Tài chính"),
        ("I.2", "Các cơ quan báo chí của tỉnh"),
        ("I.3", "Sở Nội vụ"),
    ]
    assert parse_text(text)["tasks"] == tasks


def test_purposes_and_leadless_orientations_are_not_tasks() -> None:
    text = (
        HEADER
        + """
I. MỤC ĐÍCH, YÊU CẦU
1. Sở Thông tin và Truyền thông là đầu mối trong mọi hoạt động.
II. NHIỆM VỤ TRỌNG TÂM
1. Đổi mới nội dung, hình thức truyền thông.
2. Phát huy vai trò của hệ thống thông tin cơ sở.
"""
    )
    assert parse_text(text)["tasks"] == []


def test_nested_dispatch_reports_the_outer_document_and_every_level() -> None:
    result = _parsed("cv_nested_cantho.txt")
    assert result["document"]["number"] == "145/UBND-VHXH"
    assert result["document"]["type"] is None  # a công văn has no type code
    assert [d["number"] for d in result["nested_documents"]] == ["2870/UBND-KGVX", "09/CT-UBND"]
    sources = {t["source_document"] for t in result["tasks"]}
    assert sources == {"145/UBND-VHXH", "2870/UBND-KGVX", "09/CT-UBND"}


def test_ocr_damaged_header_is_repaired_where_certain() -> None:
    doc = _parsed("kh_ocr_caoloc.txt")["document"]
    assert doc["number"] == "58/KH-VHTT"
    assert doc["raw"]["number"].startswith("S6")
    assert doc["issuer"] == "Phòng Văn hóa và Thông tin huyện Cao Lộc"
    assert doc["place"] == "Cao Lộc" and doc["raw"]["place"] != "Cao Lộc"


def test_task_ids_are_unique_within_a_document() -> None:
    for gold_path in GOLDS:
        paths = [t["path"] for t in _parsed(_gold(gold_path)["file"])["tasks"]]
        assert len(paths) == len(set(paths)), gold_path.name


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_parser_never_raises_and_tasks_always_have_leads(text: str) -> None:
    result = parse_text(text)
    assert set(result) >= {"document", "tasks"}
    for task in result["tasks"]:
        assert task["lead"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "I. NHIỆM VỤ",
                "1. Sở Tư pháp:",
                "- Chủ trì: Sở Nội vụ.",
                "a) Rà soát văn bản.",
                "Thời gian thực hiện: Quý IV/2023",
                "Giao Sở Y tế chủ trì.",
                "",
                "Nơi nhận:",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Số: 12/KH-UBND",
                "KẾ HOẠCH",
                "+ Phối hợp",
            ]
        ),
        max_size=40,
    )
)
def test_parser_survives_shuffled_document_parts(lines: list[str]) -> None:
    result = parse_text("\n".join(lines))
    paths = [t["path"] for t in result["tasks"]]
    assert all(paths)


def test_fields_on_one_line_and_symbol_bullets_are_read() -> None:
    text = """KẾ HOẠCH
Truyền thông chính sách

II NHIỆM VỤ
1. Tập huấn người phát ngôn.
\uf0b7 Chủ trì: Sở Nội vụ; phối hợp: Sở Tư pháp, Sở Y tế; thời gian: Quý III/2023.
"""
    (task,) = parse_text(text)["tasks"]
    assert task["path"] == "I.1"
    assert [a["name"] for a in task["lead"]] == ["Sở Nội vụ"]
    assert [a["name"] for a in task["coordinators"]] == ["Sở Tư pháp", "Sở Y tế"]
    assert task["timeframe"]["due"] == "2023-09-30"
