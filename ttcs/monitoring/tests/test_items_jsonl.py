"""Reading news items from JSON lines: good lines become items, bad lines are reported."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttcs.monitoring.pipeline.items import Item, LineError, item_from_dict, read_jsonl, split_items

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "monitoring"


def _read(text: str) -> list[Item | LineError]:
    return list(read_jsonl(io.StringIO(text)))


def _line(**fields: object) -> str:
    base: dict[str, object] = {
        "id": "a1",
        "url": "https://baochinhphu.vn/tin-a1.htm",
        "source": "Báo Chính phủ",
        "title": "Chính phủ họp phiên thường kỳ tháng 1",
        "text": "Nội dung phiên họp.",
        "published_at": "2026-01-21T08:30:00+07:00",
    }
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...}, ensure_ascii=False)


def test_valid_line_becomes_item_with_normalised_fields() -> None:
    [item] = _read(_line(url="https://www.baochinhphu.vn/tin-a1.htm?utm_source=zalo"))
    assert isinstance(item, Item)
    assert item.id == "a1"
    assert item.canonical_url == "https://baochinhphu.vn/tin-a1.htm"
    assert item.published_at is not None
    assert item.published_at.utcoffset() == timedelta(hours=7)
    assert item.folded_title == "chinh phu hop phien thuong ky thang 1"


def test_bad_lines_are_reported_with_line_number_and_reason_and_reading_continues() -> None:
    text = "\n".join(
        [
            _line(id="ok-1"),
            '{"id": "x", "title": ',
            _line(id="no-title", title=...),
            _line(id="bad-date", published_at="2026-02-30T10:00:00"),
            "[1, 2, 3]",
            _line(id="ok-2"),
        ]
    )
    items, errors = split_items(read_jsonl(io.StringIO(text)))
    assert [i.id for i in items] == ["ok-1", "ok-2"]
    assert [e.line for e in errors] == [2, 3, 4, 5]
    assert "JSON không hợp lệ" in errors[0].reason
    assert "tiêu đề" in errors[1].reason
    assert "ngày" in errors[2].reason
    assert str(errors[0]).startswith("dòng 2:")


def test_missing_text_field_is_an_error_but_empty_text_is_allowed() -> None:
    rows = _read(_line(id="a", text=...) + "\n" + _line(id="b", text=""))
    assert isinstance(rows[0], LineError)
    assert "nội dung" in rows[0].reason
    assert isinstance(rows[1], Item)
    assert rows[1].text == ""


def test_extra_fields_are_ignored_and_numeric_ids_echo_back_unchanged() -> None:
    [item] = _read(_line(id=42, section="thoi-su", tags=["a", "b"], nested={"x": 1}))
    assert isinstance(item, Item)
    assert item.id == "42"
    assert item.output_id == 42


def test_naive_times_are_taken_as_vietnam_time_and_utc_is_converted() -> None:
    naive, utc, vn_format = _read(
        "\n".join(
            [
                _line(published_at="2026-01-21T08:30:00"),
                _line(published_at="2026-01-21T01:30:00Z"),
                _line(published_at="21/01/2026 08:30"),
            ]
        )
    )
    assert isinstance(naive, Item) and isinstance(utc, Item) and isinstance(vn_format, Item)
    assert naive.published_at == utc.published_at == vn_format.published_at
    assert naive.published_at is not None
    assert naive.published_at.isoformat() == "2026-01-21T08:30:00+07:00"


def test_blank_lines_bom_and_non_utf8_bytes() -> None:
    payload = ("\ufeff" + _line(id="first") + "\n\n   \n").encode() + b"\xff\xfe bad\n"
    rows = list(read_jsonl(io.BytesIO(payload)))
    assert isinstance(rows[0], Item) and rows[0].id == "first"
    assert len(rows) == 2
    assert isinstance(rows[1], LineError) and rows[1].line == 4


def test_missing_file_raises_oserror() -> None:
    with pytest.raises(OSError):
        list(read_jsonl(Path("/nonexistent/items.jsonl")))


def test_fixture_file_has_the_expected_good_and_bad_lines() -> None:
    items, errors = split_items(read_jsonl(DATA / "items_small.jsonl"))
    assert len(items) == 7
    assert [e.line for e in errors] == [6, 8, 10]


def test_id_falls_back_to_url_when_absent() -> None:
    item = item_from_dict({"url": "https://a.vn/x", "title": "Tiêu đề", "text": ""})
    assert item.id == "https://a.vn/x"
    assert item.published_at is None


_LINE = st.text(max_size=40).filter(lambda s: "\n" not in s and "\r" not in s and "\ufeff" not in s)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(_LINE, st.builds(lambda t: _line(title=t or "x"), _LINE)), max_size=8))
def test_reader_never_raises_and_yields_one_row_per_non_blank_line(lines: list[str]) -> None:
    rows = _read("\n".join(lines))
    expected = [n for n, line in enumerate(lines, start=1) if line.strip()]
    assert [r.line for r in rows] == expected
