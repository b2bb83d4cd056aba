"""Export files (CSV, JSON lines, JSON) to monitoring input items, with bad rows reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttcs.monitoring.fetch.imports import ITEM_FIELDS, read_import

pytestmark = pytest.mark.timeout(30)

CLIPPING_ROWS = [
    "\ufeffMã;Tiêu đề;Nội dung;Đường dẫn;Nguồn;Ngày đăng;Quyền riêng tư",
    "A1;Tỉnh họp báo quý I;Nội dung họp báo về kết quả cải cách hành chính.;"
    "https://tin.example.vn/a1;Báo Tin Thử;20/01/2026 08:30;Công khai",
    "A2;;Bài đăng không có tiêu đề nhưng có nội dung đủ dài để làm tiêu đề.;"
    "https://mxh.example.vn/p/2;Trang Thanh niên;2026-01-20T09:00:00+07:00;public",
    "A3;Ngày sai;Nội dung;https://tin.example.vn/a3;Báo Tin Thử;32/13/2026;Công khai",
    "A4;Bài riêng tư;Nội dung;https://mxh.example.vn/p/4;Cá nhân;20/01/2026;Bạn bè",
    "A5;;;https://tin.example.vn/a5;Báo Tin Thử;20/01/2026;Công khai",
    "A6;Đường dẫn lạ;Nội dung;javascript:alert(1);Báo Tin Thử;20/01/2026;Công khai",
    "A1;Trùng mã;Nội dung;https://tin.example.vn/a1-bis;Báo Tin Thử;20/01/2026;Công khai",
]
CLIPPING_CSV = "\n".join(CLIPPING_ROWS) + "\n"


def test_csv_export_with_vietnamese_headers_is_mapped() -> None:
    result = read_import(CLIPPING_CSV.encode("utf-8"), filename="trich-bao.csv")

    assert result.ok, result.error
    assert [item["id"] for item in result.items] == ["A1", "A2"]
    first, second = result.items
    assert set(first) == set(ITEM_FIELDS)
    assert first == {
        "id": "A1",
        "url": "https://tin.example.vn/a1",
        "source": "Báo Tin Thử",
        "title": "Tỉnh họp báo quý I",
        "text": "Nội dung họp báo về kết quả cải cách hành chính.",
        "published_at": "2026-01-20T08:30:00+07:00",
    }
    assert second["title"].startswith("Bài đăng không có tiêu đề")


def test_bad_csv_rows_are_reported_by_row_number_with_a_reason() -> None:
    result = read_import(CLIPPING_CSV.encode("utf-8"), filename="trich-bao.csv")

    reasons = {error.row: error.reason for error in result.errors}
    assert set(reasons) == {4, 5, 6, 7, 8}
    assert reasons[4] == "Ngày đăng không đọc được: '32/13/2026'"
    assert reasons[5].startswith("Nội dung không công khai")
    assert reasons[6] == "Dòng không có tiêu đề và nội dung"
    assert reasons[7].startswith("Đường dẫn không hợp lệ")
    assert reasons[8] == "Trùng mã tin 'A1' với dòng 2"
    assert str(result.errors[0]).startswith("Dòng 4: ")


def test_explicit_column_mapping_overrides_the_usual_names() -> None:
    content = "headline,body,when,link\nTin A,Nội dung A,21/01/2026,https://a.vn/1\n"

    result = read_import(
        content.encode(),
        file_format="csv",
        mapping={"title": "headline", "text": "body", "published_at": "when", "url": "link"},
        default_source="Dịch vụ trích báo",
    )

    (item,) = result.items
    assert item["title"] == "Tin A"
    assert item["source"] == "Dịch vụ trích báo"
    assert item["published_at"] == "2026-01-21T00:00:00+07:00"
    assert item["id"].startswith("imp-")


def test_missing_columns_fail_the_whole_file_readably() -> None:
    result = read_import(b"a,b,c\n1,2,3\n", file_format="csv")

    assert not result.ok
    assert result.error is not None and "Không tìm thấy cột tiêu đề hoặc nội dung" in result.error


def test_jsonl_export_with_nested_keys_is_mapped() -> None:
    lines = [
        json.dumps(
            {
                "post_id": 123,
                "message": "Người dân phản ánh đường ngập sau mưa lớn.",
                "permalink": "https://mxh.example.vn/p/123",
                "from": {"name": "Trang Tin Phường"},
                "created_time": 1768872600,
                "privacy": "public",
            },
            ensure_ascii=False,
        ),
        "{không phải json",
        json.dumps(["danh", "sách"]),
        json.dumps({"post_id": 124, "message": "Riêng tư", "privacy": "friends"}),
    ]
    content = "\n".join(lines).encode("utf-8")

    result = read_import(
        content, filename="facebook.jsonl", mapping={"id": "post_id", "source": "from.name"}
    )

    (item,) = result.items
    assert item["id"] == "123"
    assert item["source"] == "Trang Tin Phường"
    assert item["published_at"] == "2026-01-20T08:30:00+07:00"
    assert item["title"] == "Người dân phản ánh đường ngập sau mưa lớn."
    reasons = {error.row: error.reason for error in result.errors}
    assert reasons[2].startswith("JSON không hợp lệ")
    assert reasons[3] == "Dòng không phải một đối tượng JSON"
    assert reasons[4].startswith("Nội dung không công khai")


def test_json_array_export_is_read() -> None:
    content = json.dumps([{"title": "Tin 1", "text": "Nội dung 1"}, {"title": "Tin 2"}]).encode()

    result = read_import(content)

    assert [item["title"] for item in result.items] == ["Tin 1", "Tin 2"]


def test_required_date_is_enforced_when_asked() -> None:
    content = '{"title": "Tin", "text": "Nội dung"}\n'.encode()

    assert read_import(content, file_format="jsonl").items[0]["published_at"] is None
    result = read_import(content, file_format="jsonl", require_published_at=True)
    assert result.items == ()
    assert result.errors[0].reason == "Thiếu ngày đăng"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lon.csv"
    path.write_bytes(b"title,text\n" + b"Tin,Noi dung\n" * 10_000)

    result = read_import(path, max_bytes=50_000)

    assert not result.ok
    assert result.error is not None and "Tệp quá lớn" in result.error


def test_row_limit_stops_reading_with_a_warning() -> None:
    content = "title,text\n" + "".join(f"Tin {i},Nội dung {i}\n" for i in range(50))

    result = read_import(content.encode(), file_format="csv", max_rows=10)

    assert len(result.items) == 10
    assert result.warnings == ("Chỉ đọc 10 dòng đầu của tệp",)


def test_windows_1258_csv_is_decoded() -> None:
    content = "title,text\nTin thử,Xin chào\n".encode("cp1258", "replace")

    result = read_import(content, file_format="csv")

    assert result.items[0]["text"] == "Xin chào"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["csv", "jsonl", "json", None]))
def test_reading_arbitrary_bytes_never_raises(content: bytes, file_format: str | None) -> None:
    result = read_import(content, file_format=file_format)
    assert result.ok or result.error
    for item in result.items:
        assert set(item) == set(ITEM_FIELDS)
        assert item["title"]
