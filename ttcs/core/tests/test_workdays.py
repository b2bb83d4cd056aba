"""Working-day calendar: hand-checked Vietnamese holidays and properties of the arithmetic.

Sources for the hand-checked cases:
- Labor Code 2019, art. 112: 1/1; Tết 5 days; Giỗ Tổ 10/3 lunar; 30/4; 1/5; 2/9 plus the day before
  or after; a holiday falling on a weekly rest day is taken on the next working day.
- Tết Bính Ngọ and Quốc khánh 2026: Văn bản 9859/VPCP-KGVX (13/10/2025): civil servants off from
  Saturday 14/02 to Sunday 22/02/2026, and from Saturday 29/08 to Wednesday 02/09/2026 with Monday
  31/08 swapped for Saturday 22/08/2026.
- Tết Dương lịch 2026: Văn bản 12729/VPCP-KGVX (25/12/2025): off 01/01–04/01/2026, Friday 02/01
  swapped for Saturday 10/01/2026 (not in the holidays package: bundled exception).
- 30/4–1/5/2025: Thông báo 6150/TB-BLĐTBXH (03/12/2024): Friday 02/05 swapped for Saturday 26/04.
- Ngày Văn hóa Việt Nam 24/11: Resolution 80-NQ/TW (7/1/2026); the installed holidays package
  treats it as a public holiday from 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import holidays
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ttcs.core import workdays
from ttcs.core.workdays import (
    WorkingCalendar,
    load_bundled_exceptions,
    set_default_calendar_factory,
)

PLAIN = WorkingCalendar()  # the holidays package alone, no announced exceptions
BUNDLED = WorkingCalendar.from_entries(load_bundled_exceptions())


def d(day: int, month: int, year: int) -> date:
    return date(year, month, day)


def non_working(calendar: WorkingCalendar, first: date, last: date) -> list[date]:
    span = (last - first).days + 1
    days = [first + timedelta(days=i) for i in range(span)]
    return [day for day in days if not calendar.is_working_day(day)]


# -- Tết Nguyên đán Bính Ngọ 2026 ------------------------------------------------------------------


def test_tet_2026_break_runs_from_saturday_14_to_sunday_22_february() -> None:
    # Package: 16/02 giao thừa (Mon), 17/02 mùng 1 (Tue) … 20/02 mùng 4 (Fri); 14–15 and 21–22
    # are weekends. Together they are exactly the announced nine-day break, so no exception needed.
    assert non_working(BUNDLED, d(13, 2, 2026), d(23, 2, 2026)) == [
        d(14, 2, 2026) + timedelta(days=i) for i in range(9)
    ]
    assert BUNDLED.is_working_day(d(13, 2, 2026))  # Friday 26 tháng Chạp
    assert BUNDLED.is_working_day(d(23, 2, 2026))  # Monday mùng 7


def test_lunar_new_year_2026_is_17_february_in_the_package() -> None:
    names = dict(PLAIN.holidays_between(d(16, 2, 2026), d(20, 2, 2026)))
    assert names[d(17, 2, 2026)] == "Tết Nguyên Đán"
    assert names[d(16, 2, 2026)] == "Giao thừa Tết Nguyên Đán"
    assert len(names) == 5


def test_one_working_day_after_the_last_day_before_tet_2026_is_after_the_break() -> None:
    # Friday 13/02 + 1: skip Sat 14, Sun 15, Mon 16 … Fri 20 (Tết), Sat 21, Sun 22 → Mon 23/02.
    assert BUNDLED.add_working_days(d(13, 2, 2026), 1) == d(23, 2, 2026)
    assert BUNDLED.next_working_day(d(13, 2, 2026)) == d(23, 2, 2026)


def test_five_day_information_request_straddling_tet_2026_is_explained() -> None:
    # Received Thursday 12/02. Fri 13 (1), skip 14–22, Mon 23 (2), Tue 24 (3), Wed 25 (4),
    # Thu 26 (5). Skipped: 5 Tết days and 4 weekend days; 5 + 5 + 4 = 14 calendar days.
    explanation = BUNDLED.explain_deadline(d(12, 2, 2026), 5)
    assert explanation.due == d(26, 2, 2026)
    assert [skipped.date for skipped in explanation.skipped_holidays] == [
        d(16, 2, 2026),
        d(17, 2, 2026),
        d(18, 2, 2026),
        d(19, 2, 2026),
        d(20, 2, 2026),
    ]
    assert explanation.skipped_weekend_days == 4
    assert explanation.describe() == (
        "Hạn: 26/02/2026 (5 ngày làm việc; không tính 5 ngày nghỉ lễ, Tết và 4 ngày nghỉ cuối tuần)"
    )


def test_fifteen_day_information_request_across_tet_2026() -> None:
    # Law 104/2016/QH13 art. 31: 15 working days. Received Tuesday 10/02/2026:
    # 11, 12, 13/02 (1–3); 23–27/02 (4–8); 02–06/03 (9–13); Mon 09/03 (14); Tue 10/03 (15).
    assert BUNDLED.add_working_days(d(10, 2, 2026), 15) == d(10, 3, 2026)
    assert BUNDLED.working_days_between(d(10, 2, 2026), d(10, 3, 2026)) == 15


def test_tet_2025_break_runs_from_25_january_to_2_february() -> None:
    # Tết Ất Tỵ: mùng 1 = Wed 29/01/2025. Package: 27/01 (in lieu of mùng 4 on Sat 01/02),
    # 28/01 giao thừa, 29–31/01, Sat 01/02; weekends 25–26/01 and 02/02 → 25/01–02/02 off.
    assert non_working(BUNDLED, d(24, 1, 2025), d(3, 2, 2025)) == [
        d(25, 1, 2025) + timedelta(days=i) for i in range(9)
    ]


# -- Tết Dương lịch 2026: only the announced exceptions know the swap ------------------------------


def test_new_year_2026_swap_comes_from_the_bundled_exceptions() -> None:
    # 1/1 (Thu) holiday; Fri 02/01 day off by swap; Sat 10/01 worked instead.
    assert BUNDLED.add_working_days(d(31, 12, 2025), 1) == d(5, 1, 2026)
    assert PLAIN.add_working_days(d(31, 12, 2025), 1) == d(2, 1, 2026)
    assert BUNDLED.is_working_day(d(10, 1, 2026))
    assert not PLAIN.is_working_day(d(10, 1, 2026))
    # Fri 09/01 → Sat 10/01 (worked) → Mon 12/01: two working days.
    assert BUNDLED.working_days_between(d(9, 1, 2026), d(12, 1, 2026)) == 2


# -- Giỗ Tổ Hùng Vương and 30/4–1/5/2026 -----------------------------------------------------------


def test_hung_kings_day_2026_on_sunday_is_taken_on_monday_27_april() -> None:
    # 10/3 lunar = Sunday 26/04/2026 → day in lieu Monday 27/04 (Labor Code art. 112(3)).
    # Friday 24/04 + 1: skip Sat 25, Sun 26, Mon 27 → Tuesday 28/04.
    assert BUNDLED.add_working_days(d(24, 4, 2026), 1) == d(28, 4, 2026)
    assert BUNDLED.holidays_between(d(25, 4, 2026), d(27, 4, 2026)) == [
        (d(26, 4, 2026), "Ngày Giỗ Tổ Hùng Vương"),
        (d(27, 4, 2026), "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"),
    ]


def test_reunification_and_labour_day_2026_give_thursday_to_sunday_off() -> None:
    # Thu 30/04 and Fri 01/05 are holidays, 02–03/05 the weekend; no swap was announced.
    # Fri 24/04 + 3: Tue 28 (1), Wed 29 (2), skip 30/04–03/05, Mon 04/05 (3).
    assert non_working(BUNDLED, d(29, 4, 2026), d(4, 5, 2026)) == [
        d(30, 4, 2026),
        d(1, 5, 2026),
        d(2, 5, 2026),
        d(3, 5, 2026),
    ]
    assert BUNDLED.add_working_days(d(24, 4, 2026), 3) == d(4, 5, 2026)
    explanation = BUNDLED.explain_deadline(d(24, 4, 2026), 3)
    # Named: 26/04 (a Sunday, listed as the holiday it is), 27/04, 30/04, 01/05.
    assert len(explanation.skipped_holidays) == 4
    # Weekends without a holiday: 25/04, 02/05, 03/05.
    assert explanation.skipped_weekend_days == 3


def test_reunification_day_2025_swap_is_known_to_the_package_and_the_bundle() -> None:
    # Friday 02/05/2025 off, Saturday 26/04/2025 worked.
    for calendar in (PLAIN, BUNDLED):
        assert not calendar.is_working_day(d(2, 5, 2025))
        assert calendar.is_working_day(d(26, 4, 2025))
        # Tue 29/04 + 1: skip 30/04, 01/05, 02/05, 03–04/05 → Mon 05/05.
        assert calendar.add_working_days(d(29, 4, 2025), 1) == d(5, 5, 2025)


# -- Quốc khánh 2026 -------------------------------------------------------------------------------


def test_national_day_2026_break_runs_from_29_august_to_2_september() -> None:
    # 2/9/2026 is a Wednesday; the package adds the day before (Tue 01/09) per art. 112, and the
    # swap Mon 31/08 ↔ Sat 22/08 (9859/VPCP-KGVX) completes the five-day break 29/08–02/09.
    assert non_working(BUNDLED, d(28, 8, 2026), d(3, 9, 2026)) == [
        d(29, 8, 2026),
        d(30, 8, 2026),
        d(31, 8, 2026),
        d(1, 9, 2026),
        d(2, 9, 2026),
    ]
    # Friday 28/08 + 1 → Thursday 03/09.
    assert BUNDLED.add_working_days(d(28, 8, 2026), 1) == d(3, 9, 2026)


def test_saturday_22_august_2026_is_a_working_day() -> None:
    # Even without the bundled exception the package knows the swap (weekend_workdays).
    for calendar in (PLAIN, BUNDLED):
        assert calendar.is_working_day(d(22, 8, 2026))
        # Fri 21/08 → Sat 22/08 (1), Sun 23/08 skipped, Mon 24/08 (2).
        assert calendar.working_days_between(d(21, 8, 2026), d(24, 8, 2026)) == 2
        assert calendar.add_working_days(d(21, 8, 2026), 1) == d(22, 8, 2026)


# -- Ngày Văn hóa Việt Nam -------------------------------------------------------------------------


def test_vietnamese_culture_day_is_a_holiday_from_2026() -> None:
    # 24/11/2026 is a Tuesday: Mon 23/11 + 1 skips it → Wednesday 25/11.
    assert not BUNDLED.is_working_day(d(24, 11, 2026))
    assert BUNDLED.add_working_days(d(23, 11, 2026), 1) == d(25, 11, 2026)
    assert BUNDLED.holidays_between(d(24, 11, 2026), d(24, 11, 2026)) == [
        (d(24, 11, 2026), "Ngày Văn hóa Việt Nam")
    ]
    # Before the resolution it was an ordinary Monday.
    assert BUNDLED.is_working_day(d(24, 11, 2025))


# -- exceptions and API contract -------------------------------------------------------------------


def test_exception_working_day_overrides_a_holiday() -> None:
    calendar = WorkingCalendar({d(17, 2, 2026): "working_day"})
    assert calendar.is_working_day(d(17, 2, 2026))
    assert d(17, 2, 2026) not in dict(calendar.holidays_between(d(14, 2, 2026), d(22, 2, 2026)))
    assert calendar.add_working_days(d(13, 2, 2026), 1) == d(17, 2, 2026)


def test_exception_day_off_overrides_a_working_weekday_and_is_named() -> None:
    calendar = WorkingCalendar(
        {d(4, 3, 2026): "day_off"}, exception_names={d(4, 3, 2026): "Nghỉ bù thử nghiệm"}
    )
    assert not calendar.is_working_day(d(4, 3, 2026))
    assert calendar.holidays_between(d(2, 3, 2026), d(6, 3, 2026)) == [
        (d(4, 3, 2026), "Nghỉ bù thử nghiệm")
    ]


def test_exception_day_off_without_a_name_gets_a_generic_name() -> None:
    calendar = WorkingCalendar({d(4, 3, 2026): "day_off"})
    assert calendar.holidays_between(d(4, 3, 2026), d(4, 3, 2026)) == [
        (d(4, 3, 2026), workdays.DEFAULT_DAY_OFF_NAME)
    ]


def test_zero_working_days_keeps_a_working_day_and_moves_a_day_off_forward() -> None:
    assert BUNDLED.add_working_days(d(12, 2, 2026), 0) == d(12, 2, 2026)
    # Saturday 14/02/2026 is inside the Tết break: the next working day is Monday 23/02.
    assert BUNDLED.add_working_days(d(14, 2, 2026), 0) == d(23, 2, 2026)
    explanation = BUNDLED.explain_deadline(d(14, 2, 2026), 0)
    assert explanation.skipped_weekend_days == 4
    assert len(explanation.skipped_holidays) == 5


def test_negative_days_count_backwards_over_holidays() -> None:
    # Monday 23/02/2026 − 1 → Friday 13/02/2026.
    assert BUNDLED.add_working_days(d(23, 2, 2026), -1) == d(13, 2, 2026)
    assert BUNDLED.working_days_between(d(23, 2, 2026), d(13, 2, 2026)) == -1


def test_holidays_between_accepts_either_order() -> None:
    assert BUNDLED.holidays_between(d(3, 9, 2026), d(28, 8, 2026)) == BUNDLED.holidays_between(
        d(28, 8, 2026), d(3, 9, 2026)
    )


def test_datetimes_are_rejected_to_force_a_timezone_decision() -> None:
    with pytest.raises(TypeError):
        BUNDLED.is_working_day(datetime(2026, 2, 17, 1, 0, tzinfo=UTC))


def test_unknown_exception_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown calendar exception kind"):
        WorkingCalendar({d(1, 3, 2026): "holiday"})  # type: ignore[dict-item]


def test_bundled_exceptions_pair_a_weekday_off_with_a_worked_weekend_day() -> None:
    entries = load_bundled_exceptions()
    assert entries, "the bundled file lists the 2025 and 2026 swaps"
    for entry in entries:
        assert entry.legal_basis
        if entry.kind == "day_off":
            assert entry.date.weekday() < 5, entry
        else:
            assert entry.date.weekday() >= 5, entry
    by_year: dict[int, list[str]] = {}
    for entry in entries:
        by_year.setdefault(entry.date.year, []).append(entry.kind)
    for kinds in by_year.values():
        assert kinds.count("day_off") == kinds.count("working_day")


def test_module_functions_use_the_installed_factory_and_can_be_restored() -> None:
    special = WorkingCalendar({d(4, 3, 2026): "day_off"})
    original = set_default_calendar_factory(lambda: special)
    try:
        assert not workdays.is_working_day(d(4, 3, 2026))
        assert workdays.add_working_days(d(3, 3, 2026), 1) == d(5, 3, 2026)
        assert workdays.working_days_between(d(3, 3, 2026), d(5, 3, 2026)) == 1
        assert workdays.next_working_day(d(3, 3, 2026)) == d(5, 3, 2026)
        # Replacing returns the factory in force, so a caller can put it back.
        ours = set_default_calendar_factory(lambda: PLAIN)
        assert workdays.is_working_day(d(4, 3, 2026))
        set_default_calendar_factory(ours)
        assert not workdays.is_working_day(d(4, 3, 2026))
    finally:
        set_default_calendar_factory(original)


def test_module_default_includes_the_bundled_exceptions() -> None:
    previous = set_default_calendar_factory(None)
    try:
        assert workdays.is_working_day(d(10, 1, 2026))
    finally:
        set_default_calendar_factory(previous)


# -- properties ------------------------------------------------------------------------------------

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
near_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
steps = st.integers(min_value=-400, max_value=400)
exception_maps = st.dictionaries(
    near_dates, st.sampled_from(["day_off", "working_day"]), max_size=12
)


def reference_is_working(calendar_exceptions: dict[date, str], day: date) -> bool:
    """Independent definition: exception, else the package's own working-day rule."""
    if day in calendar_exceptions:
        return calendar_exceptions[day] == "working_day"
    return holidays.country_holidays("VN", years=day.year).is_working_day(day)


