"""Who carries a former agency's duties, and what an agency used to be."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from ttcs.core.agency_loader import load_reference_agencies
from ttcs.core.models import Agency, AgencyKind
from ttcs.core.succession import predecessors, successors_on, who_carries_duties_of

pytestmark = pytest.mark.django_db

BEFORE_MERGER = dt.date(2025, 6, 30)
AFTER_MERGER = dt.date(2025, 7, 1)
SPRING_2025 = dt.date(2025, 4, 1)


@pytest.fixture(autouse=True)
def registry() -> None:
    load_reference_agencies()


def _a(code: str) -> Agency:
    return Agency.objects.get(code=code)


@pytest.mark.parametrize(
    ("former", "current"),
    [
        ("tinh-soc-trang", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("tinh-binh-thuan", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("tinh-tra-vinh", "Ủy ban nhân dân tỉnh Vĩnh Long"),
        ("tinh-bac-kan", "Ủy ban nhân dân tỉnh Thái Nguyên"),
    ],
)
def test_merged_province_is_succeeded_by_its_new_province(former: str, current: str) -> None:
    old = _a(former)
    assert successors_on(old, BEFORE_MERGER) == [old]
    [new] = successors_on(old, AFTER_MERGER)
    assert new.name == current
    assert new.kind == AgencyKind.PROVINCE and new.valid_from == AFTER_MERGER


def test_unchanged_province_answers_for_itself() -> None:
    hanoi = _a("thanh-pho-ha-noi")
    assert successors_on(hanoi, dt.date(2026, 3, 1)) == [hanoi]


def test_department_of_a_merged_province_passes_to_the_same_department_of_the_new_one() -> None:
    [dept] = successors_on(_a("tinh-binh-thuan--tu-phap"), AFTER_MERGER)
    assert dept.name == "Sở Tư pháp tỉnh Lâm Đồng"
    [dept] = successors_on(_a("tinh-bac-kan--y-te"), AFTER_MERGER)
    assert dept.name == "Sở Y tế tỉnh Thái Nguyên"


@time_machine.travel(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
def test_who_carries_the_duties_of_soc_trang_information_department_today() -> None:
    info = _a("tinh-soc-trang--tt-tt")
    # General duties: merged into science and technology, then into Cần Thơ's department.
    assert [a.name for a in successors_on(info)] == ["Sở Khoa học và Công nghệ thành phố Cần Thơ"]
    # Press and publishing went to the culture department, which also moved to Cần Thơ.
    assert [a.name for a in successors_on(info, duty="báo chí")] == [
        "Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ"
    ]
    carriers = {c.agency.name: c for c in who_carries_duties_of(info)}
    assert set(carriers) == {
        "Sở Khoa học và Công nghệ thành phố Cần Thơ",
        "Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ",
    }
    culture = carriers["Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ"]
    assert "xuất bản" in culture.duties
    assert [s.effective_date for s in culture.via] == [dt.date(2025, 3, 1), AFTER_MERGER]
    assert carriers["Sở Khoa học và Công nghệ thành phố Cần Thơ"].duties == ""


def test_between_the_two_reforms_the_duties_sit_with_the_province_departments() -> None:
    info = _a("tinh-soc-trang--tt-tt")
    assert [a.name for a in successors_on(info, SPRING_2025)] == [
        "Sở Khoa học và Công nghệ tỉnh Sóc Trăng"
    ]
    assert successors_on(info, dt.date(2024, 6, 1)) == [info]


def test_an_agency_asked_about_before_it_existed_has_no_successor() -> None:
    assert successors_on(_a("thanh-pho-can-tho-2025--kh-cn"), dt.date(2024, 1, 1)) == []


def test_duty_keyword_matches_without_diacritics() -> None:
    info = _a("tinh-tra-vinh--tt-tt")
    [culture] = successors_on(info, AFTER_MERGER, duty="bao chi")
    assert culture.name == "Sở Văn hóa, Thể thao và Du lịch tỉnh Vĩnh Long"


def test_former_ministry_of_information_and_communications() -> None:
    ministry = _a("bo-thong-tin-va-truyen-thong")
    day = dt.date(2025, 9, 1)
    assert [a.code for a in successors_on(ministry, day)] == ["bo-khoa-hoc-va-cong-nghe"]
    assert [a.code for a in successors_on(ministry, day, duty="xuất bản")] == [
        "bo-van-hoa-the-thao-va-du-lich"
    ]


def test_what_the_new_science_department_of_can_tho_used_to_be() -> None:
    found = {a.code: s for a, s in predecessors(_a("thanh-pho-can-tho-2025--kh-cn"))}
    assert {
        "tinh-soc-trang--kh-cn",
        "tinh-hau-giang--kh-cn",
        "thanh-pho-can-tho--kh-cn",
        "tinh-soc-trang--tt-tt",
        "tinh-hau-giang--tt-tt",
    } <= set(found)
    assert found["tinh-soc-trang--kh-cn"].effective_date == AFTER_MERGER
    assert found["tinh-soc-trang--tt-tt"].effective_date == dt.date(2025, 3, 1)


def test_predecessors_of_lam_dong_are_the_three_former_provinces() -> None:
    found = [a.code for a, _s in predecessors(_a("tinh-lam-dong-2025"))]
    assert sorted(found) == ["tinh-binh-thuan", "tinh-dak-nong", "tinh-lam-dong"]


def test_an_agency_without_history_has_no_predecessors() -> None:
    assert predecessors(_a("bo-quoc-phong")) == []
