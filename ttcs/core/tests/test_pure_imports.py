"""Importing the pure packages starts neither Celery nor Django."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PURE = ["ttcs.vntext", "ttcs.plans.parsing", "ttcs.monitoring.pipeline", "ttcs.core.workdays"]


def test_pure_packages_import_without_celery_or_django_settings() -> None:
    code = (
        "import json, sys\n"
        + "".join(f"import {m}\n" for m in PURE)
        + "print(json.dumps({'celery': 'celery' in sys.modules,"
        " 'settings': 'DJANGO_SETTINGS_MODULE' in __import__('os').environ}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == {"celery": False, "settings": False}


def test_django_start_loads_the_celery_app() -> None:
    from ttcs.celery import app
    from ttcs.monitoring import tasks

    assert app.main == "ttcs"
    assert tasks.run_cycle_task.name in app.tasks
