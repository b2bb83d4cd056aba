"""Occurrence schedules from timeframes (pure)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ttcs.plans.schedule import Timeframe, occurrences

START = dt.date(2026, 1, 15)
HORIZON = dt.date(2027, 1, 15)


def test_yearly_with_due_day_uses_it() -> None:
    tf = Timeframe("recurring", recurrence="yearly", recurrence_month=12, recurrence_day=1)
    occ = occurrences(tf, plan_start=START, horizon=HORIZON)
    assert [(o.period_label, o.due) for o in occ] == [
        ("Năm 2026", dt.date(2026, 12, 1)),
        ("Năm 2027", dt.date(2027, 12, 1)),
    ]


def test_monthly_clamps_day_to_month_length() -> None:
    tf = Timeframe("recurring", recurrence="monthly", recurrence_day=31)
    occ = occurrences(tf, plan_start=dt.date(2026, 1, 1), horizon=dt.date(2026, 3, 1))
    assert [o.due for o in occ] == [
        dt.date(2026, 1, 31),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 31),
    ]


def test_on_demand_and_unknown_have_no_due_date() -> None:
    for kind in ("on_demand", "unknown"):
        occ = occurrences(Timeframe(kind), plan_start=START, horizon=HORIZON)
        assert len(occ) == 1 and occ[0].due is None


def test_period_ends_at_stated_end() -> None:
    tf = Timeframe("period", start=dt.date(2023, 1, 1), due=dt.date(2024, 12, 31))
    assert occurrences(tf, plan_start=START, horizon=HORIZON)[0].due == dt.date(2024, 12, 31)


def test_due_is_shifted_by_calendar() -> None:
    tf = Timeframe("once", due=dt.date(2026, 9, 2))
    occ = occurrences(
        tf, plan_start=START, horizon=HORIZON, next_working_day=lambda d: d.replace(day=3)
    )
    assert occ[0].due == dt.date(2026, 9, 3)


@given(
    kind=st.sampled_from(["once", "period", "recurring", "continuous", "on_demand", "unknown"]),
    recurrence=st.sampled_from(["yearly", "quarterly", "monthly", None]),
    start=st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
    days=st.integers(0, 1200),
    day=st.one_of(st.none(), st.integers(1, 31)),
)
def test_occurrences_are_unique_ordered_and_never_empty(kind, recurrence, start, days, day) -> None:
    tf = Timeframe(
        kind,
        due=start + dt.timedelta(days=days) if kind != "on_demand" else None,
        recurrence=recurrence,
        recurrence_day=day,
        recurrence_month=12 if day else None,
    )
    occ = occurrences(tf, plan_start=start, horizon=start + dt.timedelta(days=365))
    assert occ
    labels = [o.period_label for o in occ]
    assert len(labels) == len(set(labels))
    dues = [o.due for o in occ if o.due is not None]
    assert dues == sorted(dues)
