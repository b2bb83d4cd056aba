"""Matching agency mentions (damaged, abbreviated, generic) to registry agencies."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ttcs.core.matching_core import (
    AgencyMatch,
    CandidateIndex,
    CandidateRecord,
    MatchContext,
    best_of,
    canonical_agency_name,
    is_group_mention,
    rank_candidates,
    split_agency_mentions,
)

GOLD = Path(__file__).resolve().parent / "data" / "agency_gold.json"
REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO.parent / "shared" / "seeds"


# --- pure scoring over synthetic records ----------------------------------------------------

BAC = 1  # a province before the merger
NAM = 2  # another province
NEW = 3  # the province BAC merged into
DISTRICT = 4  # a district of BAC


def _dept(pk: int, generic: str, province: int, place: str, **extra: Any) -> CandidateRecord:
    return CandidateRecord(
        id=pk,
        code=f"d{pk}",
        name=f"{generic} tỉnh {place}",
        kind="department",
        names=(generic,),
        ancestor_ids=(province,),
        province_id=province,
        **extra,
    )


RECORDS = [
    CandidateRecord(
        BAC,
        "bac",
        "Ủy ban nhân dân tỉnh Bắc Sơn",
        "province",
        ("tỉnh Bắc Sơn", "Ủy ban nhân dân tỉnh", "UBND tỉnh"),
        valid_to=dt.date(2025, 6, 30),
        province_id=BAC,
    ),
    CandidateRecord(
        NAM,
        "nam",
        "Ủy ban nhân dân tỉnh Nam Hà",
        "province",
        ("tỉnh Nam Hà", "Ủy ban nhân dân tỉnh", "UBND tỉnh"),
        province_id=NAM,
    ),
    CandidateRecord(
        NEW,
        "new",
        "Ủy ban nhân dân tỉnh Đông Lâm",
        "province",
        ("tỉnh Đông Lâm", "Ủy ban nhân dân tỉnh", "UBND tỉnh"),
        valid_from=dt.date(2025, 7, 1),
        province_id=NEW,
    ),
    CandidateRecord(
        DISTRICT,
        "huyen",
        "Ủy ban nhân dân huyện Gò Mây",
        "former_district",
        ("huyện Gò Mây", "Ủy ban nhân dân huyện"),
        ancestor_ids=(BAC,),
        province_id=BAC,
        district_id=DISTRICT,
    ),
    _dept(10, "Sở Tư pháp", BAC, "Bắc Sơn", valid_to=dt.date(2025, 6, 30)),
    _dept(11, "Sở Tư pháp", NAM, "Nam Hà"),
    _dept(12, "Sở Tư pháp", NEW, "Đông Lâm", valid_from=dt.date(2025, 7, 1)),
    _dept(13, "Sở Thông tin và Truyền thông", BAC, "Bắc Sơn", valid_to=dt.date(2025, 2, 28)),
    _dept(14, "Sở Tài chính", BAC, "Bắc Sơn", valid_to=dt.date(2025, 6, 30)),
    _dept(15, "Sở Giáo dục và Đào tạo", BAC, "Bắc Sơn", valid_to=dt.date(2025, 6, 30)),
    CandidateRecord(
        20,
        "bo-tttt",
        "Bộ Thông tin và Truyền thông",
        "ministry",
        ("BTTTT",),
        valid_to=dt.date(2025, 2, 28),
    ),
    CandidateRecord(
        21,
        "pgd",
        "Phòng Giáo dục và Đào tạo huyện Gò Mây",
        "district_office",
        ("Phòng Giáo dục và Đào tạo", "Phòng Giáo dục và Đào tạo huyện"),
        ancestor_ids=(BAC, DISTRICT),
        province_id=BAC,
        district_id=DISTRICT,
    ),
    CandidateRecord(None, "generic:cac-so", "Các sở, ban, ngành", "group", ("Các sở, ban, ngành",)),
]
INDEX = CandidateIndex(RECORDS)
IN_BAC = MatchContext(
    agency_id=BAC,
    self_and_ancestors=frozenset({BAC}),
    province_ids=frozenset({BAC, NEW}),
    valid_to=dt.date(2025, 6, 30),
)
IN_DISTRICT = MatchContext(
    agency_id=DISTRICT,
    self_and_ancestors=frozenset({BAC, DISTRICT}),
    district_ids=frozenset({DISTRICT}),
    province_ids=frozenset({BAC, NEW}),
    valid_to=dt.date(2025, 6, 30),
)
PLAN_DAY = dt.date(2023, 10, 1)


def _best(text: str, **kw: Any) -> AgencyMatch | None:
    return best_of(rank_candidates(text, INDEX, limit=10, **kw))


def test_generic_department_name_resolves_to_the_issuing_province() -> None:
    match = _best("Sở Tư pháp", context=IN_BAC, on=PLAN_DAY)
    assert match is not None and match.agency_id == 10


def test_without_context_a_generic_name_is_ambiguous() -> None:
    assert _best("Sở Tư pháp") is None
    ranked = rank_candidates("Sở Tư pháp", INDEX, limit=3)
    assert {m.agency_id for m in ranked} <= {10, 11, 12}


def test_after_the_merger_the_new_province_department_wins() -> None:
    match = _best("Sở Tư pháp", context=IN_BAC, on=dt.date(2025, 8, 1))
    assert match is not None and match.agency_id == 12


def test_damaged_and_abbreviated_mentions_match_the_same_department() -> None:
    for mention in (
        "S6 Thong tin va Truyén thong",
        "Sở TT&TT",
        "SO THONG TIN VA TRUYEN THONG",
        "Giám đốc Sở Thông tin và Truyền thông",
        "- Chủ trì: Sở Thông tin và Truyền thông.",
    ):
        match = _best(mention, context=IN_BAC, on=PLAN_DAY)
        assert match is not None and match.agency_id == 13, mention


def test_ministry_is_not_confused_with_the_department_of_the_same_field() -> None:
    match = _best("Bo Thong tin va Truyen thong", context=IN_BAC, on=PLAN_DAY)
    assert match is not None and match.agency_id == 20


def test_mention_naming_another_province_beats_the_context_province() -> None:
    match = _best("Sở Tư pháp tỉnh Nam Hà", context=IN_BAC, on=PLAN_DAY)
    assert match is not None and match.agency_id == 11


def test_issuer_itself_is_found_from_a_generic_mention() -> None:
    match = _best("Uy ban nhan dan tinh", context=IN_BAC, on=PLAN_DAY)
    assert match is not None and match.agency_id == BAC


def test_district_office_prefers_the_issuing_district() -> None:
    match = _best("Phong GD&DT huyén", context=IN_DISTRICT, on=PLAN_DAY)
    assert match is not None and match.agency_id == 21
    # A name cut short after whole words still points at the office.
    match = _best("Phòng Giáo dục", context=IN_DISTRICT, on=PLAN_DAY)
    assert match is not None and match.agency_id == 21


def test_a_group_is_never_returned_as_one_agency() -> None:
    ranked = rank_candidates("Các sở, ban, ngành", INDEX, context=IN_BAC)
    assert ranked[0].agency_id is None and ranked[0].kind == "group"
    assert best_of(ranked) is None


def test_unknown_body_gives_no_match() -> None:
    assert _best("Liên đoàn Lao động tỉnh", context=IN_BAC, on=PLAN_DAY) is None
    assert rank_candidates("", INDEX) == []


def test_scores_stay_within_bounds() -> None:
    for mention in ("Sở Tư pháp", "UBND tỉnh", "xyz", "Bộ TT&TT", "Sở Giáo dục"):
        for m in rank_candidates(mention, INDEX, context=IN_BAC, on=PLAN_DAY, limit=20):
            assert 0.0 <= m.score <= 100.0


def test_ranked_candidates_are_distinct_agencies() -> None:
    ids = [m.agency_id for m in rank_candidates("Sở Tư pháp", INDEX, limit=10)]
    real = [i for i in ids if i is not None]
    assert len(real) == len(set(real))


# --- canonical names without a database -----------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "canonical"),
    [
        ("S6 Thong tin va Truyén thong", "Sở Thông tin và Truyền thông"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("So Giao duc va Dao tao", "Sở Giáo dục và Đào tạo"),
        ("Sở GDĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("PGDĐT", "Phòng Giáo dục và Đào tạo"),
        ("Phong Tu phap huyen", "Phòng Tư pháp huyện"),
        ("Cong an tinh", "Công an tỉnh"),
        ("Ban Tuyen giao Tinh uy", "Ban Tuyên giáo Tỉnh ủy"),
        ("UBND tỉnh Trà Vinh", "Ủy ban nhân dân tỉnh Trà Vinh"),
        ("Dai Phat thanh va Truyen hinh Tra Vinh", "Đài Phát thanh và Truyền hình Trà Vinh"),
        ("Bao Tra Vinh", "Báo Trà Vinh"),
        (
            "Sở Khoa học và Công nghệ thành phố Cần Thơ",
            "Sở Khoa học và Công nghệ thành phố Cần Thơ",
        ),
        ("BTTTT", "Bộ Thông tin và Truyền thông"),
        ("Văn phòng Chính phủ", "Văn phòng Chính phủ"),
        ("TTXVN", "Thông tấn xã Việt Nam"),
        ("UBND các xã", "Ủy ban nhân dân các xã"),
        ("UBND các xã, phường, thị trấn", "Ủy ban nhân dân các xã, phường, thị trấn"),
        ("Các sở, ban, ngành tỉnh", "Các sở, ban, ngành tỉnh"),
        (
            "Chủ tịch UBND các huyện, thị xã, thành phố",
            "Ủy ban nhân dân các huyện, thị xã, thành phố",
        ),
    ],
)
def test_canonical_name_of_a_mention(mention: str, canonical: str) -> None:
    assert canonical_agency_name(mention) == canonical


@pytest.mark.parametrize(
    "mention", ["", "Kế hoạch triển khai", "Ông Nguyễn Văn A", "Liên hiệp các hội khoa học xyz"]
)
def test_canonical_name_is_none_for_what_is_not_a_known_body(mention: str) -> None:
    assert canonical_agency_name(mention) is None


def test_group_mentions_are_recognised() -> None:
    assert is_group_mention("UBND các huyện, thành phố")
    assert is_group_mention("Các cơ quan báo chí")
    assert not is_group_mention("Cục Báo chí")
    assert not is_group_mention("Sở Tư pháp")


def test_lists_of_bodies_are_split_but_names_with_commas_are_kept() -> None:
    assert split_agency_mentions("Báo Trà Vinh, Đài Phát thanh và Truyền hình Trà Vinh") == [
        "Báo Trà Vinh",
        "Đài Phát thanh và Truyền hình Trà Vinh",
    ]
    assert split_agency_mentions("Sở Văn hóa, Thể thao và Du lịch, Sở Tư pháp và Công an tỉnh") == [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Tư pháp",
        "Công an tỉnh",
    ]
    assert split_agency_mentions("Các sở, ban, ngành; UBND các huyện, thành phố.") == [
        "Các sở, ban, ngành",
        "UBND các huyện, thành phố",
    ]
    assert split_agency_mentions("- Sở Nội vụ và các cơ quan có liên quan") == [
        "Sở Nội vụ",
        "các cơ quan có liên quan",
    ]


# --- against the registry -------------------------------------------------------------------


@pytest.fixture
def registry(db: Any) -> Iterator[None]:
    from ttcs.core.agency_loader import load_reference_agencies
    from ttcs.core.matching import clear_agency_index_cache

    load_reference_agencies()
    clear_agency_index_cache()
    yield
    clear_agency_index_cache()


def test_best_agency_uses_the_issuing_province(registry: None) -> None:
    from ttcs.core.matching import best_agency, match_agency
    from ttcs.core.models import Agency

    soc_trang = Agency.objects.get(code="tinh-soc-trang")
    match = best_agency("S6 Tw phap", context=soc_trang, on=dt.date(2023, 10, 12))
    assert match is not None and match.code == "tinh-soc-trang--tu-phap"
    assert match.name == "Sở Tư pháp tỉnh Sóc Trăng"
    ranked = match_agency("Sở Tư pháp", context=soc_trang, on=dt.date(2023, 10, 12))
    assert ranked[0].code == "tinh-soc-trang--tu-phap"
    assert all(isinstance(m, AgencyMatch) for m in ranked)


def test_best_agency_refuses_to_guess(registry: None) -> None:
    from ttcs.core.matching import best_agency

    assert best_agency("Sở Tư pháp") is None
    assert best_agency("UBND các huyện, thị xã, thành phố") is None


def test_issuer_is_found_without_context(registry: None) -> None:
    from ttcs.core.matching import best_agency

    match = best_agency("ỦY BAN NHÂN DÂN TỈNH TRÀ VINH", on=dt.date(2023, 4, 28))
    assert match is not None and match.code == "tinh-tra-vinh"
    match = best_agency("Ủy ban nhân dân thành phố Cần Thơ", on=dt.date(2025, 9, 1))
    assert match is not None and match.code == "thanh-pho-can-tho-2025"


def test_a_renamed_agency_is_matched_at_once(registry: None) -> None:
    from ttcs.core.matching import best_agency
    from ttcs.core.models import Agency

    museum = Agency.objects.create(code="bao-tang-thu", name="Bảo tàng Thử nghiệm", kind="other")
    assert best_agency("Bảo tàng Thử nghiệm") is not None
    museum.name = "Bảo tàng Đổi tên"
    museum.save()
    match = best_agency("Bao tang Doi ten")
    assert match is not None and match.agency_id == museum.pk


# --- gold mentions from the seed plans ------------------------------------------------------


def _seed_text(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent (a user's own clone): seed gold check skipped")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found in {SEEDS}")
    return re.sub(r"\s+", " ", found[0].read_text(encoding="utf-8"))


def _gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


def test_gold_mentions_are_short_spans_printed_in_the_seeds() -> None:
    gold = _gold()
    texts = {seed: _seed_text(seed) for seed in gold["documents"]}
    for m in gold["mentions"]:
        assert len(m["mention"]) < 60
        assert m["mention"] in texts[m["seed"]], m["mention"]


def test_canonical_names_of_gold_mentions(capsys: pytest.CaptureFixture[str]) -> None:
    mentions = _gold()["mentions"]
    misses = [
        (m["mention"], got, m["canonical"])
        for m in mentions
        if (got := canonical_agency_name(m["mention"])) != m["canonical"]
    ]
    accuracy = 1 - len(misses) / len(mentions)
    with capsys.disabled():
        print(f"\ncanonical_agency_name gold accuracy: {accuracy:.1%} of {len(mentions)}")
    assert accuracy >= 0.9, misses


@pytest.mark.django_db
def test_registry_matches_of_gold_mentions(capsys: pytest.CaptureFixture[str]) -> None:
    from ttcs.core.agency_loader import load_reference_agencies
    from ttcs.core.matching import best_agency, clear_agency_index_cache
    from ttcs.core.models import Agency

    gold = _gold()
    for seed in gold["documents"]:
        _seed_text(seed)  # skips when the seeds are absent
    load_reference_agencies()
    for doc in gold["documents"].values():
        if doc["communes"]:
            load_reference_agencies(communes=True, only_provinces=doc["only_provinces"])
    clear_agency_index_cache()

    results: list[tuple[str, str, str | None, str | None]] = []
    for m in gold["mentions"]:
        doc = gold["documents"][m["seed"]]
        context = Agency.objects.get(code=doc["context"])
        match = best_agency(m["mention"], context=context, on=dt.date.fromisoformat(doc["date"]))
        results.append((m["role"], m["mention"], match.code if match else None, m["agency_code"]))
    clear_agency_index_cache()

    def accuracy(rows: list[tuple[str, str, str | None, str | None]]) -> float:
        return sum(1 for r in rows if r[2] == r[3]) / len(rows)

    lead = [r for r in results if r[0] == "lead"]
    with capsys.disabled():
        print(
            f"\nbest_agency gold accuracy: {accuracy(results):.1%} of {len(results)} mentions; "
            f"lead agencies {accuracy(lead):.1%} of {len(lead)}"
        )
    misses = [r for r in results if r[2] != r[3]]
    assert accuracy(lead) >= 0.9, misses
    assert accuracy(results) >= 0.9, misses
