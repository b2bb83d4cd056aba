"""Benchmark of kernel operations that other code relies on being quick.

    .venv/bin/python bench/core_kernel.py [--no-write]

- loading the agency registry (34 + 63 provinces, their communes, ministries and departments)
  into an empty SQLite database;
- adding a year of working days with the bundled calendar (after warm-up).

Writes the "Core — kernel operations" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from results import update_section  # noqa: E402 - after the path setup

TARGET_LOAD_S = 20.0
TARGET_WORKDAYS_MS = 1.0


def registry_load_seconds() -> tuple[float, int]:
    import django
    from django.core.management import call_command

    django.setup()
    from ttcs.core.agency_loader import load_reference_agencies
    from ttcs.core.models import Agency, AgencySuccession

    call_command("migrate", verbosity=0, interactive=False)
    AgencySuccession.objects.all().delete()
    Agency.objects.update(parent=None)
    Agency.objects.all().delete()
    started = time.perf_counter()
    summary = load_reference_agencies()
    return time.perf_counter() - started, summary.created


def workdays_ms(calls: int = 2000) -> float:
    import datetime as dt

    from ttcs.core.workdays import WorkingCalendar, load_bundled_exceptions

    calendar = WorkingCalendar.from_entries(load_bundled_exceptions())
    start = dt.date(2026, 1, 1)
    calendar.add_working_days(start, 365)
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        for _ in range(calls):
            calendar.add_working_days(start, 365)
        runs.append((time.perf_counter() - began) / calls * 1000)
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttcs.settings")
        os.environ.setdefault("TTCS_VAR_DIR", tmp)
        load_s, created = registry_load_seconds()
    per_call = workdays_ms()
    rows = [
        (
            "agency registry load, empty SQLite",
            f"≤ {TARGET_LOAD_S:.0f} s",
            f"{load_s:.1f} s ({created} agencies)",
            load_s <= TARGET_LOAD_S,
        ),
        (
            "add 365 working days (warm)",
            f"≤ {TARGET_WORKDAYS_MS:.1f} ms",
            f"{per_call:.3f} ms",
            per_call <= TARGET_WORKDAYS_MS,
        ),
    ]
    body = "| operation | target | figure | status |\n|---|---|---|---|\n" + "\n".join(
        f"| {name} | {target} | {figure} | {'met' if ok else '**not met**'} |"
        for name, target, figure, ok in rows
    )
    print(body)
    if not args.no_write:
        update_section("Core — kernel operations (bench/core_kernel.py)", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
