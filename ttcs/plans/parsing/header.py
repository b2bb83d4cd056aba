"""The header of a Decree 30/2020 document: issuer, number and symbol, place and date, type
word, title, and the higher documents it carries out.

Also splits a file that holds several documents (a dispatch quoting a dispatch quoting a
directive) at each national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ttcs.plans.parsing.lexicon import (
    DOC_TYPE_WORDS,
    GENERIC_AGENCIES,
    LEVEL_WORDS,
    TYPE_CODES,
    places,
)
from ttcs.plans.parsing.model import DocumentInfo, ParseContext
from ttcs.plans.parsing.names import clean_mention, expand_abbreviations, restore_name
from ttcs.plans.parsing.structure import is_end_of_body
from ttcs.plans.parsing.text import clean_line, fold, is_junk_line, key, squash, upper_ratio

__all__ = [
    "Header",
    "find_references",
    "normalise_reference",
    "parse_header",
    "split_segments",
]

# --- segments ---------------------------------------------------------------------------------

_MOTTO_RE = re.compile(r"c\w{1,2}ng\s*h\w{1,3}\s*x\w{1,2}\s*h\w{1,3}\s*ch\w{1,2}\s*ngh")
_MOTTO_CUT_RE = re.compile(
    r"c[o0ô]ng\s*h[o0ò][a4]\s*x[a4]|\b[dpđ]\w{0,3}c\s+l\w{0,3}p\s*[-–—]"
    r"|\bt\w{0,2}\s+do\s*[-–—]\s*h\w{1,3}nh"
)
# Pieces of the motto that wrap onto a line of their own ("VIỆT NAM").
_MOTTO_PIECES = frozenset({"viet nam", "chu nghia viet nam", "nghia viet nam", "hanh phuc"})
_ISSUER_HEAD_RE = re.compile(
    r"^(?:uy ban|ubnd|bo |thu tuong|chinh phu|so |phong |van phong|ban |hoi dong|cong an"
    r"|tinh uy|thanh uy|huyen uy|dang bo|truong |trung tam|cuc |tong cuc|chi cuc|thanh tra"
    r"|dai |bao |hoi )"
)


def _is_motto(line: str) -> bool:
    return bool(_MOTTO_RE.search(fold(line)))


def split_segments(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the documents in a file, outermost first."""
    mottos = [i for i, line in enumerate(lines) if _is_motto(line)]
    starts = [0]
    last_end = 0
    for m in mottos:
        if m < 15:
            continue  # the outer document's own header
        if any(is_end_of_body(lines[j]) for j in range(last_end, m)) or m - last_end > 15:
            start = m
            for j in range(m, max(last_end, m - 12) - 1, -1):
                k = key(lines[j])
                if k and upper_ratio(lines[j]) > 0.6 and _ISSUER_HEAD_RE.match(k + " "):
                    start = j
            if start - starts[-1] > 5:
                starts.append(start)
                last_end = start
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(lines)], strict=True)]


# --- numbers and symbols ----------------------------------------------------------------------

_SYMBOL_FIXES: tuple[tuple[str, str], ...] = (
    (r"(?<![A-Za-zĐđ])QD(?![A-Za-z])", "QĐ"),
    (r"(?<![A-Za-zĐđ])N[DB](?=-CP\b)", "NĐ"),
    (r"(?<![A-Za-zĐđ])ND(?![A-Za-z])", "NĐ"),
    (r"(?<![A-Za-zĐđ])HDND(?![A-Za-z])", "HĐND"),
    (r"(?<![A-Za-zĐđ])CD(?=-)", "CĐ"),
)
_REF_RE = re.compile(
    r"(?<![\w/])(\d{1,5})\s*([/-])\s*((?:\d{4}\s*/\s*)?[A-ZĐ][A-Za-zĐđ&]*"
    r"(?:(?:(?:\s*[-–—]+)+\s*|\s+(?=[A-ZĐ]{2}))[A-ZĐ][A-Za-zĐđ&0-9]*"
    r"|\s*/\s*[A-ZĐ][A-Za-zĐđ&]*){0,4})"
)


