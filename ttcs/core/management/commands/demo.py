"""``ttcs demo``: migrate, load demo data, start the job runner and serve on 127.0.0.1:8000."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chuẩn bị dữ liệu minh họa và chạy ứng dụng tại http://127.0.0.1:8000"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="chỉ chuẩn bị dữ liệu")

    def handle(self, *args: Any, **options: Any) -> None:
        from ttcs.core.demo import DEMO_PASSWORD, build_demo_org

        call_command("migrate", interactive=False, verbosity=0)
        logins = build_demo_org()
        for loader in _demo_loaders():
            loader(self.stderr)
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)

        out = sys.stdout
        url = f"http://{options['host']}:{options['port']}"
        if options["no_serve"]:
            out.write("\nDữ liệu minh họa đã sẵn sàng.\n")
        else:
            out.write(f"\nTTCS đang chạy tại {url}  (Ctrl+C để dừng)\n")
        out.write(f"Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):\n")
        for login in logins:
            out.write(f"  {login.username:<14} {login.role:<20} {login.agency}\n")
        out.flush()
        if options["no_serve"]:
            return
        self._serve(options["host"], options["port"])

    def _serve(self, host: str, port: int) -> None:
        from waitress import serve  # type: ignore[import-untyped,unused-ignore]

        from ttcs.core.scheduler import InProcessScheduler
        from ttcs.wsgi import application

        scheduler = None
        if not settings.REDIS_URL:
            scheduler = InProcessScheduler()
            scheduler.start()
        try:
            serve(application, host=host, port=port, threads=8, ident="TTCS")
        finally:
            if scheduler is not None:
                scheduler.stop()


def _demo_loaders() -> list[Any]:
    """Each domain app may contribute demo content through ``<app>.demo.load_demo(stream)``."""
    import importlib

    loaders = []
    for app in ("ttcs.plans", "ttcs.monitoring"):
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError:
            continue
        loaders.append(module.load_demo)
    return loaders
