"""From the lines of a document body to a tree of parts, numbered items, bullets and fields.

Decree 30/2020 documents are numbered I., II. (parts), 1., 1.1. (items), a), b) (sub-items)
and "-" / "+" (bullets). Wrapped lines (scans, PDFs) are joined into paragraphs; a page break
inside a sentence does not start a new paragraph. Field lines ("- Chủ trì: …", "- Thời gian
thực hiện: …") are attached to the item they describe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ttcs.plans.parsing.text import clean_line, fold, is_junk_line, key, upper_ratio

__all__ = ["Node", "Para", "build_tree", "classify_field", "paragraphs", "part_kind"]

_ROMAN_VALUES = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
}

_ROMAN_RE = re.compile(
    r"^(?:(?:PHẦN|Phần|PHAN|Phan|Phàn)\s+(?:THỨ\s+)?)?([IVXLl1]{1,5})"
    r"(?:\s*[.):/-]\s*|\s+(?=[A-ZĐÀ-Ỹ]{2}))(\S.*)$"
)
_PART_WORD_RE = re.compile(
    r"^(?:PHẦN|Phần|CHƯƠNG|Chương|ĐIỀU|Điều|Dieu|DIEU)\s+(\w+)\s*[.:]?\s*(.*)$"
)
_NUMBER_RE = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\s*[.)]\s*|\s+(?=\S)|(?<=\d)\.(?=[A-ZĐ(]))(.*)$"
)
_TASK_WORD_RE = re.compile(
    r"^(?:Nhiệm vụ|NHIỆM VỤ|Nhiem vu|Hoạt động|HOẠT ĐỘNG|Nội dung|NỘI DUNG)\s+"
    r"(\d{1,2}(?:\.\d{1,2})*)\s*[.:)]\s*(\S.*)$"
)
_LETTER_RE = re.compile(r"^([a-zđ])\s*[).]\s+(\S.*)$")
_BULLET_RE = re.compile(r"^([-+•·▪●◦○*\uf0a7\uf0b7\uf0d8❖➢✓√])\s*(.*)$")
_FIELD_RE = re.compile(r"^([^:]{2,70}?)\s*:\s*(.*)$")

_FIELD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "lead",
        re.compile(
            r"^(?:(?:co quan|don vi|bo phan|cq|dv|chu the)\s+)?"
            r"(?:chu tri|thuc hien|chiu trach nhiem|phu trach|trach nhiem|dau moi)"
            r"(?:\s+(?:thuc hien|tham muu(?: thuc hien)?|chinh|xay dung|trien khai))?$"
        ),
    ),
    ("coord", re.compile(r"^(?:(?:co quan|don vi|cq|dv)\s+)?phoi hop(?:\s+thuc hien)?$")),
    (
        "time",
        re.compile(
            r"^(?:thoi gian|thoi han|tien do|moc thoi gian)"
            r"(?:\s+(?:thuc hien|hoan thanh|trien khai|bat dau|du kien))?"
            r"(?:\s+(?:thoi gian|thoi han|tien do|thuc hien|hoan thanh))*$"
        ),
    ),
    (
        "form",
        re.compile(
            r"^(?:hinh thuc|san pham|ket qua|du kien san pham|du kien ket qua|dau ra"
            r"|san pham dau ra|phuong thuc)(?:\s+(?:thuc hien|dat duoc|so luong|san pham))*$"
        ),
    ),
    ("funding", re.compile(r"^(?:nguon\s+)?kinh phi(?:\s+thuc hien)?$")),
)


_FIELD_LABELS: dict[str, str] = {
    "chu tri": "lead",
    "co quan chu tri": "lead",
    "don vi chu tri": "lead",
    "don vi chu tri thuc hien": "lead",
    "don vi thuc hien": "lead",
    "co quan thuc hien": "lead",
    "phoi hop": "coord",
    "co quan phoi hop": "coord",
    "don vi phoi hop": "coord",
    "thoi gian": "time",
    "thoi gian thuc hien": "time",
    "thoi han": "time",
    "thoi han hoan thanh": "time",
    "tien do": "time",
    "thoi gian hoan thanh": "time",
    "hinh thuc": "form",
    "san pham": "form",
    "ket qua": "form",
}


def classify_field(label: str, *, damaged: bool = False) -> str | None:
    """The field a label names ("Cơ quan chủ trì" → "lead"), or None. With ``damaged``,
    labels a scan has garbled ("Phfi hip", "Thlii gian thi hiln") are recognised too."""
    k = key(label.replace("/", " ")).strip()
    k = re.sub(r"\s+", " ", k)
    for name, pattern in _FIELD_PATTERNS:
        if pattern.match(k):
            return name
    if damaged and 0 < len(k.split()) <= 6:
        best = process.extractOne(k, list(_FIELD_LABELS), scorer=fuzz.ratio, score_cutoff=72)
        if best is not None:
            return _FIELD_LABELS[best[0]]
    # "Thời gian/tiến độ", "Hình thức/số lượng": the first word group decides.
    first = key(label.split("/")[0]).strip()
    if first != k:
        for name, pattern in _FIELD_PATTERNS:
            if pattern.match(first):
                return name
    return None


@dataclass
class Para:
    """One paragraph of the body with its list marker and kind."""

    kind: str  # roman | number | letter | bullet | field | plain | table | closing
    label: str
    text: str
    line: int
    field: str | None = None
    value: str | None = None
    cells: list[str] | None = None
    bullet: str | None = None  # the bullet a field line was written with


def _roman(token: str) -> str | None:
    normalised = token.upper().replace("1", "I").replace("L", "I")
    return normalised if normalised in _ROMAN_VALUES else None


def _classify(line: str, damaged: bool) -> Para:
    if line.count("|") >= 2 and (" | " in line or line.startswith("|")):
        return Para("table", "", line, 0, cells=[c.strip() for c in re.split(r"\s*\|\s*", line)])
    m = _ROMAN_RE.match(line)
    if m and _roman(m.group(1)) and upper_ratio(m.group(2)) >= 0.6 and len(m.group(2)) > 2:
        return Para("roman", _roman(m.group(1)) or "", m.group(2).strip(), 0)
    m = _PART_WORD_RE.match(line)
    if m and upper_ratio(line) >= 0.5:
        return Para("roman", m.group(1).upper(), m.group(2).strip() or line, 0)
    if damaged:
        # Scans read "1." as "1," often enough.
        line = re.sub(r"^(\d{1,2}),(?=\s+[A-ZĐÀ-Ỹa-zà-ỹ])", r"\1.", line)
    m = _TASK_WORD_RE.match(line)
    if m:
        # "Nhiệm vụ 1. …", "Hoạt động 2: …": a numbered item written with its noun.
        return Para("number", m.group(1), m.group(2).strip(), 0)
    m = _NUMBER_RE.match(line)
    if m and m.group(2).strip():
        label = m.group(1)
        rest = m.group(2).strip()
        if not re.match(r"^\d", rest) and not re.match(r"^(?:/|%|-\s*\d)", rest):
            return Para("number", label, rest, 0)
    m = _LETTER_RE.match(line)
    if m:
        fm = _FIELD_RE.match(m.group(2))
        name = classify_field(fm.group(1), damaged=damaged) if fm else None
        if fm and name:
            # "a) Cơ quan chủ trì: …": fields written as lettered lines.
            return Para(
                "field", m.group(1), m.group(2).strip(), 0, field=name, value=fm.group(2).strip()
            )
        return Para("letter", m.group(1), m.group(2).strip(), 0)
    bullet = None
    body = line
    m = _BULLET_RE.match(line)
    if m:
        bullet = "+" if m.group(1) == "+" else "-"
        body = m.group(2).strip()
    fm = _FIELD_RE.match(body)
    if fm:
        name = classify_field(fm.group(1), damaged=damaged)
        if name:
            return Para(
                "field",
                bullet or "",
                body,
                0,
                field=name,
                value=fm.group(2).strip(),
                bullet=bullet,
            )
    if bullet is not None:
        return Para("bullet", bullet, body, 0)
    return Para("plain", "", line, 0)


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.;:!?…]\s*[\"”»)]*$|\./\.$", text.strip()))


def _wrapped(lines: list[str]) -> bool:
    # Scanned and PDF text wraps paragraphs at ~80 characters; Word text keeps one paragraph
    # per line. Long lines mean the latter.
    lengths = [len(x) for x in lines if len(x) > 20]
    if not lengths:
        return True
    lengths.sort()
    median = lengths[len(lengths) // 2]
    return median <= 110


_CLOSING_RE = re.compile(
    r"^(?:tr\w{1,2}n\s+d\w{1,2}y\s+l\w|tren day|trong qua trinh (?:to chuc|trien khai|thuc hien)"
    r"|can cu (?:noi dung )?(?:ke hoach|chi thi|cong van|van ban|quyet dinh|chuong trinh) nay"
    r"|de nghi cac|nhan duoc (?:cong van|van ban)|yeu cau (?:thu truong|giam doc|cac|chu tich)"
    r"|(?:uy ban nhan dan|ubnd) (?:tinh|huyen|thanh pho|thi xa|xa) (?:yeu cau|de nghi))"
)
_EXECUTION_RE = re.compile(
    r"(?:thuc hien|thi hanh|trien khai)(?: nghiem| nghiem tuc| hieu qua)?"
    r" (?:ke hoach|chi thi|cong van|quyet dinh|van ban|chuong trinh) nay"
)
_END_OF_BODY_RE = re.compile(r"^(?:n\w{1,2}i\s+nh\w{1,3}n\s*:?|noi nhan)\b")


def is_closing(text: str) -> bool:
    """True for the closing words of a document ("Trên đây là Kế hoạch …", "… thực hiện
    nghiêm Chỉ thị này")."""
    k = key(text)
    if _CLOSING_RE.match(k):
        return True
    return bool(_EXECUTION_RE.search(k)) and len(k) < 400 and k.endswith(("nay", "nay."))


def is_end_of_body(line: str) -> bool:
    """True for the "Nơi nhận:" line that ends the body of a document."""
    return bool(_END_OF_BODY_RE.match(fold(line).strip()))


def paragraphs(lines: list[str], *, damaged: bool = False) -> list[Para]:
    """Join wrapped lines into classified paragraphs. Junk lines (page numbers, debris) are
    dropped; a page break inside a sentence does not split it.
    """
    cleaned = [clean_line(x) for x in lines]
    if damaged:
        cleaned = [re.sub(r"(?<!\w)\(;(?=\w)", "C", x) for x in cleaned]
    wrapped = _wrapped([x for x in cleaned if x])
    lengths = sorted(len(x) for x in cleaned if len(x) > 20 and "|" not in x)
    # A wrapped line that fills most of the width continues; a short one ends its paragraph.
    full_width = 0.7 * lengths[int(len(lengths) * 0.8)] if lengths else 60.0
    last_length = 0
    out: list[Para] = []
    blank_before = False
    closing = False
    for number, line in enumerate(cleaned):
        if not line:
            blank_before = True
            continue
        if is_junk_line(line) and not re.match(r"^[a-zà-ỹđ]{2,}", line):
            continue
        para = _classify(line, damaged)
        para.line = number
        prev = out[-1] if out else None
        if (
            para.kind == "bullet"
            and prev
            and re.match(r"^\d", para.text)
            and not _ends_sentence(prev.text)
        ):
            para = Para("plain", "", line, number)  # "- 2027 …": a date range wrapped at its dash
        if para.kind == "plain" and prev is not None and prev.kind != "table":
            starts_low = bool(re.match(r"^[a-zà-ỹđ0-9(\"“]", line))
            unfinished = not _ends_sentence(prev.text)
            join = False
            if wrapped and not blank_before:
                join = starts_low or (last_length >= full_width and prev.kind != "roman")
            elif unfinished and (
                starts_low or (not blank_before and prev.kind in {"number", "roman", "letter"})
            ):
                join = True
            if join:
                _append(prev, line)
                blank_before = False
                last_length = len(line)
                continue
        if para.kind == "plain" and is_closing(line):
            closing = True
        if closing and para.kind in {"plain", "bullet"}:
            para.kind = "closing"
        out.append(para)
        blank_before = False
        last_length = len(line)
    return out


def _append(prev: Para, line: str) -> None:
    joiner = "" if prev.text.endswith("-") and not prev.text.endswith(" -") else " "
    prev.text = f"{prev.text}{joiner}{line}".strip()
    if prev.kind == "field" and prev.value is not None:
        prev.value = f"{prev.value}{joiner}{line}".strip()


@dataclass
class Node:
    """An item of the document tree."""

    kind: str  # root | roman | number | letter | bullet | plain | closing | table
    label: str
    text: str
    level: int
    line: int = 0
    children: list[Node] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: list[str] = field(default_factory=list)
    cells: list[str] | None = None

    def iter(self) -> list[Node]:
        """This node and every descendant, in document order."""
        out = [self]
        for c in self.children:
            out.extend(c.iter())
        return out


def _level(p: Para) -> int:
    if p.kind == "roman":
        return 0
    if p.kind == "number":
        return p.label.count(".") + 1
    if p.kind == "letter":
        return 6
    if p.kind == "bullet":
        return 8 if p.label == "+" else 7
    return 9


_NEXT_LABEL_RE = re.compile(r"[;.]\s*([^:;.()]{2,40}?)\s*:\s*")


def split_fields(name: str, value: str, *, damaged: bool = False) -> list[tuple[str, str]]:
    """ "Sở Nội vụ; phối hợp: Sở Tư pháp; thời gian: Quý III/2023" written on one field line
    → [("lead", "Sở Nội vụ"), ("coord", "Sở Tư pháp"), ("time", "Quý III/2023")]."""
    out: list[tuple[str, str]] = []
    start = 0
    current = name
    for m in _NEXT_LABEL_RE.finditer(value):
        label = classify_field(m.group(1), damaged=damaged)
        if label is None:
            continue
        out.append((current, value[start : m.start()].strip()))
        current, start = label, m.end()
    out.append((current, value[start:].strip()))
    return [(n, v) for n, v in out if v]


def build_tree(paras: list[Para], *, damaged: bool = False) -> Node:
    """Nest paragraphs by their markers; fields attach to the nearest numbered item."""
    root = Node("root", "", "", -1)
    stack: list[Node] = [root]
    for p in paras:
        if p.kind == "closing":
            root.children.append(Node("closing", "", p.text, 99, p.line))
            continue
        if p.kind == "field":
            while len(stack) > 1 and stack[-1].kind in {"bullet"}:
                stack.pop()
            target = stack[-1]
            for name, value in split_fields(p.field or "other", p.value or "", damaged=damaged):
                if name in target.fields:
                    target.fields[name] += "; " + value
                else:
                    target.fields[name] = value
            target.field_lines.append(p.text)
            continue
        if p.kind in {"plain", "table"}:
            while len(stack) > 1 and stack[-1].kind == "bullet":
                stack.pop()
            stack[-1].children.append(Node(p.kind, "", p.text, 9, p.line, cells=p.cells))
            continue
        level = _level(p)
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        node = Node(p.kind, p.label, p.text, level, p.line)
        stack[-1].children.append(node)
        stack.append(node)
    return root


def part_kind(title: str) -> str:
    """What a part (roman heading) is about: purpose, tasks, organisation, funding, other."""
    k = key(title)
    purpose = r"\b(muc dich|yeu cau|quan diem|muc tieu|can cu|tinh hinh|ket qua dat duoc)\b"
    if re.search(purpose, k) and not re.search(r"\b(nhiem vu|giai phap|to chuc thuc hien)\b", k):
        return "purpose"
    if re.search(r"\bkinh phi\b", k) and "nhiem vu" not in k:
        return "funding"
    if re.search(r"\b(to chuc thuc hien|trach nhiem|phan cong)\b", k):
        return "organisation"
    if re.search(r"\b(phuong thuc|hinh thuc truyen thong)\b", k):
        return "methods"
    return "tasks"