def _initials(name: str) -> str:
    unit = re.split(r"\s(?:tỉnh|huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s", f"{name} ")[0]
    words = [w for w in re.findall(r"[^\W\d_]+", unit) if w.lower() not in {"và", "va"}]
    return "".join(w[0].upper() if w[0] in "đĐ" else fold(w[0]).upper() for w in words)


def normalise_reference(
    number: str, symbol: str, *, pad: bool = True, issuer: str | None = None
) -> str:
    """ "7", "CT- -TTg" → "07/CT-TTg": dashes unified, OCR slips in type codes repaired
    ("QD" → "QĐ"), a one-digit number padded to two as registers write it.

    With ``issuer``, a code equal to the issuer's initials but for "Đ" is written with "Đ"
    ("PGDDT" for "Phòng Giáo dục và Đào tạo" → "PGDĐT").
    """
    sym = re.sub(r"\s*[-–—]+(?:\s*-+)*\s*", "-", symbol.strip())
    sym = re.sub(r"\s*/\s*", "/", sym)
    sym = re.sub(r"\s+", "-", sym)
    for pattern, repl in _SYMBOL_FIXES:
        sym = re.sub(pattern, repl, sym)
    if issuer:
        initials = _initials(issuer)
        parts = sym.split("-")
        for i, part in enumerate(parts):
            if "Đ" in initials and part == fold(initials).upper() and part != initials:
                parts[i] = initials
        sym = "-".join(parts)
    num = number.strip()
    if pad:
        num = num.lstrip("0") or "0"
        if len(num) == 1:
            num = "0" + num
    return f"{num}/{sym}"


_TYPE_WORD_RE = re.compile(
    r"(chi thi|ke hoach|quyet dinh|cong van|chuong trinh|nghi quyet|thong bao|huong dan|de an"
    r"|van ban|cong dien|nghi dinh|thong tu|ket luan|to trinh|bao cao|ch\w? th\w?|k\w? ho\w{1,3})"
    r"\s+(?:s\S{0,2}\s*)?[:.]?\s*$"
)


_TYPE_WORD_CODES = {
    "chi thi": "CT",
    "ke hoach": "KH",
    "quyet dinh": "QD",
    "chuong trinh": "CTr",
    "thong bao": "TB",
    "huong dan": "HD",
    "nghi quyet": "NQ",
}


@dataclass(frozen=True)
class Reference:
    """A document number found in the text, normalised, with where it was found."""

    number: str
    start: int
    end: int
    type_word: str | None


def find_references(text: str) -> list[Reference]:
    """Every "<type word> số N/SYMBOL" (or a bare N/SYMBOL with a known type code) in text."""
    out: list[Reference] = []
    folded = fold(text)
    for m in _REF_RE.finditer(text):
        number, sep, symbol = m.group(1), m.group(2), m.group(3)
        before = folded[max(0, m.start() - 30) : m.start()]
        tw = _TYPE_WORD_RE.search(before)
        if sep == "-":
            # Party documents: "22-CT/TU".
            pm = re.match(r"([A-Z]{1,3})/([A-ZĐ][A-Za-zĐđ]*)", symbol)
            if not pm:
                continue
            out.append(Reference(f"{number}-{pm.group(1)}/{pm.group(2)}", m.start(), m.end(), None))
            continue
        sym = symbol.strip()
        code = re.split(r"[-/]", re.sub(r"^\d{4}\s*/\s*", "", sym))[0]
        expected = _TYPE_WORD_CODES.get(key(tw.group(1))) if tw else None
        if expected and fold(code).upper() != fold(expected).upper():
            continue  # "Chỉ thị số 07/CE-ITg": a scan garbled the symbol; not certain
        if tw is None and code not in TYPE_CODES and not re.match(r"^(?:UBND|BTTTT)", code):
            continue
        if len(sym) < 2:
            continue
        out.append(
            Reference(
                normalise_reference(number, sym), m.start(), m.end(), tw.group(1) if tw else None
            )
        )
    return out


# --- header -----------------------------------------------------------------------------------

