"""Tasks of a plan: assigned duties with a lead agency, read from the document tree.

A task is a duty the text assigns to a named lead. Four shapes are read:

* ``fields`` — a numbered item followed by "Chủ trì / Phối hợp / Thời gian / Hình thức" lines;
* ``section`` — an item headed by an agency ("2. Sở Thông tin và Truyền thông:"): each duty
  (bullet, paragraph or lettered item) under it is a task led by that agency;
* ``inline`` — an item, bullet or sentence that starts with its agency ("8. Đài … phối hợp …",
  "Giao Sở Tư pháp chủ trì …");
* ``table`` — a row of a table with a lead column.

A closing paragraph is not a task, except where it asks named agencies to report by a stated
deadline ("… định kỳ trước ngày 01/12 hằng năm báo cáo …"). Items without a lead (purposes,
requirements, general orientations) are not tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ttcs.plans.parsing.agencies import find_coordinators, split_agencies, take_agencies
from ttcs.plans.parsing.structure import Node, part_kind
from ttcs.plans.parsing.text import fold, key, squash
from ttcs.plans.parsing.timeframe import Timeframe, find_timeframe, parse_timeframe

__all__ = ["RawTask", "extract_tasks"]

_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII"]


@dataclass
class RawTask:
    """A task before its agencies are resolved."""

    ref: str
    path: str
    title: str
    content: str
    leads: list[str]
    coordinators: list[str]
    timeframe: Timeframe
    form: str | None
    shape: str


# Verbs that make "<agency> <verb> …" an assignment rather than a mention.
_LEAD_VERBS = re.compile(
    r"^(?:chu tri|phoi hop|co trach nhiem|chiu trach nhiem|tham muu|to chuc|trien khai|"
    r"thuc hien|xay dung|theo doi|huong dan|nghien cuu|ra soat|day manh|quan ly|bo tri|"
    r"tang cuong|chu dong|kip thoi|can cu|khan truong|nghiem tuc|thuong xuyen|don doc|"
    r"kiem tra|cung cap|de xuat|bao cao|tiep tuc|chi dao|quan triet|pho bien|tuyen truyen|"
    r"dinh huong|duy tri|nang cao|la co quan|la dau moi|tong hop|dam bao|bao dam|tap trung|"
    r"phat huy|cap nhat|van hanh|xu ly|giam sat|danh gia|phat hien|dau tranh|kien toan|"
    r"boi duong|sap xep|phan cong|ho tro|hoan thanh|chuan bi|tham gia|phu trach|lam tot|"
    r"lap|trinh|ban hanh|can doi|tich cuc|dang tai|bien soan|cung|thong tin|truyen thong|"
    r"mo|san xuat|phat song|niem yet|cong khai|cong bo|van dong|phat hanh|to chuc|xay dung|"
    r"nghiem tuc|khan truong|uu tien|day nhanh|rut kinh nghiem|giai dap|tra loi|tiep nhan|"
    r"phan anh|tuyen duong|khen thuong|vu|tham dinh|thong qua|phe duyet|gui|duoc)\b"
)
_ASSIGN_START = re.compile(r"^(?:giao cho|giao|de nghi|yeu cau|phan cong|uy quyen cho)\b")
_EXECUTION_ONLY = re.compile(
    r"\b(?:thi hanh|to chuc thuc hien|thuc hien|trien khai thuc hien) "
    r"(?:nghiem |nghiem tuc |hieu qua )?(?:quyet dinh|chi thi|ke hoach|chuong trinh) nay\b\.?$"
)


def _first_sentence(text: str, limit: int = 220) -> str:
    text = squash(text)
    m = re.search(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ])", text)
    first = text[: m.start()] if m else text
    if len(first) > limit:
        cut = first.rfind(" ", 0, limit)
        first = first[: cut if cut > 0 else limit].rstrip(" ,;") + "…"
    return first.strip()


def _descendant_text(node: Node) -> list[str]:
    out: list[str] = []
    for c in node.children:
        if c.kind in {"bullet", "plain", "number", "letter"}:
            prefix = "- " if c.kind == "bullet" else (f"{c.label}) " if c.kind == "letter" else "")
            if c.kind == "number":
                prefix = f"{c.label}. "
            out.append(prefix + c.text)
            out.extend(_descendant_text(c))
    return out


_INLINE_TIME_RE = re.compile(
    r"\b(?:thoi gian|thoi han|tien do)(?: thuc hien| hoan thanh)?\s*:\s*([^;.\n]+)"
)


def _time_of(fields: dict[str, str], content: str) -> Timeframe:
    raw = fields.get("time")
    if raw:
        return parse_timeframe(raw)
    inline = _INLINE_TIME_RE.search(fold(content))
    if inline:
        # "…; thời gian: thường xuyên." written inside the duty's sentence.
        return parse_timeframe(content[inline.start(1) : inline.end(1)])
    form = fields.get("form")
    if form:
        tf = parse_timeframe(form)
        if tf.kind in {"recurring", "once", "period"}:
            return tf
    found = find_timeframe(content)
    return found if found is not None else Timeframe(raw=None)


def _agency_list(value: str) -> list[str]:
    """The agencies of a lead/coordinator field or column: the whole value names agencies,
    except a clause that follows them ("UBND các huyện xây dựng kế hoạch …")."""
    out: list[str] = []
    for piece in re.split(r"\s*;\s*", value):
        if not piece.strip(" .,"):
            continue
        names, rest = take_agencies(piece)
        if names and (not rest.strip(" .,") or _lead_verb_follows(rest)):
            out.extend(names)
            continue
        # Names the lexicon does not know run to the end ("Vụ Tổ chức cán bộ", "Tỉnh đoàn").
        out.extend(n for n in split_agencies(piece) if len(n) <= 120)
    return out


def _lead_verb_follows(rest: str) -> bool:
    return bool(_LEAD_VERBS.match(key(rest.lstrip(" ,:;-–"))))


@dataclass(frozen=True)
class _Heading:
    names: list[str]
    rest: str  # what follows the agencies ("" when nothing does)
    colon: bool  # "Sở Nội vụ: Hướng dẫn …" rather than "Sở Nội vụ hướng dẫn …"


def _agency_heading(text: str) -> _Heading | None:
    """The agencies a heading or duty opens with, and what follows them; None otherwise."""
    names, rest = take_agencies(text)
    if not names:
        return None
    rest = rest.strip()
    if rest.startswith(":"):
        return _Heading(names, rest[1:].strip(), True)
    if not rest or rest in {".", ";"}:
        return _Heading(names, "", False)
    if _ASSIGN_START.match(key(text)) or _lead_verb_follows(rest):
        return _Heading(names, rest, False)
    # "Sở Tư pháp tỉnh …" with more words before the verb: not a heading we understand.
    return None


_PAREN_RE = re.compile(r"\(([^()]{5,400})\)\s*[.;]?\s*$")
_LEAD_IN_PAREN = re.compile(r"^(?:chu tri|thuc hien|chiu trach nhiem|la dau moi|phu trach)\b")


def _parenthetical(text: str) -> tuple[str, str, list[str]] | None:
    """(text before, text inside, leads) for a duty that ends with its assignment in
    parentheses ("… (Văn phòng Bộ chủ trì; thời gian: hằng quý)."), else None."""
    m = _PAREN_RE.search(text)
    if not m:
        return None
    inner = m.group(1)
    names, rest = take_agencies(inner)
    if not names or not _LEAD_IN_PAREN.match(key(rest)):
        return None
    return text[: m.start()].strip(), inner, names


class _Extractor:
    def __init__(self, prefix: str, structured: bool) -> None:
        self.prefix = prefix
        self.structured = structured
        self.tasks: list[RawTask] = []
        self._root_running = [0]
        self.closing = 0

    # -- emitting -------------------------------------------------------------------------------

    def emit(
        self,
        *,
        ref: str,
        part: str,
        heading: str,
        body: list[str],
        leads: list[str],
        fields: dict[str, str],
        shape: str,
        coordinators: list[str] | None = None,
    ) -> None:
        content = "\n".join(x for x in [heading, *body] if x).strip()
        if not content or not leads:
            return
        if coordinators is None:
            coord_value = fields.get("coord")
            coordinators = _agency_list(coord_value) if coord_value else find_coordinators(content)
        lead_keys = {key(x) for x in leads}
        coordinators = [c for c in coordinators if key(c) not in lead_keys]
        path = ".".join(x for x in (part, ref) if x)
        self.tasks.append(
            RawTask(
                ref=ref,
                path=f"{self.prefix}{path}",
                title=_first_sentence(heading or content),
                content=content,
                leads=leads,
                coordinators=coordinators,
                timeframe=_time_of(fields, content),
                form=fields.get("form") or None,
                shape=shape,
            )
        )

    # -- walking ---------------------------------------------------------------------------------

    def walk_root(self, root: Node) -> None:
        part_no = 0
        for child in root.children:
            if child.kind == "roman":
                part_no += 1
                label = _ROMANS[part_no - 1] if part_no <= len(_ROMANS) else child.label
                kind = part_kind(child.text)
                if kind == "purpose":
                    continue
                self.walk_children(child, part=label, ref_prefix="", part_kind=kind)
            elif child.kind in {"number", "letter"}:
                self.visit_item(child, part="", ref_prefix="", leads=None, part_kind="tasks")
            elif child.kind == "bullet":
                self.visit_bullet(child, part="", ref="", index=0, leads=None)
            elif child.kind == "plain" and not self.structured:
                self.free_sentences(child.text, part="")
            elif child.kind == "table":
                pass
            elif child.kind == "closing":
                self.closing_duties(child.text)
        self.tables(root, part="")

    def walk_children(self, node: Node, *, part: str, ref_prefix: str, part_kind: str) -> None:
        running = [0]
        for child in node.children:
            if child.kind in {"number", "letter"}:
                self.visit_item(
                    child, part=part, ref_prefix=ref_prefix, leads=None, part_kind=part_kind
                )
            elif child.kind == "bullet" and part_kind in {"tasks", "organisation"}:
                running[0] += 1
                self.visit_bullet(child, part=part, ref=ref_prefix, index=running[0], leads=None)
            elif child.kind == "plain" and part_kind in {"tasks", "organisation"}:
                self.free_sentences(child.text, part=part, ref_prefix=ref_prefix, running=running)
        if node.fields.get("lead") and node.kind == "roman":
            self.emit(
                ref="",
                part=part,
                heading=node.text,
                body=_descendant_text(node),
                leads=_agency_list(node.fields["lead"]),
                fields=node.fields,
                shape="fields",
            )
        self.tables(node, part=part)

    def _ref(self, node: Node, ref_prefix: str) -> str:
        label = node.label
        if not ref_prefix:
            return label
        if node.kind == "number" and label.startswith(ref_prefix.split(".")[0] + "."):
            return label
        return f"{ref_prefix}.{label}"

    def visit_item(
        self, node: Node, *, part: str, ref_prefix: str, leads: list[str] | None, part_kind: str
    ) -> None:
        ref = self._ref(node, ref_prefix)
        fields = node.fields
        items = [c for c in node.children if c.kind in {"number", "letter"}]
        if fields.get("lead"):
            body = [c.text for c in node.children if c.kind in {"plain", "bullet"}]
            self.emit(
                ref=ref,
                part=part,
                heading=node.text,
                body=body,
                leads=_agency_list(fields["lead"]),
                fields=fields,
                shape="fields",
            )
            for c in items:
                self.visit_item(c, part=part, ref_prefix=ref, leads=None, part_kind=part_kind)
            return
        paren = _parenthetical(node.text)
        if paren is not None:
            # "1. Xây dựng … (Vụ X chủ trì, phối hợp với …; thời gian: Quý III/2023)."
            heading_text, inner, names = paren
            own = dict(fields)
            time = _INLINE_TIME_RE.search(fold(inner))
            if time and "time" not in own:
                own["time"] = inner[time.start(1) : time.end(1)]
            self.emit(
                ref=ref,
                part=part,
                heading=heading_text,
                body=[c.text for c in node.children if c.kind in {"plain", "bullet"}],
                leads=names,
                fields=own,
                shape="fields",
                coordinators=find_coordinators(inner),
            )
            return
        heading = _agency_heading(node.text)
        if heading is not None:
            names, inline = heading.names, heading.rest
            duties = [c for c in node.children if c.kind in {"bullet", "plain", "number", "letter"}]
            if inline and not inline.endswith(":"):
                body = (
                    []
                    if duties and any(d.kind != "plain" for d in duties)
                    else [d.text for d in duties]
                )
                # "Sở Nội vụ: Hướng dẫn …": the duty is what follows the colon.
                said = inline if heading.colon else node.text
                self.emit(
                    ref=ref,
                    part=part,
                    heading=said,
                    body=body,
                    leads=names,
                    fields=fields,
                    shape="inline",
                )
                if not body:
                    self._duties(
                        duties, part=part, ref=ref, leads=names, part_kind=part_kind, offset=1
                    )
                return
            self._duties(duties, part=part, ref=ref, leads=names, part_kind=part_kind, offset=0)
            return
        if leads:
            self.emit(
                ref=ref,
                part=part,
                heading=node.text,
                body=_descendant_text(node),
                leads=leads,
                fields=fields,
                shape="section",
            )
            return
        if fields.get("time") and part_kind in {"tasks", "organisation"} and not items:
            # A dated duty without a lead line: the lead may still open the text.
            names, rest = take_agencies(node.text)
            if names and _lead_verb_follows(rest):
                self.emit(
                    ref=ref,
                    part=part,
                    heading=node.text,
                    body=[],
                    leads=names,
                    fields=fields,
                    shape="inline",
                )
                return
        running = [0]
        for c in node.children:
            if c.kind in {"number", "letter"}:
                self.visit_item(c, part=part, ref_prefix=ref, leads=None, part_kind=part_kind)
            elif c.kind == "bullet" and part_kind in {"tasks", "organisation"}:
                running[0] += 1
                self.visit_bullet(c, part=part, ref=ref, index=running[0], leads=None)
            elif c.kind == "plain" and part_kind in {"tasks", "organisation"}:
                self.free_sentences(c.text, part=part, ref_prefix=ref, running=running)
        self.tables(node, part=part)

    def _duties(
        self,
        duties: list[Node],
        *,
        part: str,
        ref: str,
        leads: list[str],
        part_kind: str,
        offset: int,
    ) -> None:
        n = offset
        single = offset == 0 and len(duties) == 1 and duties[0].kind in {"plain", "bullet"}
        for d in duties:
            if d.kind in {"number", "letter"}:
                self.visit_item(d, part=part, ref_prefix=ref, leads=leads, part_kind=part_kind)
                continue
            n += 1
            own = _agency_heading(d.text) if d.kind == "bullet" else None
            if own is not None and own.rest:
                # "- Phòng Văn hóa và Thông tin chủ trì …" under "UBND các xã:" names its own lead.
                self.emit(
                    ref=f"{ref}.{n}",
                    part=part,
                    heading=d.text,
                    body=_descendant_text(d),
                    leads=own.names,
                    fields=d.fields,
                    shape="inline",
                )
                continue
            # A section with a single duty is that duty: it keeps the section's number.
            self.emit(
                ref=ref if single else f"{ref}.{n}",
                part=part,
                heading=d.text,
                body=_descendant_text(d),
                leads=leads,
                fields=d.fields,
                shape="section",
            )

    def visit_bullet(
        self, node: Node, *, part: str, ref: str, index: int, leads: list[str] | None
    ) -> None:
        heading = _agency_heading(node.text)
        if heading is None or not heading.rest:
            return
        names = heading.names
        own_ref = f"{ref}.{index}" if ref else str(index)
        self.emit(
            ref=own_ref,
            part=part,
            heading=node.text,
            body=_descendant_text(node),
            leads=names,
            fields=node.fields,
            shape="inline",
        )

    def free_sentences(
        self, text: str, *, part: str, ref_prefix: str = "", running: list[int] | None = None
    ) -> None:
        """Assignments written as sentences: "Giao Sở X chủ trì …; Sở Y bố trí kinh phí …"."""
        clauses = re.split(r"(?<=[.;])\s+(?=\S)", squash(text))
        current: tuple[list[str], list[str]] | None = None
        found: list[tuple[list[str], list[str]]] = []
        for clause in clauses:
            names, rest = take_agencies(clause)
            k = key(clause)
            is_assignment = bool(names) and (
                _ASSIGN_START.match(k) is not None or _lead_verb_follows(rest)
            )
            if is_assignment and _EXECUTION_ONLY.search(k) and not _ASSIGN_START.match(k):
                is_assignment = False
            if is_assignment:
                current = (names, [clause])
                found.append(current)
            elif current is not None:
                current[1].append(clause)
        counter = running if running is not None else self._root_running
        for names, parts in found:
            counter[0] += 1
            ref = f"{ref_prefix}.{counter[0]}" if ref_prefix else str(counter[0])
            heading = " ".join(parts)
            self.emit(
                ref=ref,
                part=part or "",
                heading=heading,
                body=[],
                leads=names,
                fields={},
                shape="inline",
            )

    def closing_duties(self, text: str) -> None:
        """A closing paragraph is a task only where it sets a reporting deadline."""
        for sentence in re.split(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])", squash(text)):
            k = fold(sentence)
            if "bao cao" not in k and "bao cdo" not in k and "bdo cdo" not in k:
                continue
            tf = find_timeframe(sentence)
            if tf is None:
                continue
            names, _ = take_agencies(sentence)
            if not names:
                continue
            self.closing += 1
            ref = f"KL{self.closing}"
            content = squash(sentence)
            self.tasks.append(
                RawTask(
                    ref=ref,
                    path=f"{self.prefix}{ref}",
                    title=_first_sentence(content),
                    content=content,
                    leads=names,
                    coordinators=[],
                    timeframe=tf,
                    form=None,
                    shape="closing",
                )
            )

    # -- tables ----------------------------------------------------------------------------------

    def tables(self, node: Node, *, part: str) -> None:
        raw_rows = [list(c.cells or []) for c in node.children if c.kind == "table" and c.cells]
        if not raw_rows:
            return
        rows: list[list[str]] = []
        for cells in raw_rows:
            if rows and cells and not cells[0].strip() and rows[-1] and rows[-1][0].strip():
                # A row broken across a page: its second half has no number of its own.
                prev = rows[-1]
                rows[-1] = [
                    f"{a} {b}".strip()
                    for a, b in zip(prev, [*cells, *[""] * len(prev)], strict=False)
                ]
                continue
            rows.append(cells)
        columns: dict[str, int] | None = None
        group = ""
        for cells in rows:
            header = _table_header(cells)
            if header is not None:
                columns = header
                continue
            if columns is None:
                continue
            known: dict[str, int] = columns

            def cell(name: str, cells: list[str] = cells, known: dict[str, int] = known) -> str:
                i = known.get(name)
                return cells[i].strip() if i is not None and i < len(cells) else ""

            lead = cell("lead")
            content = cell("content")
            ref = cell("ref").rstrip(".") or ""
            if not lead:
                if content:
                    group = ref or group
                continue
            leads = _agency_list(lead)
            fields = {k: cell(k) for k in ("coord", "time", "form") if cell(k)}
            self.emit(
                ref=ref or f"{group}.{len(self.tasks) + 1}",
                part=part,
                heading=content,
                body=[],
                leads=leads,
                fields=fields,
                shape="table",
            )


_COLUMN_PATTERNS = (
    ("ref", re.compile(r"^(?:stt|tt|so tt|so thu tu)$")),
    (
        "lead",
        re.compile(r"(?:chu tri|don vi thuc hien|co quan thuc hien|thuc hien|chiu trach nhiem)"),
    ),
    ("coord", re.compile(r"phoi hop")),
    ("time", re.compile(r"(?:thoi gian|thoi han|tien do)")),
    ("form", re.compile(r"(?:san pham|hinh thuc|ket qua)")),
    ("content", re.compile(r"(?:noi dung|nhiem vu|hoat dong|cong viec|ten)")),
)


def _table_header(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        k = key(cell)
        for name, pattern in _COLUMN_PATTERNS:
            if name not in found and (pattern.fullmatch(k) if name == "ref" else pattern.search(k)):
                if name == "lead" and "phoi hop" in k:
                    continue
                found[name] = i
                break
    if "lead" in found and "content" in found:
        return found
    return None


def extract_tasks(root: Node, *, prefix: str = "", structured: bool = True) -> list[RawTask]:
    """All tasks of one document's tree, in reading order."""
    ex = _Extractor(prefix, structured)
    ex.walk_root(root)
    return ex.tasks
