"""Working calendar built from CalendarException rows: reads, caching and invalidation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache

from ttcs.core import calendar_db, workdays
from ttcs.core.models import CalendarException

# Wednesday 04/03/2026 and Saturday 07/03/2026: ordinary days in the package's calendar.
WEDNESDAY = date(2026, 3, 4)
SATURDAY = date(2026, 3, 7)


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    cache.delete(calendar_db.VERSION_CACHE_KEY)
    calendar_db._forget_local()
    previous = workdays.set_default_calendar_factory(None)
    yield
    workdays.set_default_calendar_factory(previous)
    calendar_db._forget_local()


def add_exception(day: date, kind: str, name: str) -> CalendarException:
    return CalendarException.objects.create(
        date=day, kind=kind, name=name, legal_basis="Văn bản thử nghiệm"
    )


@pytest.mark.django_db
def test_calendar_applies_day_off_and_working_day_rows() -> None:
    add_exception(WEDNESDAY, "day_off", "Nghỉ bù thử nghiệm")
    add_exception(SATURDAY, "working_day", "Làm bù thử nghiệm")
    calendar = calendar_db.calendar_with_exceptions()
    assert not calendar.is_working_day(WEDNESDAY)
    assert calendar.is_working_day(SATURDAY)
    assert calendar.holidays_between(WEDNESDAY, WEDNESDAY) == [(WEDNESDAY, "Nghỉ bù thử nghiệm")]
    # Tue 03/03 + 3: Thu 05 (1), Fri 06 (2), Sat 07 worked (3).
    assert calendar.add_working_days(date(2026, 3, 3), 3) == SATURDAY


@pytest.mark.django_db
def test_calendar_is_reused_without_queries_until_invalidated(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    first = calendar_db.calendar_with_exceptions()
    add_exception(WEDNESDAY, "day_off", "Nghỉ bù thử nghiệm")
    with django_assert_num_queries(0):
        again = calendar_db.calendar_with_exceptions()
    assert again is first
    assert again.is_working_day(WEDNESDAY)

    calendar_db.invalidate_calendar_cache()
    assert not calendar_db.calendar_with_exceptions().is_working_day(WEDNESDAY)


@pytest.mark.django_db
def test_other_processes_learn_of_a_change_only_after_commit(
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Another process is simulated by a cached calendar that checks the shared version each call.
    monkeypatch.setattr(calendar_db, "RECHECK_SECONDS", 0.0)
    calendar_db.calendar_with_exceptions()
    version_before = cache.get(calendar_db.VERSION_CACHE_KEY)
    assert version_before is not None

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        add_exception(WEDNESDAY, "day_off", "Nghỉ bù thử nghiệm")
        calendar_db.invalidate_calendar_cache()
    assert cache.get(calendar_db.VERSION_CACHE_KEY) == version_before

    for callback in callbacks:
        callback()
    assert cache.get(calendar_db.VERSION_CACHE_KEY) != version_before


@pytest.mark.django_db
def test_a_changed_shared_version_makes_this_process_rebuild(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(calendar_db, "RECHECK_SECONDS", 0.0)
    assert calendar_db.calendar_with_exceptions().is_working_day(WEDNESDAY)
    add_exception(WEDNESDAY, "day_off", "Nghỉ bù thử nghiệm")
    # What another process's invalidate_calendar_cache() leaves in the shared cache.
    cache.set(calendar_db.VERSION_CACHE_KEY, "changed elsewhere", timeout=None)
    assert not calendar_db.calendar_with_exceptions().is_working_day(WEDNESDAY)


@pytest.mark.django_db
def test_calendar_is_rebuilt_after_max_age_even_without_a_shared_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(calendar_db, "RECHECK_SECONDS", 0.0)
    calendar_db.calendar_with_exceptions()
    add_exception(WEDNESDAY, "day_off", "Nghỉ bù thử nghiệm")
    monkeypatch.setattr(calendar_db, "MAX_AGE_SECONDS", 0.0)
    assert not calendar_db.calendar_with_exceptions().is_working_day(WEDNESDAY)


@pytest.mark.django_db
def test_install_makes_module_functions_follow_the_database() -> None:
    add_exception(WEDNESDAY, "day_off", "Nghỉ bù thử nghiệm")
    calendar_db.install()
    assert not workdays.is_working_day(WEDNESDAY)
    assert workdays.add_working_days(date(2026, 3, 3), 1) == date(2026, 3, 5)
    assert workdays.working_days_between(date(2026, 3, 3), date(2026, 3, 5)) == 1