_NUMBER_LINE_RE = re.compile(r"^\W{0,3}[Ss]\S{0,2}\s*[:;.]?\s*\d")
_DATE_RE = re.compile(
    r"(?P<place>[^,]{2,60}?)\s*,\s*ng\w{0,3}\s*(?P<d>\d{1,2})\s*(?:th\w{2,4}|/|-|\.)\s*"
    r"(?P<m>\d{1,2})"
    r"\s*(?:n\w{1,3}|/|-|\.)\s*(?P<y>\d{4})"
)
_VV_RE = re.compile(r"^\s*v\s*/\s*v\b\.?\s*:?\s*", re.IGNORECASE)
_KINH_GUI_RE = re.compile(r"^k\w{1,3}nh\s+g\w{1,3}i\b")
_BODY_START_RE = re.compile(
    r"^(?:th\w{1,3}c\s+h\w{1,3}n|c\w{1,2}n\s+c\w{1,2}\b|d\w?e\s|nh\w{1,2}m\s|theo\s"
    r"|tr\w{1,2}n\s+c\w{1,2}\s+s"
    r"|ngay\s+\d|xet\s|sau\s+khi|de\s+|thu\s+tuong\s+chinh\s+phu\s+yeu|i\s*[.)]\s)"
)


@dataclass
class Header:
    """A parsed header and where the body starts."""

    info: DocumentInfo
    body_start: int
    body_end: int
    places: list[str] = field(default_factory=list)
    province: str | None = None


def _type_line(lines: list[str], limit: int, damaged: bool) -> tuple[int, str] | None:
    for i, line in enumerate(lines[:limit]):
        if not line.strip() or upper_ratio(line) < 0.7:
            continue
        k = key(line)
        if k in DOC_TYPE_WORDS:
            return i, DOC_TYPE_WORDS[k]
        if damaged and len(k) <= 20:
            # "KI HOUCH" is a damaged "KẾ HOẠCH": short upper-case lines only.
            best = process.extractOne(k, list(DOC_TYPE_WORDS), scorer=fuzz.ratio, score_cutoff=70)
            if best is not None:
                return i, DOC_TYPE_WORDS[best[0]]
    return None


_LIST_MARK_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[IVX]{1,4}\.|[-+•])\s")


def _title_after(cleaned: list[str], raw: list[str], start: int) -> tuple[list[str], int]:
    """The title lines after the type word, and the index where the body starts.

    Read paragraph by paragraph (runs of non-blank lines): the title ends before a paragraph
    that reads as body text (ends with ":", ";" or "." or opens with "Thực hiện", "Căn cứ"…),
    an upper-case line (the signing authority of a decision) or a "(Ban hành kèm theo …)".
    """
    title: list[str] = []
    i = start
    paragraphs = 0
    while i < len(cleaned) and len(title) < 8:
        while i < len(cleaned) and (not cleaned[i] or is_junk_line(cleaned[i])):
            i += 1
        j = i
        block: list[str] = []
        while j < len(cleaned) and cleaned[j] and "\t" not in raw[j]:
            if block and upper_ratio(cleaned[j]) > 0.8 and upper_ratio(block[-1]) <= 0.8:
                break
            # PDF text has no blank lines: the body's first line also ends the title.
            later = fold(cleaned[j])
            if block and _LIST_MARK_RE.match(cleaned[j]):
                break
            if block and (
                _BODY_START_RE.match(later)
                or re.match(r"^\((?:ban hanh|kem theo)", later)
                or re.search(r"[;:.]$", block[-1])
            ):
                break
            block.append(cleaned[j])
            j += 1
        if not block:
            break
        if _LIST_MARK_RE.match(block[0]):
            break  # the body's first item: this document has no title line
        first = fold(block[0])
        body_like = bool(re.search(r"[;:.]$", block[-1])) and (paragraphs > 0 or len(block) > 3)
        if title and (
            body_like
            or _BODY_START_RE.match(first)
            or upper_ratio(block[0]) > 0.8
            or re.match(r"^\((?:ban hanh|kem theo)", first)
            or re.match(r"^[-_=.*]{3,}$", block[0])
        ):
            break
        if not title and (_BODY_START_RE.match(first) and len(block) > 3):
            break
        if re.match(r"^\((?:ban hanh|kem theo)", first):
            break
        title.extend(block)
        paragraphs += 1
        i = j
        if re.search(r"[;:.]$", block[-1]):
            break
    return title, i