@settings(max_examples=60, deadline=None)
@given(exception_maps, near_dates)
def test_is_working_day_matches_the_package_rule_with_exceptions(
    exceptions: dict[date, workdays.ExceptionKind], day: date
) -> None:
    calendar = WorkingCalendar(exceptions)
    assert calendar.is_working_day(day) == reference_is_working(dict(exceptions), day)


@settings(max_examples=60, deadline=None)
@given(exception_maps, near_dates, st.integers(min_value=-30, max_value=30))
def test_add_working_days_matches_walking_day_by_day(
    exceptions: dict[date, workdays.ExceptionKind], start: date, n: int
) -> None:
    calendar = WorkingCalendar(exceptions)
    step = timedelta(days=1 if n >= 0 else -1)
    day, remaining = start, abs(n)
    if n == 0:
        while not calendar.is_working_day(day):
            day += step
    while remaining:
        day += step
        if calendar.is_working_day(day):
            remaining -= 1
    assert calendar.add_working_days(start, n) == day


@given(exception_maps, near_dates, st.sampled_from(["day_off", "working_day"]))
def test_an_exception_always_decides_its_day(
    exceptions: dict[date, workdays.ExceptionKind], day: date, kind: workdays.ExceptionKind
) -> None:
    calendar = WorkingCalendar({**exceptions, day: kind})
    assert calendar.is_working_day(day) == (kind == "working_day")


