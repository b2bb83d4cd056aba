"""Parse the text of a plan, directive or dispatch into its header and tasks."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ttcs.plans.parsing.header import (
    find_references,
    issuer_from_preamble,
    parse_header,
    split_segments,
)
from ttcs.plans.parsing.model import (
    AgencyRef,
    DocumentInfo,
    ParseContext,
    ParsedPlan,
    Resolver,
    Task,
)
from ttcs.plans.parsing.names import clean_mention, default_resolver
from ttcs.plans.parsing.structure import Node, build_tree, paragraphs, part_kind
from ttcs.plans.parsing.tasks import RawTask, extract_tasks
from ttcs.plans.parsing.text import clean_line, fold, key, looks_damaged, nfc, squash

__all__ = ["parse_file", "parse_plan", "parse_text"]


def _zones(tree: Node, structured: bool) -> tuple[str, str, str]:
    """(preamble, purpose, closing) texts: where a document says what it carries out."""
    preamble: list[str] = []
    purpose: list[str] = []
    closing: list[str] = []
    seen_structure = False
    for child in tree.children:
        if child.kind == "closing":
            closing.append(child.text)
            continue
        if child.kind in {"roman", "number", "letter"}:
            seen_structure = True
            if child.kind == "roman" and part_kind(child.text) == "purpose":
                purpose.extend(n.text for n in child.iter())
            continue
        if child.kind in {"plain", "bullet"} and (not seen_structure or not structured):
            preamble.append(child.text)
    return "\n".join(preamble), "\n".join(purpose), "\n".join(closing)


_CARRY_OUT = re.compile(r"(trien khai|thuc hien|cu the hoa|theo|can cu|thuc thi)")


def _implements(
    title: str | None, preamble: str, purpose: str, closing: str, own: str | None
) -> list[str]:
    found: list[str] = []

    def add(number: str) -> None:
        if number != own and number not in found and (own is None or key(number) != key(own)):
            found.append(number)

    for ref in find_references(clean_line(title or "")):
        add(ref.number)
    for ref in find_references(clean_line(preamble)):
        clause_start = max(preamble.rfind(";", 0, ref.start), preamble.rfind(".", 0, ref.start))
        clause = fold(preamble[clause_start + 1 : ref.start]).strip()
        normative = bool(re.search(r"/\d{4}/", ref.number))
        if clause.startswith(("can cu", "cin cu", "cén cir", "cen cir")) and normative:
            continue
        if re.search(r"\b(?:theo|xet) de nghi\b", clause) or "/TTr-" in ref.number:
            continue  # the submission that proposed the document is not carried out by it
        add(ref.number)
    for text in (purpose, closing):
        folded = fold(text)
        for ref in find_references(clean_line(text)):
            before = folded[max(0, ref.start - 160) : ref.start]
            if _CARRY_OUT.search(before) and not re.search(r"/\d{4}/", ref.number):
                add(ref.number)
    return found


_Cache = dict[tuple[str, ParseContext], AgencyRef]


def _resolve(
    mention: str, ctx: ParseContext, resolver: Resolver | None, cache: _Cache
) -> AgencyRef:
    # A plan names the same few agencies dozens of times: each is resolved once per document.
    raw = squash(mention)
    hit = cache.get((raw, ctx))
    if hit is not None:
        return hit
    ref = _resolve_once(raw, ctx, resolver)
    cache[(raw, ctx)] = ref
    return ref


def _resolve_once(raw: str, ctx: ParseContext, resolver: Resolver | None) -> AgencyRef:
    fallback = default_resolver(raw, ctx)
    name = fallback.name if fallback else clean_mention(raw)
    agency_id = None
    if resolver is not None:
        try:
            resolved = resolver(name, ctx)
        except Exception:
            resolved = None
        if resolved is not None:
            name, agency_id = resolved.name, resolved.agency_id
    return AgencyRef(raw=raw, name=name, agency_id=agency_id)


def _task(
    raw: RawTask, ctx: ParseContext, resolver: Resolver | None, source: str | None, cache: _Cache
) -> Task:
    return Task(
        ref=raw.ref,
        path=raw.path,
        title=raw.title,
        content=raw.content,
        lead=[_resolve(x, ctx, resolver, cache) for x in raw.leads],
        coordinators=[_resolve(x, ctx, resolver, cache) for x in raw.coordinators],
        timeframe=raw.timeframe,
        form=raw.form,
        shape=raw.shape,
        source=source,
    )


def parse_plan(
    text: str, *, issuer_hint: str | None = None, resolve_agency: Resolver | None = None
) -> ParsedPlan:
    """Parse a document's text.

    Guarantees: never raises on any text; header fields the text does not state are None;
    every task has at least one lead; tasks keep reading order, nested documents included.
    """
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = text.split("\n")
    damaged = looks_damaged(text)
    segments = split_segments(lines)
    outer: DocumentInfo | None = None
    nested: list[DocumentInfo] = []
    tasks: list[Task] = []
    outer_places: list[str] = []
    cache: _Cache = {}
    for index, (start, end) in enumerate(segments):
        seg = lines[start:end]
        header = parse_header(seg, damaged=damaged, issuer_hint=issuer_hint if index == 0 else None)
        info = header.info
        body = seg[header.body_start : header.body_end]
        tree = build_tree(paragraphs(body, damaged=damaged), damaged=damaged)
        structured = any(c.kind in {"roman", "number", "letter"} for c in tree.children)
        preamble, purpose, closing = _zones(tree, structured)
        info.implements = _implements(info.title, preamble, purpose, closing, info.number)
        if info.issuer is None and index == 0:
            inferred = issuer_from_preamble(preamble or "\n".join(body[:30]), info.title)
            if inferred is not None:
                info.issuer, info.raw["issuer"] = inferred
                header.places.append(inferred[0].split(" ", 4)[-1])
        if index == 0:
            outer = info
            outer_places = list(header.places)
        else:
            nested.append(info)
        ctx = ParseContext(
            issuer=info.issuer,
            province=header.province,
            date=info.date,
            places=tuple(dict.fromkeys([*header.places, *outer_places])),
            damaged=damaged,
        )
        prefix = "" if index == 0 else f"{index + 1}:"
        source = info.number
        tasks.extend(
            _task(raw, ctx, resolve_agency, source, cache)
            for raw in extract_tasks(tree, prefix=prefix, structured=structured)
        )
    plan = ParsedPlan(outer or DocumentInfo(), tasks, nested, damaged)
    if not tasks:
        plan.warnings.append("Không nhận ra nhiệm vụ nào có cơ quan chủ trì.")
    if plan.document.number is None:
        plan.warnings.append("Không đọc được số, ký hiệu văn bản.")
    return plan


def parse_text(
    text: str, *, issuer_hint: str | None = None, resolve_agency: Resolver | None = None
) -> dict[str, Any]:
    """The ``ttcs plans parse`` contract object for a document's text."""
    return parse_plan(text, issuer_hint=issuer_hint, resolve_agency=resolve_agency).to_dict()


def parse_file(
    path: str | Path, *, issuer_hint: str | None = None, resolve_agency: Resolver | None = None
) -> dict[str, Any]:
    """Read a .txt/.docx/.pdf file (OCR for scanned pages) and parse it.

    Raises ``DocumentError`` (with a Vietnamese message) for files that are not readable
    documents.
    """
    from ttcs.plans.parsing.extract import extract_text

    extracted = extract_text(path)
    result = parse_text(extracted.text, issuer_hint=issuer_hint, resolve_agency=resolve_agency)
    result["source"] = {
        "method": extracted.method,
        "pages": extracted.pages,
        "ocr_pages": list(extracted.ocr_pages),
        "encoding": extracted.encoding,
    }
    return result
