"""Timeframes of plan tasks: the phrases plans use, with and without diacritics."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ttcs.plans.parsing.text import fold
from ttcs.plans.parsing.timeframe import (
    Timeframe,
    adjust_due,
    find_timeframe,
    parse_timeframe,
)

D = dt.date

CASES: list[tuple[str, str, dt.date | None, dt.date | None, str | None, str | None]] = [
    # raw, kind, start, due, recurrence, due_day
    ("Thường xuyên", "continuous", None, None, None, None),
    ("Năm 2023 – 2024", "period", D(2023, 1, 1), D(2024, 12, 31), None, None),
    ("Giai đoạn 2023-2025", "period", D(2023, 1, 1), D(2025, 12, 31), None, None),
    ("Từ tháng 3/2024 đến tháng 12/2025", "period", D(2024, 3, 1), D(2025, 12, 31), None, None),
    ("Hàng năm và đột xuất (khi có yêu cầu)", "recurring", None, None, "yearly", None),
    ("Hoàn thành trong quý III năm 2023", "once", None, D(2023, 9, 30), None, None),
    ("Hoàn thành trước tháng 12/2024", "once", None, D(2024, 11, 30), None, None),
    ("trước ngày 01/12 hằng năm", "recurring", None, None, "yearly", "12-01"),
    (
        "Năm 2023 và cập nhật các năm tiếp theo",
        "recurring",
        D(2023, 1, 1),
        D(2023, 12, 31),
        "yearly",
        None,
    ),
    ("01 hội nghị/1 năm", "recurring", None, None, "yearly", None),
    ("02 lần/năm", "recurring", None, None, "semiannual", None),
    ("Khi có yêu cầu", "on_demand", None, None, None, None),
    ("Tháng 6/2024", "once", None, D(2024, 6, 30), None, None),
    ("Quý IV/2023", "once", None, D(2023, 12, 31), None, None),
    ("Định kỳ hằng quý", "recurring", None, None, "quarterly", None),
    ("Định kỳ hằng tháng", "recurring", None, None, "monthly", None),
    ("Trong năm 2023", "once", None, D(2023, 12, 31), None, None),
    ("Trước 30/6/2024", "once", None, D(2024, 6, 30), None, None),
    ("6 tháng đầu năm 2024", "once", None, D(2024, 6, 30), None, None),
    ("Tháng 6 hằng năm", "recurring", None, None, "yearly", "06-30"),
]


@pytest.mark.parametrize(("raw", "kind", "start", "due", "recurrence", "due_day"), CASES)
def test_plan_phrases_are_read(
    raw: str,
    kind: str,
    start: dt.date | None,
    due: dt.date | None,
    recurrence: str | None,
    due_day: str | None,
) -> None:
    tf = parse_timeframe(raw)
    assert (tf.kind, tf.start, tf.due, tf.recurrence, tf.due_day) == (
        kind,
        start,
        due,
        recurrence,
        due_day,
    )
    assert tf.raw == raw
    assert tf.needs_review is False


@pytest.mark.parametrize(("raw", "kind", "start", "due", "recurrence", "due_day"), CASES)
def test_phrases_without_diacritics_read_the_same(
    raw: str,
    kind: str,
    start: dt.date | None,
    due: dt.date | None,
    recurrence: str | None,
    due_day: str | None,
) -> None:
    tf = parse_timeframe(fold(raw))
    assert (tf.kind, tf.start, tf.due, tf.recurrence, tf.due_day) == (
        kind,
        start,
        due,
        recurrence,
        due_day,
    )


@pytest.mark.parametrize(
    ("raw", "kind", "due_day"),
    [
        ("dinh ky trude ngdy 01/12 hing nim hodc dot xut", "recurring", "12-01"),
        ("Thuong xuyén", "continuous", None),
        ("Hing thang", "recurring", None),
    ],
)
def test_ocr_damaged_phrases_are_read(raw: str, kind: str, due_day: str | None) -> None:
    tf = parse_timeframe(raw)
    assert (tf.kind, tf.due_day) == (kind, due_day)


def test_a_deadline_without_year_is_not_given_one() -> None:
    tf = parse_timeframe("6 tháng đầu năm")
    assert (tf.kind, tf.due, tf.due_day) == ("once", None, "06-30")
    assert tf.needs_review is True


@pytest.mark.parametrize("raw", ["", "   ", "theo tiến độ soạn thảo", "xyz", "Năm 20219"])
def test_unreadable_text_is_unknown_and_flagged(raw: str) -> None:
    tf = parse_timeframe(raw)
    assert tf.kind == "unknown"
    assert tf.due is None and tf.start is None
    assert tf.needs_review is True


def test_none_is_unknown() -> None:
    assert parse_timeframe(None) == Timeframe(raw=None)


def test_long_explanations_around_a_period_ask_for_review() -> None:
    tf = parse_timeframe("Theo tiến độ lập dự toán ngân sách hàng năm của từng cơ quan")
    assert (tf.kind, tf.recurrence, tf.needs_review) == ("recurring", "yearly", True)


def test_contract_form_uses_iso_dates() -> None:
    assert parse_timeframe("Quý III năm 2023").to_dict() == {
        "raw": "Quý III năm 2023",
        "kind": "once",
        "start": None,
        "due": "2023-09-30",
        "recurrence": None,
        "due_day": None,
        "needs_review": False,
    }


@pytest.mark.parametrize(
    ("text", "kind", "due", "due_day"),
    [
        (
            "… tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.",
            "recurring",
            None,
            "12-15",
        ),
        ("Hướng dẫn các đơn vị, hoàn thành trước ngày 30/11/2023.", "once", D(2023, 11, 30), None),
        (
            "Định kỳ hằng quý tổng hợp tình hình, báo cáo Ủy ban nhân dân huyện.",
            "recurring",
            None,
            None,
        ),
    ],
)
def test_deadlines_are_found_in_running_text(
    text: str, kind: str, due: dt.date | None, due_day: str | None
) -> None:
    tf = find_timeframe(text)
    assert tf is not None
    assert (tf.kind, tf.due, tf.due_day) == (kind, due, due_day)


@pytest.mark.parametrize(
    "text",
    [
        "Thường xuyên phối hợp với các cơ quan báo chí.",
        "Tổ chức giao ban báo chí định kỳ hằng tháng với các cơ quan báo chí.",
        "Chủ động cung cấp thông tin cho báo chí.",
    ],
)
def test_adverbs_in_a_duty_are_not_deadlines(text: str) -> None:
    assert find_timeframe(text) is None


def test_due_on_a_holiday_moves_to_the_next_working_day() -> None:
    holidays = {D(2024, 9, 2), D(2024, 9, 3)}

    def working(day: dt.date) -> bool:
        return day.weekday() < 5 and day not in holidays

    tf = parse_timeframe("trước ngày 31/8/2024")  # a Saturday before the National Day break
    assert adjust_due(tf, working).due == D(2024, 9, 4)
    assert adjust_due(tf).due == D(2024, 8, 31)  # no calendar, no change
    weekday = parse_timeframe("Quý II/2024")  # 30/6/2024 is a Sunday
    assert adjust_due(weekday, working).due == D(2024, 7, 1)


# --- properties ---------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=120))
def test_never_raises_and_due_is_never_before_start(text: str) -> None:
    tf = parse_timeframe(text)
    assert tf.kind in {"continuous", "once", "recurring", "period", "on_demand", "unknown"}
    if tf.start is not None and tf.due is not None:
        assert tf.due >= tf.start
    if tf.kind == "unknown":
        assert tf.needs_review


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="bcfgjklmpqrsvwxzBCFGJKLMPQRSVWXZ ,.;-", max_size=80))
def test_garbage_is_unknown(text: str) -> None:
    tf = parse_timeframe(text)
    assert tf.kind == "unknown"
    assert tf.due is None and tf.start is None


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1990, max_value=2099),
    st.integers(min_value=1990, max_value=2099),
)
def test_year_ranges_span_whole_years(a: int, b: int) -> None:
    first, last = min(a, b), max(a, b)
    tf = parse_timeframe(f"Năm {first} - {last}")
    if first == last:
        assert tf.due == D(first, 12, 31)
    else:
        assert (tf.kind, tf.start, tf.due) == ("period", D(first, 1, 1), D(last, 12, 31))


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1995, 1, 1), max_value=D(2095, 12, 31)))
def test_a_written_date_is_the_deadline(day: dt.date) -> None:
    tf = parse_timeframe(f"Hoàn thành trước ngày {day.day:02d}/{day.month:02d}/{day.year}")
    assert (tf.kind, tf.due) == ("once", day)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=4), st.integers(min_value=1995, max_value=2095))
def test_quarters_end_on_their_last_day(quarter: int, year: int) -> None:
    roman = ["I", "II", "III", "IV"][quarter - 1]
    tf = parse_timeframe(f"Quý {roman}/{year}")
    last_month = 3 * quarter
    next_first = D(year + (last_month == 12), last_month % 12 + 1, 1)
    assert tf.due == next_first - dt.timedelta(days=1)
