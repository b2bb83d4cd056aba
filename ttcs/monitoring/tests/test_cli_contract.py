"""The database-free monitoring commands keep their command-line contract exactly."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from ttcs.monitoring.cli import main_classify, main_cluster, main_trends

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "monitoring"
ITEMS = DATA / "items_small.jsonl"
TRENDS = DATA / "trends_small.jsonl"
LABELS = {"positive", "neutral", "negative", "mixed"}


def _run(
    capsys: pytest.CaptureFixture[str], main: object, argv: list[str]
) -> tuple[int, list[dict[str, object]], str]:
    code = main(argv)  # type: ignore[operator]
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert all(line.strip() for line in captured.out.splitlines())
    return code, lines, captured.err


def test_cluster_prints_one_line_per_valid_item_in_input_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, rows, err = _run(capsys, main_cluster, [str(ITEMS)])
    assert code == 0
    assert [list(r) for r in rows] == [["id", "story"]] * 7
    assert [r["id"] for r in rows] == [
        "qn-001",
        "vtc-002",
        3,
        "na-004",
        "ht-006",
        "na-008",
        "hn-010",
    ]
    story = {r["id"]: r["story"] for r in rows}
    assert story["vtc-002"] == story[3] == story["qn-001"] == "qn-001"
    assert story["na-008"] == story["na-004"] == "na-004"
    assert len({story["ht-006"], story["na-004"], story["qn-001"], story["hn-010"]}) == 4
    for number in (6, 8, 10):
        assert f"dòng {number}:" in err


def test_cluster_output_is_utf8_json_not_ascii_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(
        json.dumps(
            {"id": "tin-Đà-Nẵng", "title": "Đà Nẵng", "text": "", "published_at": None},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    assert main_cluster([str(path)]) == 0
    out = capsys.readouterr().out
    assert out == '{"id": "tin-Đà-Nẵng", "story": "tin-Đà-Nẵng"}\n'


def test_classify_fields_and_types(capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, _ = _run(capsys, main_classify, [str(ITEMS)])
    assert code == 0
    assert len(rows) == 7
    for row in rows:
        assert list(row) == ["id", "sentiment", "topics", "localities", "agencies"]
        assert row["sentiment"] in LABELS
        for field in ("topics", "localities", "agencies"):
            value = row[field]
            assert isinstance(value, list) and all(isinstance(v, str) for v in value)
    by_id = {r["id"]: r for r in rows}
    assert by_id["qn-001"]["sentiment"] == "positive"
    assert "transport" in by_id["qn-001"]["topics"]  # type: ignore[operator]
    assert by_id["qn-001"]["localities"][0] == "Quảng Ninh"  # type: ignore[index]
    assert "Ủy ban nhân dân tỉnh Nghệ An" in by_id["na-004"]["agencies"]  # type: ignore[operator]
    assert by_id["hn-010"]["sentiment"] == "negative"
    assert "Hà Nội" in by_id["hn-010"]["localities"]  # type: ignore[operator]


@pytest.mark.parametrize("bucket", ["day", "hour"])
def test_trends_prints_alerts_in_time_order_with_contract_fields(
    capsys: pytest.CaptureFixture[str], bucket: str
) -> None:
    code, rows, _ = _run(capsys, main_trends, [str(TRENDS), "--bucket", bucket])
    assert code == 0
    assert rows, "the burst in the fixture must raise alerts"
    for row in rows:
        assert list(row) == ["key", "kind", "bucket_start", "count", "expected", "score"]
        assert row["kind"] in {"spike", "negative_surge"}
        assert isinstance(row["count"], int)
        assert isinstance(row["expected"], float) and isinstance(row["score"], float)
        assert str(row["bucket_start"]).endswith("+07:00")
    starts = [datetime.fromisoformat(str(r["bucket_start"])) for r in rows]
    assert starts == sorted(starts)
    keys = {(r["key"], r["kind"]) for r in rows}
    assert ("topic:disaster", "spike") in keys
    assert ("locality:Quảng Ngãi", "negative_surge") in keys
    expected_start = "2026-01-13T00:00:00+07:00" if bucket == "day" else "2026-01-13T09:00:00+07:00"
    assert {r["bucket_start"] for r in rows} == {expected_start}


def test_trends_default_bucket_is_day_and_bad_bucket_is_bad_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main_trends([str(TRENDS)]) == 0
    capsys.readouterr()
    assert main_trends([str(TRENDS), "--bucket", "week"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Tham số không hợp lệ" in err


@pytest.mark.parametrize("main", [main_cluster, main_classify, main_trends])
def test_missing_file_is_bad_input_with_one_vietnamese_line(
    capsys: pytest.CaptureFixture[str], main: object, tmp_path: Path
) -> None:
    code = main([str(tmp_path / "khong-co.jsonl")])  # type: ignore[operator]
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "Không tìm thấy tệp" in captured.err


def test_directory_and_all_bad_lines_are_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main_cluster([str(tmp_path)]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('không phải json\n{"id": 1}\n', encoding="utf-8")
    assert main_classify([str(bad)]) == 2
    err = capsys.readouterr().err
    assert "dòng 1:" in err and "dòng 2:" in err and "không có dòng hợp lệ" in err


def test_empty_file_is_fine_and_prints_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    for main in (main_cluster, main_classify, main_trends):
        assert main([str(empty)]) == 0
    assert capsys.readouterr().out == ""


def test_missing_argument_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main_cluster([]) == 2
    assert "Tham số không hợp lệ" in capsys.readouterr().err


def test_internal_failure_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("hỏng")

    monkeypatch.setattr("ttcs.monitoring.cli.cluster", broken)
    assert main_cluster([str(ITEMS)]) == 1
    assert "Lỗi nội bộ" in capsys.readouterr().err
