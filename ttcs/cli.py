"""The ``ttcs`` console script: Django's manage.py plus the batch commands with JSON contracts.

    ttcs migrate | runserver | demo | ...        any management command
    ttcs plans parse FILE [--issuer-hint NAME]   plan document → JSON
    ttcs monitor ingest|cluster|classify|trends|search|run|retrain ...

Machine output goes to stdout, messages to stderr; exit 0 ok, 2 bad input, 1 internal failure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

USAGE = (
    "Cách dùng: ttcs <lệnh django> | ttcs plans parse FILE [--issuer-hint TÊN] | "
    "ttcs monitor ingest|cluster|classify|trends|search|run|retrain ..."
)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttcs.settings")
    import django

    django.setup()


def _plans(argv: list[str]) -> int:
    if not argv or argv[0] != "parse":
        print("Lệnh hợp lệ: ttcs plans parse FILE [--issuer-hint TÊN]", file=sys.stderr)
        return 2
    from ttcs.plans.cli import main_parse

    return main_parse(argv[1:], resolver=_registry_resolver())


def _registry_resolver() -> Any:
    """The agency registry as a resolver when a migrated database is at hand; otherwise the
    parser names agencies without registry ids."""
    try:
        _setup_django()
        from django.db import DatabaseError

        from ttcs.core.models import Agency
        from ttcs.plans.importing import db_resolver

        if not Agency.objects.exists():
            return None
    except (DatabaseError, ImportError, RuntimeError):
        return None
    return db_resolver(None)


def _monitor(argv: list[str]) -> int:
    commands: dict[str, Callable[[list[str]], int]] = {}
    sub = argv[0] if argv else ""
    if sub in {"cluster", "classify", "trends"}:
        # These need no database.
        from ttcs.monitoring import cli as mcli

        commands = {
            "cluster": mcli.main_cluster,
            "classify": mcli.main_classify,
            "trends": mcli.main_trends,
        }
        return commands[sub](argv[1:])
    if sub in {"ingest", "search", "run", "retrain"}:
        _setup_django()
        from ttcs.monitoring import cli_db

        commands = {
            "ingest": cli_db.main_ingest,
            "search": cli_db.main_search,
            "run": cli_db.main_run,
            "retrain": cli_db.main_retrain,
        }
        return commands[sub](argv[1:])
    print(
        "Lệnh hợp lệ: ttcs monitor ingest|cluster|classify|trends|search|run|retrain ...",
        file=sys.stderr,
    )
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = argv[1:]
    try:
        if args and args[0] == "plans":
            return _plans(args[1:])
        if args and args[0] == "monitor":
            return _monitor(args[1:])
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (``| head``): not a failure of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the contract: 1 on internal failure, with a message on stderr
        print(f"Lỗi nội bộ: {exc}", file=sys.stderr)
        return 1
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttcs.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
