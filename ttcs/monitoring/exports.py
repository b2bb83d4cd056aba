"""Export of every article matching a search, as CSV or XLSX, with progress on its JobRun."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from ttcs.core.models import JobRun, JobStatus
from ttcs.monitoring.search import Filters, count, iter_all

COLUMNS = [
    "Thời điểm đăng",
    "Nguồn",
    "Nhóm nguồn",
    "Tiêu đề",
    "Địa chỉ",
    "Sắc thái",
    "Chủ đề",
    "Địa bàn",
    "Cơ quan",
    "Sự việc",
]


def _filters(raw: dict[str, Any]) -> Filters:
    f = Filters()
    for name in ("since", "until"):
        if raw.get(name):
            setattr(f, name, dt.datetime.fromisoformat(raw[name]))
    for name in ("tiers", "sentiments", "source_ids"):
        setattr(f, name, list(raw.get(name) or []))
    for name in ("topic", "locality", "agency"):
        setattr(f, name, raw.get(name) or "")
    return f


def run_export(job_id: int) -> None:
    """Idempotent: a finished job is left alone; a retried one starts its file again."""
    job = JobRun.objects.get(pk=job_id)
    if job.status == JobStatus.DONE:
        return
    params = dict(job.result)
    job.status, job.started_at = JobStatus.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    try:
        from ttcs.monitoring.models import Article

        base = Article.objects.all()
        if job.requested_by is not None:
            base = Article.objects.visible_to(job.requested_by)
        filters = _filters(params.get("filters") or {})
        total = count(params["query"], base=base, filters=filters)
        JobRun.objects.filter(pk=job.pk).update(progress_total=total)
        rows: list[list[Any]] = []
        for i, a in enumerate(iter_all(params["query"], base=base, filters=filters), start=1):
            rows.append(
                [
                    timezone.localtime(a.published_at).strftime("%d/%m/%Y %H:%M"),
                    a.source_name,
                    a.get_tier_display(),
                    a.title,
                    a.url,
                    a.get_sentiment_display(),
                    ", ".join(a.topics),
                    ", ".join(a.localities),
                    ", ".join(a.agencies),
                    a.story_id,
                ]
            )
            if i % 500 == 0:
                JobRun.objects.filter(pk=job.pk).update(progress_done=i)
        data = _xlsx(rows) if params.get("format") == "xlsx" else _csv(rows)
        name = default_storage.save(
            f"exports/tin-bai-{job.pk}.{params.get('format', 'csv')}", ContentFile(data)
        )
        params.update({"file": name, "rows": len(rows)})
        JobRun.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE,
            progress_done=len(rows),
            result=params,
            finished_at=timezone.now(),
        )
    except Exception as exc:
        JobRun.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            message=f"Xuất dữ liệu thất bại: {exc}",
            finished_at=timezone.now(),
        )
        raise


def _csv(rows: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    # A BOM so that spreadsheet programs open Vietnamese text as UTF-8.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Tin bài")
    ws.append(COLUMNS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