def _strip_motto(line: str) -> str:
    m = _MOTTO_CUT_RE.search(fold(line))
    return line[: m.start()].strip() if m else line


def _proper_body(text: str, damaged: bool, ctx: ParseContext) -> str:
    """An upper-case header body written as Decree 30 writes names in running text."""
    text = squash(expand_abbreviations(text))
    if damaged:
        restored = restore_name(text.lower(), ctx)
        if restored:
            return restored
    else:
        # Clean text keeps its own letters; only the capitals come from the lexicon.
        lowered = text.lower()
        for name in _NAMES_LONGEST_FIRST:
            if lowered == name.lower() or lowered.startswith(name.lower() + " "):
                rest = text[len(name) :].strip()
                return f"{name} {_decree_case(rest, damaged, after_head=False)}".strip()
    return _decree_case(text, damaged, after_head=True)


_NAMES_LONGEST_FIRST = sorted(GENERIC_AGENCIES, key=len, reverse=True)


def _decree_case(text: str, damaged: bool, *, after_head: bool) -> str:
    """Capitals as Decree 30 writes an agency name: the head and the first syllable of each
    field; place names after a level word title-cased; other syllables lower-case."""
    words = text.lower().split()
    levels = set(LEVEL_WORDS.values())
    out: list[str] = []
    in_place = False
    cap_next = after_head
    i = 0
    while i < len(words):
        w = words[i]
        pair = " ".join(words[i : i + 2])
        # "Quản" folds like "quận": only a damaged header compares levels without accents.
        if pair in levels or (damaged and fold(pair) in LEVEL_WORDS):
            out.extend(words[i : i + 2])
            i += 2
            in_place = True
            continue
        if w in levels or (damaged and fold(w) in LEVEL_WORDS):
            out.append(w)
            i += 1
            in_place = True
            continue
        out.append(w[:1].upper() + w[1:] if in_place or cap_next else w)
        i += 1
        head = fold(" ".join(words[:i]))
        cap_next = head in _HEADS_BEFORE_FIELD or fold(w) in {"va", "-"} or w.endswith(",")
    return " ".join(out)


_HEADS_BEFORE_FIELD = frozenset(
    {
        "so", "phong", "bo", "ban", "cuc", "vu", "hoi", "vien", "truong", "trung tam",
        "van phong", "chi cuc", "tong cuc", "ban quan ly", "cong ty", "thanh tra",
    }
)  # fmt: skip


def _issuer(lines: list[str], damaged: bool, ctx: ParseContext) -> tuple[str | None, str | None]:
    bodies: list[str] = []
    for line in lines:
        k = key(line)
        # A line starts a new body only with a head word ("SỞ …", "PHÒNG …"); anything else
        # ("TỈNH SÓC TRĂNG", "THÔNG" wrapped from "TRUYỀN") continues the line above.
        joins = bool(bodies) and not _ISSUER_HEAD_RE.match(k + " ")
        if joins:
            bodies[-1] = f"{bodies[-1]} {line}"
        else:
            bodies.append(line)
    if not bodies:
        return None, None
    raw = " / ".join(lines)
    body = bodies[-1]
    name = _proper_body(body, damaged, ctx)
    # Decree 30 writes the city named after a person with a capital: "Thành phố Hồ Chí Minh".
    name = re.sub(r"\bthành phố Hồ Chí Minh\b", "Thành phố Hồ Chí Minh", name)
    if len(bodies) > 1:
        parent = squash(expand_abbreviations(bodies[-2]))
        pk = key(parent)
        has_level = any(f" {lw} " in f" {key(body)} " for lw in LEVEL_WORDS)
        if pk.startswith("uy ban nhan dan") and not has_level:
            parent_name = _proper_body(parent, damaged, ctx)
            m = re.search(
                r"\b(tỉnh|huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\b.*$", parent_name
            )
            if m:
                name = f"{name} {m.group(0)}"
    return name, raw