@given(dates, steps)
def test_result_is_a_working_day_on_the_right_side(start: date, n: int) -> None:
    assume(n != 0)
    due = BUNDLED.add_working_days(start, n)
    assert BUNDLED.is_working_day(due)
    assert (due > start) if n > 0 else (due < start)


@given(dates, steps)
def test_counting_back_what_was_added_gives_n(start: date, n: int) -> None:
    assume(n != 0 or BUNDLED.is_working_day(start))
    assert BUNDLED.working_days_between(start, BUNDLED.add_working_days(start, n)) == n


@given(dates, dates)
def test_adding_the_count_between_reaches_a_working_end(start: date, end: date) -> None:
    assume(BUNDLED.is_working_day(end))
    assert BUNDLED.add_working_days(start, BUNDLED.working_days_between(start, end)) == end


@given(dates, steps, steps)
def test_add_working_days_is_monotonic_in_n(start: date, m: int, n: int) -> None:
    low, high = sorted((m, n))
    assert BUNDLED.add_working_days(start, low) <= BUNDLED.add_working_days(start, high)


@given(dates, dates, steps)
def test_add_working_days_is_monotonic_in_the_start(first: date, second: date, n: int) -> None:
    early, late = sorted((first, second))
    assert BUNDLED.add_working_days(early, n) <= BUNDLED.add_working_days(late, n)


