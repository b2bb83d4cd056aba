"""Raw SQL in migrations for one database vendor at a time (full-text indexes and the like,
which SQLite and PostgreSQL spell differently or only one of them has)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import migrations


def vendor_sql(
    forward: Mapping[str, Sequence[str]], backward: Mapping[str, Sequence[str]]
) -> migrations.RunPython:
    """An operation running ``forward[vendor]`` when applied and ``backward[vendor]`` when
    reversed, for the connection's vendor ("sqlite", "postgresql"); other vendors run nothing."""

    def runner(statements: Mapping[str, Sequence[str]]) -> Any:
        def run(apps: Any, schema_editor: Any) -> None:
            for sql in statements.get(schema_editor.connection.vendor, ()):
                schema_editor.execute(sql)

        return run

    return migrations.RunPython(runner(forward), runner(backward))