def _places_in(name: str | None) -> list[str]:
    if not name:
        return []
    m = re.search(r"\b(?:tỉnh|huyện|thị xã|thành phố|quận|xã|phường|thị trấn)\s+(.+)$", name)
    return [m.group(1).strip()] if m else []


def _province_of(name: str | None) -> str | None:
    if not name:
        return None
    m = re.search(r"\b(?:tỉnh|thành phố)\s+(.+)$", name)
    if m and m.group(1).strip() in places().provinces:
        return m.group(1).strip()
    return None


def _restore_place(raw: str, damaged: bool, known: list[str]) -> str:
    text = squash(raw)
    if not damaged:
        return text
    k = key(text)
    for name in known:
        if key(name) == k:
            return name
    for name in known:
        if fuzz.ratio(key(name), k) >= 70:
            return name
    forms = places().by_key.get(k)
    if forms and len(forms) == 1:
        return next(iter(forms))
    return text


def parse_header(lines: list[str], *, damaged: bool, issuer_hint: str | None = None) -> Header:
    """Read the header of one document (``lines`` is that document only)."""
    cleaned = [clean_line(x) for x in lines]
    info = DocumentInfo()
    limit = min(len(cleaned), 45)
    type_at = _type_line(cleaned, limit, damaged)
    vv_at = next((i for i in range(limit) if _VV_RE.match(cleaned[i])), None)
    kg_at = next((i for i in range(limit) if _KINH_GUI_RE.match(fold(cleaned[i]))), None)
    header_end = min(
        x for x in (type_at[0] if type_at else None, vv_at, kg_at, limit) if x is not None
    )

    # Number and symbol.
    number_at = None
    number_span: tuple[int, int] | None = None
    for i in range(header_end if header_end else limit):
        line = cleaned[i]
        if _NUMBER_LINE_RE.match(line):
            m = _REF_RE.search(line)
            if m and m.group(2) == "/":
                number_at = i
                number_span = m.span()
                info.raw["number"] = line[: m.end()].strip()
                break
    # Issuer lines: upper-case lines before the number (or the type word), motto removed.
    issuer_lines: list[str] = []
    stop = number_at if number_at is not None else header_end
    for i in range(stop):
        line = _strip_motto(cleaned[i])
        if not line or is_junk_line(line) or _DATE_RE.search(fold(line)) or _is_motto(line):
            continue
        if key(line) in _MOTTO_PIECES:
            continue
        if re.fullmatch(r"[-_=.*\s]+", line):
            continue
        if upper_ratio(line) < 0.7 or len(key(line)) < 3:
            if issuer_lines:
                break
            continue
        issuer_lines.append(line)
    if number_at is not None and not issuer_lines:
        left = _strip_motto(cleaned[number_at][: number_span[0] if number_span else 0])
        if upper_ratio(left) > 0.7 and len(key(left)) > 3:
            issuer_lines.append(left)
    ctx = ParseContext(damaged=damaged)
    issuer, issuer_raw = _issuer(issuer_lines, damaged, ctx)
    info.raw["issuer"] = issuer_raw
    known_places = _places_in(issuer)
    if issuer:
        ctx = ParseContext(issuer=issuer, places=tuple(known_places), damaged=damaged)
        issuer, _ = _issuer(issuer_lines, damaged, ctx)
        known_places = _places_in(issuer)
    info.issuer = issuer

    # Number (needs the issuer for "PGDDT" → "PGDĐT").
    if number_at is not None and number_span is not None:
        m = _REF_RE.search(cleaned[number_at])
        if m:
            info.number = normalise_reference(m.group(1), m.group(3), pad=False, issuer=issuer)
            code = info.number.split("/", 1)[1].split("-")[0]
            info.type = code if code in TYPE_CODES else None
    # Place and date: the first date line of the header zone (right column).
    search_end = min(
        len(cleaned), max(header_end, type_at[0] if type_at else 0, kg_at or 0) + 6, 50
    )
    for i in range(search_end):
        line = cleaned[i]
        if i == number_at and number_span is not None:
            line = line[number_span[1] :]
        m = _DATE_RE.search(fold(line))
        if not m and i + 1 < len(cleaned) and re.search(r"ng\w{0,3}\s*\d{1,2}\b", fold(line)):
            # "…, ngày 14 tháng 7" / "năm 2023": the date wrapped in a narrow column.
            line = f"{line} {cleaned[i + 1]}"
            m = _DATE_RE.search(fold(line))
        if not m:
            continue
        try:
            info.date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            info.date = None
        place_raw = line[m.start("place") : m.end("place")].strip(" ,.;*")
        place_raw = re.sub(r"^.*\)\s*", "", place_raw)
        info.raw["date"] = line[m.start("d") : m.end("y")]
        info.raw["place"] = place_raw
        info.place = _restore_place(place_raw, damaged, known_places) if place_raw else None
        if info.place and info.place not in known_places:
            known_places.append(info.place)
        break

    # Type word and title.
    body_start = header_end
    title_lines: list[str] = []
    if type_at is not None:
        type_line, code = type_at
        info.raw["type"] = cleaned[type_line]
        if info.number is None:
            info.type = code or None
        title_lines, body_start = _title_after(cleaned, lines, type_line + 1)
    elif vv_at is not None:
        i = vv_at
        first = _VV_RE.sub("", cleaned[vv_at]).strip()
        title_lines = [first] if first else []
        i += 1
        while i < len(cleaned) and len(title_lines) < 6:
            line = cleaned[i]
            if (
                not line
                or _is_motto(line)
                or _KINH_GUI_RE.match(fold(line))
                or _DATE_RE.search(fold(line))
                or upper_ratio(line) > 0.8
            ):
                break
            title_lines.append(line)
            i += 1
        body_start = max(i, (kg_at or 0))
    if title_lines:
        info.title = squash(" ".join(title_lines)).strip(" .")
        info.raw["title"] = info.title
    # "Kính gửi:" list: the body starts after it.
    kg = next(
        (
            j
            for j in range(body_start, min(len(cleaned), body_start + 15))
            if _KINH_GUI_RE.match(fold(cleaned[j]))
        ),
        None,
    )
    if kg is not None:
        j = kg + 1
        while j < len(cleaned) and (not cleaned[j] or cleaned[j].startswith(("-", "+", "•"))):
            j += 1
        body_start = j
    body_end = next(
        (j for j in range(body_start, len(cleaned)) if is_end_of_body(cleaned[j])), len(cleaned)
    )
    if info.issuer is None and issuer_hint:
        info.issuer = clean_mention(issuer_hint)
        info.raw["issuer"] = issuer_hint
    return Header(info, body_start, body_end, known_places, _province_of(info.issuer))


