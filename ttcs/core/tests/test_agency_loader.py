"""Loading the reference agency registry: provinces before and after 1/7/2025, ministries,
departments and their successions."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from ttcs.core.agency_loader import (
    LAST_DAY_BEFORE_MERGE,
    PROVINCE_MERGE_DAY,
    adminunits_data_dir,
    build_reference_catalog,
    load_reference_agencies,
    province_units,
)
from ttcs.core.models import Agency, AgencyKind, AgencySuccession


def _package_provinces(table: str) -> set[str]:
    with sqlite3.connect(adminunits_data_dir() / "dataset.db") as conn:
        return {r[0] for r in conn.execute(f"SELECT DISTINCT province FROM {table}")}  # noqa: S608


def _successor_of(code: str) -> str:
    return next(p.successor_code for p in province_units() if p.code == code) or ""


# --- the catalog, without a database --------------------------------------------------------


def test_there_are_63_provinces_before_and_34_after_the_merger() -> None:
    units = province_units()
    assert sum(1 for p in units if p.active_on(LAST_DAY_BEFORE_MERGE)) == 63
    assert sum(1 for p in units if p.active_on(PROVINCE_MERGE_DAY)) == 34
    # Eleven provinces were left as they were and span both dates.
    assert sum(1 for p in units if p.valid_from is None and p.valid_to is None) == 11


def test_province_names_come_from_the_administrative_unit_package() -> None:
    units = province_units()
    assert {p.full_name for p in units if p.active_on(PROVINCE_MERGE_DAY)} == _package_provinces(
        "admin_units"
    )
    assert {p.full_name for p in units if p.active_on(LAST_DAY_BEFORE_MERGE)} == _package_provinces(
        "admin_units_legacy"
    )


@pytest.mark.parametrize(
    ("former", "current"),
    [
        ("tinh-soc-trang", "thanh-pho-can-tho-2025"),
        ("tinh-hau-giang", "thanh-pho-can-tho-2025"),
        ("thanh-pho-can-tho", "thanh-pho-can-tho-2025"),
        ("tinh-binh-thuan", "tinh-lam-dong-2025"),
        ("tinh-dak-nong", "tinh-lam-dong-2025"),
        ("tinh-tra-vinh", "tinh-vinh-long-2025"),
        ("tinh-ben-tre", "tinh-vinh-long-2025"),
        ("tinh-bac-kan", "tinh-thai-nguyen-2025"),
        ("tinh-binh-duong", "thanh-pho-ho-chi-minh-2025"),
    ],
)
def test_former_province_merges_into_its_2025_unit(former: str, current: str) -> None:
    assert _successor_of(former) == current


def test_unchanged_provinces_have_no_successor() -> None:
    hanoi = next(p for p in province_units() if p.code == "thanh-pho-ha-noi")
    assert hanoi.successor_code is None and hanoi.valid_to is None


def test_catalog_codes_are_unique_and_successions_point_at_catalog_agencies() -> None:
    catalog = build_reference_catalog()
    codes = [a.code for a in catalog.agencies]
    assert len(codes) == len(set(codes))
    known = set(codes)
    for s in catalog.successions:
        assert s.predecessor_code in known and s.successor_code in known
        assert s.predecessor_code != s.successor_code
    for a in catalog.agencies:
        assert len(a.code) <= 80 and len(a.short_name) <= 80 and len(a.name) <= 255
        assert a.parent_code is None or a.parent_code in known


def test_catalog_has_fourteen_ministries_and_three_ministry_level_agencies_today() -> None:
    catalog = build_reference_catalog()
    today = dt.date(2025, 12, 1)

    def active(kind: str) -> list[str]:
        return [
            a.name
            for a in catalog.agencies
            if a.kind == kind
            and (a.valid_from is None or a.valid_from <= today)
            and (a.valid_to is None or today <= a.valid_to)
        ]

    assert len(active("ministry")) == 14
    assert sorted(active("ministry_level")) == [
        "Ngân hàng Nhà nước Việt Nam",
        "Thanh tra Chính phủ",
        "Văn phòng Chính phủ",
    ]


def test_every_succession_names_its_legal_basis() -> None:
    catalog = build_reference_catalog(communes=True, only_provinces=["soctrang"])
    assert catalog.successions
    assert all(s.legal_basis for s in catalog.successions)
    province_links = [s for s in catalog.successions if s.predecessor_code == "tinh-soc-trang"]
    assert [(s.successor_code, s.kind, s.effective_date) for s in province_links] == [
        ("thanh-pho-can-tho-2025", "merged_into", PROVINCE_MERGE_DAY)
    ]
    assert "202/2025/QH15" in province_links[0].legal_basis


def test_information_department_hands_press_duties_to_the_culture_department() -> None:
    catalog = build_reference_catalog(only_provinces=["soctrang"])
    out = {
        (s.successor_code, s.kind): s
        for s in catalog.successions
        if s.predecessor_code == "tinh-soc-trang--tt-tt"
    }
    assert set(out) == {
        ("tinh-soc-trang--kh-cn", "merged_into"),
        ("tinh-soc-trang--vhttdl", "duties_transferred"),
    }
    assert "báo chí" in out[("tinh-soc-trang--vhttdl", "duties_transferred")].duties
    assert "45/2025/NĐ-CP" in out[("tinh-soc-trang--kh-cn", "merged_into")].legal_basis


def test_hanoi_and_hcmc_get_their_own_culture_departments() -> None:
    catalog = build_reference_catalog(only_provinces=["hanoi"])
    codes = {a.code for a in catalog.agencies}
    assert "thanh-pho-ha-noi--vhtt" in codes and "thanh-pho-ha-noi--du-lich" in codes
    assert "thanh-pho-ha-noi--vhttdl" not in codes


# --- the database ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_twice_changes_nothing() -> None:
    load_reference_agencies()
    before = (Agency.objects.count(), AgencySuccession.objects.count())
    again = load_reference_agencies()
    assert again.created == 0 and again.updated == 0 and again.successions_created == 0
    assert (Agency.objects.count(), AgencySuccession.objects.count()) == before
    assert again.unchanged == len(build_reference_catalog().agencies)


@pytest.mark.django_db
def test_database_holds_63_former_and_34_current_provinces() -> None:
    load_reference_agencies()
    provinces = Agency.objects.filter(kind=AgencyKind.PROVINCE)
    assert provinces.active_on(LAST_DAY_BEFORE_MERGE).count() == 63
    assert provinces.active_on(PROVINCE_MERGE_DAY).count() == 34
    can_tho = Agency.objects.get(code="thanh-pho-can-tho-2025")
    merged = set(
        AgencySuccession.objects.filter(successor=can_tho).values_list(
            "predecessor__name", flat=True
        )
    )
    assert merged == {
        "Ủy ban nhân dân tỉnh Sóc Trăng",
        "Ủy ban nhân dân tỉnh Hậu Giang",
        "Ủy ban nhân dân thành phố Cần Thơ",
    }


def _clear_registry() -> None:
    AgencySuccession.objects.all().delete()
    Agency.objects.update(parent=None)
    Agency.objects.all().delete()


@pytest.mark.django_db
def test_loading_from_empty_sets_materialised_paths() -> None:
    """(How long loading takes is measured by bench/core_kernel.py.)"""
    _clear_registry()
    summary = load_reference_agencies()
    assert summary.created == Agency.objects.count() > 2000
    dept = Agency.objects.get(code="tinh-soc-trang--tu-phap")
    province = Agency.objects.get(code="tinh-soc-trang")
    assert dept.path == f"/{province.pk}/{dept.pk}/"
    assert dept.province() == province
    assert all(a.path == a.compute_path() for a in Agency.objects.select_related("parent"))


@pytest.mark.django_db
def test_update_mode_restores_reference_values_and_default_mode_keeps_local_edits() -> None:
    load_reference_agencies()
    Agency.objects.filter(code="bo-y-te").update(short_name="Bộ YT (sửa tay)")
    load_reference_agencies()
    assert Agency.objects.get(code="bo-y-te").short_name == "Bộ YT (sửa tay)"
    summary = load_reference_agencies(update_existing=True)
    assert summary.updated == 1
    assert Agency.objects.get(code="bo-y-te").short_name == "BYT"


@pytest.mark.django_db
def test_communes_are_loaded_only_on_request() -> None:
    load_reference_agencies()
    assert not Agency.objects.filter(kind=AgencyKind.COMMUNE).exists()
    load_reference_agencies(communes=True, only_provinces=["soctrang"])
    district = Agency.objects.get(code="tinh-soc-trang--thanh-pho-soc-trang")
    assert district.kind == AgencyKind.FORMER_DISTRICT
    assert district.valid_to == dt.date(2025, 6, 30)
    assert district.children.filter(kind=AgencyKind.DISTRICT_OFFICE).exists()
    old_wards = district.children.filter(kind=AgencyKind.COMMUNE)
    assert old_wards.exists()
    assert all(w.valid_to == dt.date(2025, 6, 30) for w in old_wards)
    # Every former ward of the city passes to a commune of the new Cần Thơ.
    for ward in old_wards:
        successors = AgencySuccession.objects.filter(predecessor=ward)
        assert successors.exists(), ward.name
        assert all(s.successor.valid_from == PROVINCE_MERGE_DAY for s in successors)
        assert all(s.successor.parent.code == "thanh-pho-can-tho-2025" for s in successors)


@pytest.mark.django_db
def test_management_command_reports_a_json_summary() -> None:
    load_reference_agencies()
    out, err = StringIO(), StringIO()
    call_command("load_agencies", stdout=out, stderr=err)
    summary: dict[str, Any] = json.loads(out.getvalue())
    assert summary["provinces_current"] == 34 and summary["provinces_former"] == 63
    assert summary["created"] == 0
    assert "cơ quan" in err.getvalue()


@pytest.mark.django_db
def test_loader_works_with_the_historical_models_of_a_data_migration() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    state_apps = MigrationExecutor(connection).loader.project_state().apps
    _clear_registry()
    summary = load_reference_agencies(apps=state_apps)
    assert summary.created == Agency.objects.count() > 2000
    dept = Agency.objects.get(code="tinh-tra-vinh--noi-vu")
    assert dept.path == f"/{dept.parent_id}/{dept.pk}/"
    assert load_reference_agencies(apps=state_apps).created == 0