@given(dates, steps)
def test_backwards_undoes_forwards_from_a_working_day(start: date, n: int) -> None:
    assume(BUNDLED.is_working_day(start))
    assert BUNDLED.add_working_days(BUNDLED.add_working_days(start, n), -n) == start


@given(dates, st.integers(min_value=1, max_value=200), st.integers(min_value=1, max_value=200))
def test_steps_in_the_same_direction_compose(start: date, m: int, n: int) -> None:
    assert BUNDLED.add_working_days(BUNDLED.add_working_days(start, m), n) == (
        BUNDLED.add_working_days(start, m + n)
    )
    assert BUNDLED.add_working_days(BUNDLED.add_working_days(start, -m), -n) == (
        BUNDLED.add_working_days(start, -m - n)
    )


@given(dates, dates, dates)
def test_counts_between_are_additive(a: date, b: date, c: date) -> None:
    a, b, c = sorted((a, b, c))
    assert BUNDLED.working_days_between(a, b) + BUNDLED.working_days_between(
        b, c
    ) == BUNDLED.working_days_between(a, c)


@given(dates, steps)
def test_explanation_accounts_for_every_calendar_day(start: date, n: int) -> None:
    explanation = BUNDLED.explain_deadline(start, n)
    assert explanation.due == BUNDLED.add_working_days(start, n)
    assert abs(n) + len(explanation.skipped_holidays) + explanation.skipped_weekend_days == abs(
        (explanation.due - start).days
    )
    assert explanation.skipped_weekend_days >= 0
    for skipped in explanation.skipped_holidays:
        assert not BUNDLED.is_working_day(skipped.date)
        assert min(start, explanation.due) <= skipped.date <= max(start, explanation.due)