_ISSUED_BY_RE = re.compile(
    r"\b(uy ban nhan dan|ubnd) (tinh|thanh pho|huyen|thi xa|quan|xa|phuong)\b[^.;:]{0,40}?"
    r"\bban hanh (?:ke hoach|chuong trinh|chi thi|huong dan)"
)
_TERRITORY_RE = re.compile(r"tren dia ban (tinh|thanh pho|huyen|thi xa|quan) (\S+(?:\s+\S+){0,3})")


def issuer_from_preamble(text: str, title: str | None) -> tuple[str, str] | None:
    """ "UBND tỉnh ban hành Kế hoạch … trên địa bàn tỉnh Thái Nguyên" states its issuer even
    without a header: (name, the words it was read from), or None.
    """
    k = fold(text)
    m = _ISSUED_BY_RE.search(k)
    if not m:
        return None
    level = m.group(2)
    sentence_end = text.find(":", m.end())
    scope = text[m.start() : sentence_end if sentence_end > 0 else m.end() + 400]
    for source in (scope, title or ""):
        folded = fold(source)
        for t in _TERRITORY_RE.finditer(folded):
            if t.group(1) != level:
                continue
            words = source[t.start(2) : t.end(2)].split()
            name_words: list[str] = []
            for w in words:
                if not w[:1].isupper():
                    break
                name_words.append(w.strip(" ,.;:("))
            if name_words:
                place = " ".join(name_words)
                return f"Ủy ban nhân dân {LEVEL_WORDS[level]} {place}", text[m.start() : m.end()]
    return None
