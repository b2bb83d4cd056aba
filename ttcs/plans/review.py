"""Between the parser's contract JSON and the review forms, and from the forms to a PlanDraft."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ttcs.core.models import Agency
from ttcs.plans.actions import PlanDraft, TaskDraft

MAX_CHOICES = 1500


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _names(entries: list[dict[str, Any]] | None) -> str:
    return "; ".join(e.get("raw") or e.get("name") or "" for e in entries or [])


def initial_forms(parsed: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Initial values for the header form and one task form per parsed task."""
    doc = parsed.get("document") or {}
    header = {
        "number": doc.get("number") or "",
        "doc_type": doc.get("type") or "",
        "title": doc.get("title") or "",
        "issued_on": _date(doc.get("date")),
        "place": doc.get("place") or "",
        "implements": ", ".join(doc.get("implements") or []),
    }
    tasks = []
    for t in parsed.get("tasks") or []:
        tf = t.get("timeframe") or {}
        leads = [e["agency_id"] for e in t.get("lead") or [] if e.get("agency_id")]
        coords = [e["agency_id"] for e in t.get("coordinators") or [] if e.get("agency_id")]
        kind = tf.get("kind") or "unknown"
        tasks.append(
            {
                "include": True,
                "ref": t.get("ref") or "",
                "title": (t.get("title") or t.get("content") or "")[:500],
                "content": t.get("content") or "",
                "lead_raw": _names(t.get("lead")),
                "lead": leads[0] if leads else None,
                "coordinators_raw": _names(t.get("coordinators")),
                "coordinators": coords,
                "timeframe_raw": tf.get("raw") or "",
                "timeframe_kind": kind,
                "start": _date(tf.get("start")),
                "due": _date(tf.get("due")),
                "recurrence": tf.get("recurrence") or "",
                "form": t.get("form") or "",
                # Low confidence: no registry agency for the lead, or a timeframe to review.
                "low_lead": not leads,
                "low_timeframe": kind == "unknown",
            }
        )
    return header, tasks


def agency_choices_for(agency: Agency, parsed: dict[str, Any]) -> list[tuple[int, str]]:
    """Agencies offered on the review page: the importing agency's province (or own subtree),
    plus every agency the parser matched."""
    province = agency.province()
    root = province or agency
    ids = {
        e["agency_id"]
        for t in parsed.get("tasks") or []
        for e in [*(t.get("lead") or []), *(t.get("coordinators") or [])]
        if e.get("agency_id")
    }
    qs = Agency.objects.filter(path__startswith=root.path).active_on()
    rows = list(qs.values_list("pk", "name")[:MAX_CHOICES])
    seen = {pk for pk, _name in rows}
    extra = Agency.objects.filter(pk__in=ids - seen).values_list("pk", "name")
    rows.extend(extra)
    return sorted(rows, key=lambda r: r[1])


def draft_from_forms(header: dict[str, Any], tasks: list[dict[str, Any]]) -> PlanDraft:
    implements = [s.strip() for s in re.split(r"[,;]", header.get("implements") or "") if s.strip()]
    drafts = [
        TaskDraft(
            ref=t["ref"],
            title=t["title"],
            content=t.get("content") or "",
            lead_ids=[t["lead"]] if t.get("lead") else [],
            lead_raw=t.get("lead_raw") or "",
            coordinator_ids=list(t.get("coordinators") or []),
            coordinators_raw=t.get("coordinators_raw") or "",
            form=t.get("form") or "",
            timeframe_raw=t.get("timeframe_raw") or "",
            timeframe_kind=t["timeframe_kind"],
            start=t.get("start"),
            due=t.get("due"),
            recurrence=t.get("recurrence") or "",
        )
        for t in tasks
        if t and t.get("include")
    ]
    return PlanDraft(
        title=header["title"],
        number=header.get("number") or "",
        doc_type=header.get("doc_type") or "",
        issued_on=header.get("issued_on"),
        place=header.get("place") or "",
        implements_numbers=implements,
        tasks=drafts,
    )
