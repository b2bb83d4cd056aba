"""File imports (CSV/JSONL exports of public social media or press clippings) into monitoring."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ttcs.core import audit
from ttcs.core.models import Agency
from ttcs.core.permissions import can_write
from ttcs.monitoring.fetch.imports import read_import
from ttcs.monitoring.ingest import IngestSummary, ingest_items
from ttcs.monitoring.models import Source, SourceKind, Tier


def file_source(agency: Agency) -> Source:
    source, _created = Source.objects.get_or_create(
        owner_agency=agency,
        name="Tệp nhập",
        defaults={"kind": SourceKind.FILE, "tier": Tier.SOCIAL},
    )
    return source


def import_upload(
    *, agency: Agency, acting_user: Any, upload: Any
) -> tuple[IngestSummary, list[str]]:
    """Read the upload, report bad rows by number, ingest the rest under the agency's file
    source. Raises ValidationError (Vietnamese) when nothing can be read."""
    if not can_write(acting_user, agency.pk):
        raise PermissionDenied(_("Bạn không được nhập tin cho cơ quan này."))
    data = upload.read()
    result = read_import(data, filename=getattr(upload, "name", None))
    if result.error:
        raise ValidationError(result.error)
    if not result.items:
        raise ValidationError(_("Tệp không có dòng hợp lệ nào."))
    source = file_source(agency)
    summary = ingest_items(result.items, source=source)
    with transaction.atomic():
        audit.record(
            "monitoring.file_imported",
            actor=acting_user,
            obj=source,
            agency_id=agency.pk,
            items=summary.items,
            new=summary.new,
            bad_rows=len(result.errors),
        )
    errors = [f"Dòng {e.row}: {e.reason}" for e in result.errors]
    return summary, errors
