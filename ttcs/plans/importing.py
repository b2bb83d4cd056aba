"""From an uploaded file or pasted text to a stored SourceDocument with its parse result.

Bad input (empty, encrypted, oversized, not a document) raises ImportRefused with a Vietnamese
message and stores nothing; a document whose text was read but could not be parsed is kept with
its text for manual entry.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings

from ttcs.core.models import Agency
from ttcs.plans import actions
from ttcs.plans.models import SourceDocument


class ImportRefused(Exception):
    """The upload is not a readable document; nothing was stored."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def db_resolver(context_agency: Agency | None) -> Any:
    """A resolver for the parser that maps agency mentions to registry agencies."""
    from ttcs.core.matching import best_agency

    contexts: dict[tuple[str | None, str | None], Agency | None] = {}

    def context_for(ctx: Any, on: dt.date | None) -> Agency | None:
        issuer = getattr(ctx, "issuer_name", None) or getattr(ctx, "issuer", None)
        province = getattr(ctx, "province", None)
        key = (issuer, province)
        if key not in contexts:
            found = context_agency
            for hint in (issuer, province):
                match = _context_match(hint, on) if hint else None
                if match is not None:
                    found = Agency.objects.filter(pk=match).first() or found
                    break
            contexts[key] = found
        return contexts[key]

    def resolve(raw: str, ctx: Any) -> Any:
        on = getattr(ctx, "date", None)
        if isinstance(on, str):
            try:
                on = dt.date.fromisoformat(on)
            except ValueError:
                on = None
        match = best_agency(raw, context=context_for(ctx, on), on=on)
        if match is None:
            return None
        # The name stays as the document words it (canonical, generic: "Sở Tư pháp"); the
        # registry id says which agency that is.
        from ttcs.core.matching import canonical_agency_name
        from ttcs.plans.parsing import ResolvedAgency

        return ResolvedAgency(
            name=canonical_agency_name(raw) or match.name, agency_id=match.agency_id
        )

    return resolve


def _context_match(hint: str, on: dt.date | None) -> int | None:
    """The agency a document's issuer names. A province and its same-named successor (e.g.
    Thái Nguyên before and after 1/7/2025) tie on name; either places the document in the right
    province, so the first (current) one is taken."""
    from ttcs.core.matching import best_agency, match_agency

    best = best_agency(hint, on=on)
    if best is not None:
        return best.agency_id
    top = match_agency(hint, on=on, limit=2)
    if len(top) == 2 and top[0].name == top[1].name and top[0].score >= 85:
        return top[0].agency_id
    return None


def read_and_parse(
    path: Path, *, issuer_hint: str | None, context_agency: Agency | None
) -> tuple[str, bool, dict[str, Any] | None, str]:
    """(text, ocr_used, parsed contract dict or None, error message)."""
    from ttcs.plans.parsing import DocumentError, extract_text, parse_text

    try:
        extracted = extract_text(path)
    except DocumentError as exc:
        raise ImportRefused(str(exc)) from exc
    text = extracted.text
    if not text.strip():
        raise ImportRefused("Không đọc được nội dung văn bản (tệp rỗng hoặc chỉ có hình ảnh mờ).")
    try:
        parsed = parse_text(
            text, issuer_hint=issuer_hint, resolve_agency=db_resolver(context_agency)
        )
    except Exception as exc:  # the text is kept for manual entry whatever the parser does
        return text, extracted.ocr_used, None, f"Không phân tích được văn bản: {exc}"
    if not parsed.get("tasks"):
        return text, extracted.ocr_used, parsed, "Không nhận ra nhiệm vụ nào trong văn bản."
    return text, extracted.ocr_used, parsed, ""


def import_document(
    *,
    agency: Agency,
    acting_user: Any,
    name: str,
    data: bytes,
    issuer_hint: str | None = None,
) -> SourceDocument:
    """Read, parse and store one document for review."""
    if not data:
        raise ImportRefused("Tệp rỗng.")
    if len(data) > settings.TTCS_MAX_UPLOAD_BYTES:
        raise ImportRefused("Tệp lớn hơn 25 MB, không nhận.")
    suffix = Path(name).suffix.lower() or ".txt"
    if suffix not in {".txt", ".docx", ".pdf"}:
        raise ImportRefused("Chỉ nhận tệp .docx, .pdf hoặc .txt.")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        text, ocr_used, parsed, error = read_and_parse(
            path, issuer_hint=issuer_hint, context_agency=agency
        )
    return actions.store_document(
        agency=agency,
        acting_user=acting_user,
        data=data,
        original_name=name,
        text=text,
        parsed=parsed,
        ocr_used=ocr_used,
        error=error,
    )
