"""Words of Vietnamese administration the parser recognises and restores.

Generic agency names (without a place), categories of agencies, document types and place
names. Place names come from the ``vietnamadminunits`` data files (63 provinces before and 34
after 1/7/2025, districts before 2025); without that package only the generic words are known.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ttcs.plans.parsing.text import key

__all__ = [
    "CATEGORY_NOUNS",
    "DOC_TYPE_WORDS",
    "DUTY_VERBS",
    "GENERIC_AGENCIES",
    "LEVEL_WORDS",
    "NAME_PHRASES",
    "PERSON_TITLES",
    "TYPE_CODES",
    "Vocabulary",
    "places",
    "vocabulary",
]

# Generic names of agencies as Decree 30/2020 writes them (capitals on the head word and on
# the first syllable of each field). A place qualifier ("tỉnh Sóc Trăng") is added by the text.
GENERIC_AGENCIES: tuple[str, ...] = (
    # Government and ministries
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Văn phòng Chính phủ",
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Giao thông vận tải",
    "Bộ Xây dựng",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Thông tin và Truyền thông",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Bộ Dân tộc và Tôn giáo",
    "Ủy ban Dân tộc",
    "Ngân hàng Nhà nước Việt Nam",
    "Thanh tra Chính phủ",
    "Đài Truyền hình Việt Nam",
    "Đài Tiếng nói Việt Nam",
    "Thông tấn xã Việt Nam",
    "Ban Tuyên giáo Trung ương",
    "Ban Tuyên giáo và Dân vận Trung ương",
    "Hội Nhà báo Việt Nam",
    "Bảo hiểm xã hội Việt Nam",
    "Kiểm toán nhà nước",
    "Ủy ban trung ương Mặt trận Tổ quốc Việt Nam",
    "Cục Báo chí",
    "Cục Phát thanh, truyền hình và thông tin điện tử",
    "Cục Thông tin cơ sở",
    "Cục Thông tin đối ngoại",
    "Cổng Thông tin điện tử Chính phủ",
    "Báo Điện tử Chính phủ",
    "Vụ Truyền thông và Thi đua, khen thưởng",
    "Cục Quản lý Khám, chữa bệnh",
    "Cục Báo chí, Bộ Thông tin và Truyền thông",
    "Vụ Thi đua - Khen thưởng",
    "Vụ Pháp chế",
    "Vụ Tổ chức cán bộ",
    "Vụ Kế hoạch - Tài chính",
    "Văn phòng Bộ",
    "Thanh tra Bộ",
    # Province level
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Văn phòng Ủy ban nhân dân",
    "Văn phòng Hội đồng nhân dân",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Kế hoạch và Đầu tư",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Nông nghiệp và Môi trường",
    "Sở Giao thông vận tải",
    "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Văn hóa, Thể thao",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo",
    "Sở Quy hoạch - Kiến trúc",
    "Sở Văn hóa - Thông tin",
    "Thanh tra tỉnh",
    "Ban Dân tộc",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Tuyên giáo Thành ủy",
    "Hội Nhà báo tỉnh",
    "Đài Phát thanh và Truyền hình",
    "Đài Phát thanh - Truyền hình",
    "Cổng Thông tin điện tử tỉnh",
    "Trung tâm Truyền thông tỉnh",
    "Trung tâm Thông tin tỉnh",
    "Ban Quản lý các khu công nghiệp",
    "Kho bạc Nhà nước",
    "Cục Thuế",
    "Cục Hải quan",
    "Cục Thống kê",
    "Bảo hiểm xã hội tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Liên đoàn Lao động",
    "Hội Cựu chiến binh",
    "Liên minh Hợp tác xã",
    "Tạp chí Văn nghệ",
    "Hội Văn học Nghệ thuật",
    # District and commune level
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Kinh tế",
    "Phòng Kinh tế và Hạ tầng",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Quản lý đô thị",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Văn hóa - Thông tin",
    "Phòng Văn hóa - Xã hội",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Nông nghiệp và Môi trường",
    "Phòng Dân tộc",
    "Thanh tra huyện",
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Trung tâm Văn hóa - Thông tin và Thể thao",
    "Trung tâm Văn hóa, Thể thao và Truyền thông",
    "Trung tâm Văn hóa - Thể thao và Truyền thông",
    "Trung tâm Văn hóa - Thông tin",
    "Trung tâm Chính trị",
    "Công an huyện",
    "Ban Chỉ huy Quân sự huyện",
    "Ban Tuyên giáo Huyện ủy",
    "Ban Tuyên giáo Thị ủy",
    "Đài Truyền thanh",
    "Trung tâm Truyền thông và Văn hóa",
    "Báo và Phát thanh, Truyền hình",
)

# Nouns that follow "các" in a category of agencies ("các sở, ban, ngành", "các cơ quan, đơn
# vị"), as folded keys.
CATEGORY_NOUNS: frozenset[str] = frozenset(
    {
        "bo",
        "so",
        "ban",
        "nganh",
        "co quan",
        "don vi",
        "dia phuong",
        "huyen",
        "xa",
        "phuong",
        "tinh",
        "thanh pho",
        "quan",
        "cap",
        "co so",
        "truong",
        "phong",
        "hoi",
        "doan the",
        "to chuc",
        "tap doan",
        "tong cong ty",
        "doanh nghiep",
        "dai",
        "bao",
        "trung tam",
        "chi cuc",
        "cuc",
        "vu",
        "ngan hang",
        "uy ban",
        "thanh vien",
        "thi xa",
        "thi tran",
        "ban nganh",
        "co quan bao chi",
        "hoi doan the",
        "ubnd",
        "lien doan",
        "hiep hoi",
        "tong cuc",
        "vien",
        "hoc vien",
        "benh vien",
        "don vi su nghiep",
        "chi bo",
        "dang uy",
    }
)

# Phrases that name categories of agencies; they also serve to restore damaged text.
CATEGORY_PHRASES: tuple[str, ...] = (
    "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
    "các bộ, ngành",
    "các bộ, ngành, địa phương",
    "cơ quan ngang bộ",
    "cơ quan thuộc Chính phủ",
    "các sở, ban, ngành",
    "các sở, ban ngành",
    "các sở, ngành",
    "các sở, ban, ngành tỉnh",
    "các sở, ban, ngành thuộc tỉnh",
    "các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh",
    "các cơ quan, đơn vị",
    "các cơ quan, đơn vị, địa phương",
    "các cơ quan, đơn vị có liên quan",
    "các cơ quan báo chí",
    "các cơ quan thông tin, báo chí",
    "các cơ quan báo chí, truyền thông",
    "các cơ sở giáo dục",
    "các trường học",
    "các đơn vị trực thuộc",
    "các địa phương",
    "các huyện, thị xã, thành phố",
    "các huyện, thành phố",
    "các xã, phường, thị trấn",
    "các xã, phường",
    "các tỉnh, thành phố trực thuộc trung ương",
    "các tổ chức chính trị - xã hội",
    "cấp tỉnh",
    "cấp huyện",
    "cấp xã",
    "có liên quan",
    "liên quan",
    "trên địa bàn",
    "trên địa bàn tỉnh",
    "trên địa bàn huyện",
    "của tỉnh",
    "của huyện",
    "thuộc tỉnh",
    "trực thuộc",
    "đơn vị sự nghiệp công lập",
    "hệ thống thông tin cơ sở",
    "thông tin cơ sở",
    "nhà báo",
)

# Administrative levels that precede a place name.
LEVEL_WORDS: dict[str, str] = {
    "tinh": "tỉnh",
    "huyen": "huyện",
    "thi xa": "thị xã",
    "thanh pho": "thành phố",
    "quan": "quận",
    "xa": "xã",
    "phuong": "phường",
    "thi tran": "thị trấn",
    "dac khu": "đặc khu",
}

# Titles of heads of agencies: "Giám đốc Sở Nội vụ" names the Sở Nội vụ.
PERSON_TITLES: tuple[str, ...] = (
    "pho giam doc",
    "giam doc",
    "thu truong",
    "pho chu tich",
    "chu tich",
    "tong bien tap",
    "pho tong bien tap",
    "chanh van phong",
    "chanh thanh tra",
    "bo truong",
    "pho truong phong",
    "truong phong",
    "hieu truong",
    "truong ban",
    "pho truong ban",
    "cuc truong",
    "vu truong",
    "tong giam doc",
    "nguoi dung dau",
    "lanh dao",
    "bi thu",
    "pho bi thu",
)

# Type words printed above a document's title and the codes of Decree 30/2020, Appendix III.
DOC_TYPE_WORDS: dict[str, str] = {
    "ke hoach": "KH",
    "chi thi": "CT",
    "quyet dinh": "QĐ",
    "bao cao": "BC",
    "thong bao": "TB",
    "huong dan": "HD",
    "chuong trinh": "CTr",
    "to trinh": "TTr",
    "nghi quyet": "NQ",
    "cong dien": "CĐ",
    "phuong an": "PA",
    "de an": "ĐA",
    "quy che": "QC",
    "quy dinh": "QyĐ",
    "thong cao": "TC",
    "bien ban": "BB",
    "cong van": "",
    "chuong trinh hanh dong": "CTr",
    "ke hoach hanh dong": "KH",
}
TYPE_CODES: frozenset[str] = frozenset(
    {
        "NQ",
        "QĐ",
        "CT",
        "QC",
        "QyĐ",
        "TC",
        "TB",
        "HD",
        "CTr",
        "KH",
        "PA",
        "ĐA",
        "DA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "BGN",
        "BTT",
        "GUQ",
        "GM",
        "GGT",
        "GNP",
        "PC",
        "PG",
        "PB",
        "TT",
        "NĐ",
        "TTLT",
        "QH",
        "UBTVQH",
        "L",
        "PL",
        "SL",
        "CV",
        "KL",
        "TCT",
    }
)


@dataclass(frozen=True)
class Vocabulary:
    """Restoration tables built from the lexicon (folded key → properly written form)."""

    phrases: dict[str, str]  # multi-word keys → proper form (agency names, fields, categories)
    words: dict[str, str]  # single-word keys with exactly one proper form
    name_words: frozenset[str]  # every word key that occurs inside an agency name
    field_heads: frozenset[str]  # first word of the field part of agency names ("thong", "tu")


def _fields_of(name: str) -> list[str]:
    parts = name.split(" ", 1)
    return [parts[1]] if len(parts) == 2 else []


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The restoration tables (built once)."""
    phrases: dict[str, str] = {}
    word_forms: dict[str, set[str]] = defaultdict(set)
    name_words: set[str] = set()
    field_heads: set[str] = set()
    sources = [*GENERIC_AGENCIES, *CATEGORY_PHRASES]
    for name in sources:
        for text in (name, *_fields_of(name)):
            k = key(text)
            if " " in k:
                phrases.setdefault(k, text)
        # Runs of 2–3 words of a field restore too ("Giáo dục" in "Phòng Giáo dục"), but
        # never across a level word or an edge "và" ("huyện", "tỉnh" stay single words).
        name_parts = name.split()
        for n in (2, 3):
            for a in range(1, len(name_parts) - n + 1):
                run = name_parts[a : a + n]
                keys = [key(w) for w in run]
                if any(k in LEVEL_WORDS or k in {"thi", "thanh"} for k in keys):
                    continue
                if keys[0] == "va" or keys[-1] == "va":
                    continue
                text = " ".join(run).strip(" ,")
                k = key(text)
                if len(k.split()) >= 2:
                    phrases.setdefault(k, text)
        for word in name.replace(",", " ").replace("-", " ").split():
            word_forms[key(word)].add(word.lower())
            name_words.add(key(word))
    for name in GENERIC_AGENCIES:
        fields = _fields_of(name)
        if fields:
            field_heads.add(key(fields[0]).split()[0])
    for k, v in LEVEL_WORDS.items():
        name_words.update(k.split())
        if " " in k:
            phrases.setdefault(k, v)
        else:
            word_forms[k].add(v)
    extra = (
        "và các của có liên quan thuộc trực trên địa bàn cấp tỉnh huyện xã phường thị trấn "
        "thành phố quận ngành đơn vị cơ quan sở ban bộ báo chí truyền thông thông tin nhà "
        "trường học giáo dục chuyên môn"
    )
    for word in extra.split():
        word_forms[key(word)].add(word)
        name_words.add(key(word))
    unique = {k: next(iter(v)) for k, v in word_forms.items() if len(v) == 1}
    return Vocabulary(phrases, unique, frozenset(name_words), frozenset(field_heads))


