"""``ttcs load_agencies``: load the reference agencies (safe to run again)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ttcs.core.agency_loader import load_reference_agencies


class Command(BaseCommand):
    help = (
        "Nạp danh mục cơ quan tham chiếu: bộ, ngành; 63 tỉnh cũ và 34 tỉnh, thành phố mới; "
        "các sở và quan hệ kế thừa. Chạy lại không tạo bản ghi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--communes",
            action="store_true",
            help="Nạp cả cấp xã (mới và cũ), các quận, huyện cũ và phòng chuyên môn cấp huyện.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Ghi đè các trường khác với dữ liệu tham chiếu trên bản ghi đã có.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = load_reference_agencies(
            communes=options["communes"],
            update_existing=options["update"],
            stdout=self.stderr,
        )
        self.stdout.write(json.dumps(asdict(summary), ensure_ascii=False))
