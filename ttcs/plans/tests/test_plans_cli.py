"""``ttcs plans parse``: JSON on stdout, a Vietnamese line on stderr, exit 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ttcs.plans import cli
from ttcs.plans.parsing import ParseContext, ResolvedAgency

DOC = (
    Path(__file__).resolve().parents[3] / "tests" / "data" / "plans_docs" / "kh_fields_quangtri.txt"
)


def test_prints_the_contract_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main_parse([str(DOC)]) == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert set(result["document"]) >= {
        "number",
        "type",
        "issuer",
        "place",
        "date",
        "title",
        "implements",
    }
    assert result["document"]["number"] == "85/KH-UBND"
    task = result["tasks"][0]
    assert set(task) >= {"ref", "title", "content", "lead", "coordinators", "timeframe", "form"}
    assert set(task["lead"][0]) == {"raw", "name", "agency_id"}
    assert set(task["timeframe"]) >= {"raw", "kind", "start", "due", "recurrence"}
    assert "\\u" not in out
    assert "nhiệm vụ" in err


def test_issuer_hint_is_passed_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kh.txt"
    path.write_text(
        "KẾ HOẠCH\nTruyền thông chính sách\n\nI. NHIỆM VỤ\n1. Tập huấn.\n- Chủ trì: Sở Nội vụ.\n",
        encoding="utf-8",
    )
    assert cli.main_parse([str(path), "--issuer-hint", "Ủy ban nhân dân tỉnh Hòa Bình"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["document"]["issuer"] == "Ủy ban nhân dân tỉnh Hòa Bình"


def test_a_resolver_reaches_the_parser() -> None:
    def resolve(mention: str, ctx: ParseContext) -> ResolvedAgency | None:
        return ResolvedAgency(name=mention.upper(), agency_id=7)

    result = cli.run_parse(str(DOC), None, resolve)
    assert result["tasks"][0]["lead"][0]["agency_id"] == 7


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "thiếu tên tệp"),
        (["a.txt", "--no-such-flag"], "không hiểu tham số"),
        (["/không/có/tệp.pdf"], "Không tìm thấy tệp"),
    ],
)
def test_bad_input_exits_2_with_one_vietnamese_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main_parse(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_unreadable_document_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert cli.main_parse([str(path)]) == 2
    assert "rỗng" in capsys.readouterr().err


def test_internal_failure_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*args: object, **kwargs: object) -> dict[str, object]:
        raise ValueError("hỏng")

    monkeypatch.setattr(cli, "parse_file", boom)
    assert cli.main_parse([str(DOC)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Lỗi nội bộ")