@dataclass(frozen=True)
class Places:
    """Place names by folded key; ambiguous keys (several spellings) map to all of them."""

    by_key: dict[str, frozenset[str]]
    provinces: frozenset[str]  # proper short names of provinces (before and after 2025)


def _load_json(name: str) -> dict[str, object]:
    try:
        data = resources.files("vietnamadminunits").joinpath("data", name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    loaded = json.loads(data)
    return loaded if isinstance(loaded, dict) else {}


@lru_cache(maxsize=1)
def places() -> Places:
    """Province and (pre-2025) district names, loaded once from ``vietnamadminunits``."""
    by_key: dict[str, set[str]] = defaultdict(set)
    provinces: set[str] = set()
    for source in ("parser_legacy.json", "parser_from_2025.json"):
        data = _load_json(source)
        prov = data.get("DICT_PROVINCE", {})
        if isinstance(prov, dict):
            for entry in prov.values():
                if isinstance(entry, dict) and isinstance(entry.get("provinceShort"), str):
                    short = entry["provinceShort"]
                    provinces.add(short)
                    by_key[key(short)].add(short)
        if source == "parser_legacy.json":
            districts = data.get("DICT_PROVINCE_DISTRICT", {})
            if isinstance(districts, dict):
                for per_province in districts.values():
                    if not isinstance(per_province, dict):
                        continue
                    for entry in per_province.values():
                        short = entry.get("districtShort") if isinstance(entry, dict) else None
                        # Numbered urban districts ("Quận 1") are not names to restore.
                        if isinstance(short, str) and not short[:1].isdigit():
                            by_key[key(short)].add(short)
    for name in ("Việt Nam", "Hồ Chí Minh", "Hà Nội", "Thành phố Hồ Chí Minh"):
        by_key[key(name)].add(name)
    return Places({k: frozenset(v) for k, v in by_key.items()}, frozenset(provinces))


# Verbs and phrases that begin the duty after its agency (folded; the first word written in
# lower case in the text).
# fmt: off
DUTY_VERBS: tuple[str, ...] = (
    "chu tri", "phoi hop", "to chuc", "trien khai", "thuc hien", "tang cuong",
    "theo chuc nang", "theo doi", "co trach nhiem", "chiu trach nhiem", "chu dong", "kip thoi",
    "xay dung", "tham muu", "huong dan", "nghien cuu", "ra soat", "day manh", "quan ly",
    "bo tri", "can cu", "khan truong", "nghiem tuc", "thuong xuyen", "don doc", "kiem tra",
    "cung cap", "de xuat", "bao cao", "tiep tuc", "lanh dao", "chi dao", "quan triet",
    "pho bien", "tuyen truyen", "dinh huong", "duy tri", "nang cao", "la co quan",
    "la dau moi", "co y kien", "nhan duoc", "ban hanh", "duoc giao", "gui", "tong hop", "theo",
    "de", "nham", "ve viec", "tai", "trong", "doi voi", "su dung", "dam bao", "bao dam",
    "phat huy", "tap trung", "tich cuc", "lam", "long ghep", "dang tai", "phat hanh",
    "bien soan", "cap nhat", "van hanh", "tiep nhan", "xu ly", "giam sat", "danh gia",
    "phan anh", "phat hien", "dau tranh", "ngan chan", "kien toan", "boi duong", "tap huan",
    "tra loi", "phat ngon", "thong nhat", "can doi", "bo sung", "sap xep", "phan cong",
    "ho tro", "hoan thanh", "khuyen khich", "dua", "mo", "tao", "dang", "cu", "chuan bi",
    "tham gia", "nam bat", "trinh", "lap", "du toan", "ky", "chiu", "phu trach", "truc tiep",
    "cung", "va cac co quan lien quan", "nhu", "sau", "dong thoi", "thi hanh", "ap dung",
    "huy dong", "khong", "can", "phai", "moi", "nhanh", "vao", "ra", "len", "theo quy dinh",
    "voi", "thong qua", "bang", "nhat la", "neu", "khi", "den", "tu", "duoc", "se", "da",
    "can thiet", "san xuat", "phat song", "niem yet", "cong khai", "cong bo",
)
# Lower-case phrases that belong to an agency's name although some words are also verbs.
NAME_PHRASES: tuple[str, ...] = (
    "co lien quan", "lien quan", "truc thuoc trung uong", "truc thuoc", "thuoc tinh",
    "thuoc huyen", "thuoc chinh phu", "tren dia ban", "cua tinh", "cua huyen", "cua thanh pho",
    "cua thi xa", "ngang bo", "ngang so", "cap tinh", "cap huyen", "cap xa", "thong tin",
    "truyen thong", "bao chi", "co so", "dia phuong", "don vi", "co quan", "chuyen mon",
    "su nghiep cong lap", "su nghiep", "thuoc uy ban nhan dan", "thuoc ubnd", "nha bao",
    "phat thanh", "truyen hinh", "thanh pho", "thi xa", "thi tran", "cong lap",
    "chinh tri xa hoi", "chinh tri - xa hoi", "doan the", "giao duc", "truong hoc", "thuoc",
    "tinh", "huyen", "xa", "phuong", "quan", "tinh uy", "huyen uy", "chuc nang", "nghiep vu",
    "tuyen huyen", "tuyen tinh", "tuyen xa", "y te",
)
# fmt: on
