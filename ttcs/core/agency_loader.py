"""Reference agencies: ministries, the 63 former and 34 current provinces, their departments.

Two halves:

* ``build_reference_catalog`` — pure: reads the curated JSON in ``ttcs/core/data`` and the
  administrative-unit data shipped by ``vietnamadminunits`` (read as files, never hand-typed)
  and returns plain ``AgencySpec`` / ``SuccessionSpec`` records.
* ``load_reference_agencies`` — writes that catalog into the database, idempotently, keyed on
  ``Agency.code``. Fast enough for a data migration (bulk inserts, paths filled in memory).

Django is only imported inside the functions that touch the database.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sqlite3
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ttcs.core.text import fold_lower

if TYPE_CHECKING:
    from django.apps.registry import Apps

__all__ = [
    "AgencySpec",
    "Catalog",
    "LoadSummary",
    "ProvinceUnit",
    "SuccessionSpec",
    "Writer",
    "adminunits_data_dir",
    "build_reference_catalog",
    "central_data",
    "load_reference_agencies",
    "province_template",
    "province_units",
    "slugify_vi",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
PROVINCE_MERGE_DAY = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_MERGE = dt.date(2025, 6, 30)

# Province "short keys" (``vietnamadminunits``' provinceShortKey) get extra aliases people use.
_EXTRA_PROVINCE_ALIASES: dict[str, tuple[str, ...]] = {
    "hochiminh": ("TP.HCM", "TP. Hồ Chí Minh", "TPHCM", "Sài Gòn"),
    "hanoi": ("TP. Hà Nội",),
    "hue": ("Thừa Thiên Huế", "tỉnh Thừa Thiên Huế"),
}


# ---------------------------------------------------------------------------------------------
# Plain records
# ---------------------------------------------------------------------------------------------


class Writer(Protocol):
    """Where progress messages go: a text stream or a management command's ``self.stderr``."""

    def write(self, msg: str, /) -> Any: ...


@dataclass(frozen=True)
class AgencySpec:
    """One agency to exist in the database, identified by ``code``."""

    code: str
    name: str
    kind: str
    short_name: str = ""
    parent_code: str | None = None
    admin_unit_code: str = ""
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    legal_basis: str = ""


@dataclass(frozen=True)
class SuccessionSpec:
    """``predecessor_code`` was succeeded by ``successor_code`` on ``effective_date``."""

    predecessor_code: str
    successor_code: str
    kind: str
    effective_date: dt.date
    legal_basis: str = ""
    duties: str = ""


@dataclass
class Catalog:
    agencies: list[AgencySpec] = field(default_factory=list)
    successions: list[SuccessionSpec] = field(default_factory=list)

    def add(self, spec: AgencySpec) -> None:
        self.agencies.append(spec)


@dataclass(frozen=True)
class ProvinceUnit:
    """A province-level unit as a lifetime: former (until 30/6/2025), current, or both."""

    code: str
    full_name: str  # "Tỉnh Sóc Trăng", as vietnamadminunits spells it
    short: str  # "Sóc Trăng"
    short_key: str  # "soctrang"
    admin_unit_code: str
    is_city: bool
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_code: str | None  # the 2025 unit a former province was merged into
    legacy_key: str | None  # provinceKey in the legacy table ("tinhsoctrang")
    current_key: str | None  # provinceKey in the 2025 table

    @property
    def unit(self) -> str:
        return "thành phố" if self.is_city else "tỉnh"

    @property
    def party(self) -> str:
        return "Thành ủy" if self.is_city else "Tỉnh ủy"

    @property
    def initials(self) -> str:
        return "".join(w[0] for w in re.split(r"[\s-]+", self.short) if w).upper()

    def active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class LoadSummary:
    """What ``load_reference_agencies`` did. A second run reports ``created == 0``."""

    created: int
    updated: int
    unchanged: int
    successions_created: int
    successions_existing: int
    provinces_current: int
    provinces_former: int
    seconds: float


# ---------------------------------------------------------------------------------------------
# Source data
# ---------------------------------------------------------------------------------------------


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@lru_cache(maxsize=1)
def central_data() -> dict[str, Any]:
    """The curated central agencies and their successions (``data/central_agencies.json``)."""
    with (DATA_DIR / "central_agencies.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@lru_cache(maxsize=1)
def province_template() -> dict[str, Any]:
    """The curated provincial/district template (``data/province_template.json``)."""
    with (DATA_DIR / "province_template.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@lru_cache(maxsize=1)
def adminunits_data_dir() -> Path:
    """The data folder of the installed ``vietnamadminunits`` package (dataset.db, JSON)."""
    # Located without importing the package: its __init__ parses ~3 MB of JSON.
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise RuntimeError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _query(sql: str) -> list[sqlite3.Row]:
    uri = f"file:{adminunits_data_dir() / 'dataset.db'}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return list(conn.execute(sql))


@lru_cache(maxsize=1)
def _converter_data() -> dict[str, Any]:
    with (adminunits_data_dir() / "converter_2025.json").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def slugify_vi(text: str) -> str:
    """ASCII slug of a Vietnamese name: "Tỉnh Bà Rịa - Vũng Tàu" → "tinh-ba-ria-vung-tau"."""
    return re.sub(r"[^a-z0-9]+", "-", fold_lower(text)).strip("-")


def _short_key(province_key: str) -> str:
    return re.sub(r"^(tinh|thanhpho)", "", province_key)


@lru_cache(maxsize=1)
def province_units() -> tuple[ProvinceUnit, ...]:
    """Every province-level unit: 63 active on 30/6/2025 and 34 active on 1/7/2025.

    The 11 provinces that Resolution 202/2025/QH15 left unchanged are one unit spanning both
    dates; the other 52 end on 30/6/2025 and are succeeded by one of 23 new units.
    """
    new_to_old: dict[str, list[str]] = _converter_data()["DICT_PROVINCE"]
    legacy = {
        r["provinceKey"]: r
        for r in _query(
            "SELECT DISTINCT province, provinceShort, provinceCode, provinceKey "
            "FROM admin_units_legacy"
        )
    }
    current = {
        r["provinceKey"]: r
        for r in _query(
            "SELECT DISTINCT province, provinceShort, provinceCode, provinceKey FROM admin_units"
        )
    }
    units: list[ProvinceUnit] = []
    old_to_new_code: dict[str, str] = {}
    for new_key, old_keys in sorted(new_to_old.items()):
        row = current[new_key]
        if old_keys == [new_key]:
            units.append(
                ProvinceUnit(
                    code=slugify_vi(row["province"]),
                    full_name=row["province"],
                    short=row["provinceShort"],
                    short_key=_short_key(new_key),
                    admin_unit_code=row["provinceCode"],
                    is_city=row["province"].startswith("Thành phố"),
                    valid_from=None,
                    valid_to=None,
                    successor_code=None,
                    legacy_key=new_key,
                    current_key=new_key,
                )
            )
            continue
        code = slugify_vi(row["province"]) + "-2025"
        units.append(
            ProvinceUnit(
                code=code,
                full_name=row["province"],
                short=row["provinceShort"],
                short_key=_short_key(new_key),
                admin_unit_code=row["provinceCode"],
                is_city=row["province"].startswith("Thành phố"),
                valid_from=PROVINCE_MERGE_DAY,
                valid_to=None,
                successor_code=None,
                legacy_key=None,
                current_key=new_key,
            )
        )
        for old_key in old_keys:
            old_to_new_code[old_key] = code
    for old_key, code in sorted(old_to_new_code.items()):
        row = legacy[old_key]
        units.append(
            ProvinceUnit(
                code=slugify_vi(row["province"]),
                full_name=row["province"],
                short=row["provinceShort"],
                short_key=_short_key(old_key),
                admin_unit_code=row["provinceCode"],
                is_city=row["province"].startswith("Thành phố"),
                valid_from=None,
                valid_to=LAST_DAY_BEFORE_MERGE,
                successor_code=code,
                legacy_key=old_key,
                current_key=None,
            )
        )
    return tuple(units)


# ---------------------------------------------------------------------------------------------
# Catalog
# ---------------------------------------------------------------------------------------------


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        item = re.sub(r"\s+", " ", item).strip()
        if item:
            seen.setdefault(item, None)
    return tuple(seen)


def _intersect(
    a_from: dt.date | None, a_to: dt.date | None, b_from: dt.date | None, b_to: dt.date | None
) -> tuple[bool, dt.date | None, dt.date | None]:
    start = max((d for d in (a_from, b_from) if d), default=None)
    end = min((d for d in (a_to, b_to) if d), default=None)
    return (start is None or end is None or start <= end), start, end


def _add_central(catalog: Catalog) -> None:
    data = central_data()
    for a in data["agencies"]:
        catalog.add(
            AgencySpec(
                code=a["code"],
                name=a["name"],
                kind=a["kind"],
                short_name=a["short_name"],
                parent_code=a["parent"],
                aliases=_dedupe(a["aliases"]),
                valid_from=_date(a["valid_from"]),
                valid_to=_date(a["valid_to"]),
                legal_basis=a["legal_basis"],
            )
        )
    for s in data["successions"]:
        catalog.successions.append(
            SuccessionSpec(
                predecessor_code=s["predecessor"],
                successor_code=s["successor"],
                kind=s["kind"],
                effective_date=dt.date.fromisoformat(s["effective_date"]),
                legal_basis=s["legal_basis"],
                duties=s["duties"],
            )
        )


def _province_spec(p: ProvinceUnit, template: dict[str, Any]) -> AgencySpec:
    merge = template["province_merge"]
    if p.valid_from:
        basis = merge["new_units_legal_basis"]
    elif p.valid_to:
        basis = merge["legal_basis"]
    else:
        basis = ""
    unit_name = f"{p.unit} {p.short}"
    return AgencySpec(
        code=p.code,
        name=f"Ủy ban nhân dân {unit_name}",
        kind="province",
        short_name=f"UBND {unit_name}"[:80],
        admin_unit_code=p.admin_unit_code,
        aliases=_dedupe(
            [
                unit_name,
                p.short,
                f"Ủy ban nhân dân {p.unit}",
                f"UBND {p.unit}",
                *_EXTRA_PROVINCE_ALIASES.get(p.short_key, ()),
            ]
        ),
        valid_from=p.valid_from,
        valid_to=p.valid_to,
        legal_basis=basis,
    )


def _fill(pattern: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), pattern)


def _body_applies(body: dict[str, Any], p: ProvinceUnit) -> bool:
    if "only_in" in body and p.short_key not in body["only_in"]:
        return False
    if p.short_key in body.get("except_in", ()):
        return False
    # Press rows describe the former provinces only (see the template's note).
    return not (body.get("legacy_only") and p.legacy_key is None)


def _add_province_bodies(
    catalog: Catalog, units: Collection[ProvinceUnit], template: dict[str, Any]
) -> None:
    merge = template["province_merge"]
    bodies: list[dict[str, Any]] = template["province_bodies"]
    by_code = {p.code: p for p in units}
    created: dict[tuple[str, str], AgencySpec] = {}
    for p in units:
        values = {
            "unit": p.unit,
            "place": p.short,
            "party": p.party,
            "initials": p.initials,
        }
        for body in bodies:
            if not _body_applies(body, p):
                continue
            ok, start, end = _intersect(
                p.valid_from, p.valid_to, _date(body["valid_from"]), _date(body["valid_to"])
            )
            if not ok:
                continue
            values["generic"] = body["generic"]
            name = body.get("name_overrides", {}).get(p.short_key) or _fill(body["pattern"], values)
            basis = body["legal_basis"]
            if p.valid_from and not body["valid_from"]:
                basis = merge["new_units_legal_basis"]
            spec = AgencySpec(
                code=f"{p.code}--{body['key']}",
                name=name,
                kind=body["kind"],
                short_name=body["short_name"],
                parent_code=p.code,
                admin_unit_code=p.admin_unit_code,
                aliases=_dedupe(
                    [
                        # A bare "Báo" would match any newspaper; longer generics are names.
                        body["generic"] if len(body["generic"]) > 5 else "",
                        body["short_name"] if len(body["short_name"]) > 3 else "",
                        *(_fill(a, values) for a in body["aliases"]),
                    ]
                ),
                valid_from=start,
                valid_to=end,
                legal_basis=basis,
            )
            created[(p.code, body["key"])] = spec
            catalog.add(spec)
    # Successions inside one province (the 1/3/2025 reorganisation of departments).
    for p in units:
        for body in bodies:
            pred = created.get((p.code, body["key"]))
            if pred is None:
                continue
            for s in body["successors"]:
                succ = next(
                    (created[(p.code, k)] for k in s["keys"] if (p.code, k) in created), None
                )
                if succ is None:
                    continue
                catalog.successions.append(
                    SuccessionSpec(
                        predecessor_code=pred.code,
                        successor_code=succ.code,
                        kind=s["kind"],
                        effective_date=dt.date.fromisoformat(s["effective_date"]),
                        legal_basis=s["legal_basis"],
                        duties=s["duties"],
                    )
                )
            # A body of a merged province passes to the same body of the new province.
            if p.successor_code and pred.valid_to == p.valid_to:
                target = created.get((p.successor_code, body["key"]))
                if target is not None and by_code.get(p.successor_code):
                    catalog.successions.append(
                        SuccessionSpec(
                            predecessor_code=pred.code,
                            successor_code=target.code,
                            kind="merged_into",
                            effective_date=PROVINCE_MERGE_DAY,
                            legal_basis=merge["legal_basis"],
                        )
                    )


def _add_communes(
    catalog: Catalog, units: Collection[ProvinceUnit], template: dict[str, Any]
) -> None:
    legacy_codes = {p.legacy_key: p.code for p in units if p.legacy_key}
    current_codes = {p.current_key: p.code for p in units if p.current_key}
    district_end = template["district_end"]
    end = dt.date.fromisoformat(district_end["valid_to"])
    commune_merge = template["commune_merge"]
    rows = _query(
        "SELECT provinceKey, district, districtShort, districtType, districtCode, districtKey, "
        "ward, wardShort, wardType, wardCode, wardKey FROM admin_units_legacy "
        "ORDER BY provinceCode, districtCode, wardCode"
    )
    district_specs: dict[tuple[str, str], AgencySpec] = {}
    old_ward_code: dict[str, str] = {}
    for r in rows:
        pcode = legacy_codes.get(r["provinceKey"])
        if pcode is None:
            continue
        dkey = (r["provinceKey"], r["districtKey"])
        if dkey not in district_specs:
            dunit = r["districtType"].lower()
            dcode = f"{pcode}--{slugify_vi(r['district'])}"
            if any(s.code == dcode for s in district_specs.values()):  # pragma: no cover
                dcode = f"{dcode}-{r['districtCode']}"
            spec = AgencySpec(
                code=dcode,
                name=f"Ủy ban nhân dân {dunit} {r['districtShort']}",
                kind="former_district",
                short_name=f"UBND {dunit} {r['districtShort']}"[:80],
                parent_code=pcode,
                admin_unit_code=r["districtCode"],
                aliases=_dedupe(
                    [f"{dunit} {r['districtShort']}", f"Ủy ban nhân dân {dunit}", f"UBND {dunit}"]
                ),
                valid_to=end,
                legal_basis=district_end["legal_basis"],
            )
            district_specs[dkey] = spec
            catalog.add(spec)
            values = {"dunit": dunit, "dplace": r["districtShort"]}
            for body in template["district_bodies"]:
                types = body.get("district_types")
                if types and r["districtType"] not in types:
                    continue
                values["generic"] = body["generic"]
                catalog.add(
                    AgencySpec(
                        code=f"{dcode}--{body['key']}",
                        name=_fill(body["pattern"], values),
                        kind=body["kind"],
                        short_name=body["short_name"],
                        parent_code=dcode,
                        admin_unit_code=r["districtCode"],
                        aliases=_dedupe(
                            [
                                body["generic"],
                                body["short_name"] if len(body["short_name"]) > 3 else "",
                                *(_fill(a, values) for a in body["aliases"]),
                            ]
                        ),
                        valid_to=end,
                        legal_basis=body["legal_basis"],
                    )
                )
        if not r["wardCode"]:
            continue
        wunit = r["wardType"].lower()
        code = f"xa-{r['wardCode']}"
        old_ward_code[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"] = code
        catalog.add(
            AgencySpec(
                code=code,
                name=f"Ủy ban nhân dân {wunit} {r['wardShort']}",
                kind="commune",
                short_name=f"UBND {wunit} {r['wardShort']}"[:80],
                parent_code=district_specs[dkey].code,
                admin_unit_code=r["wardCode"],
                aliases=_dedupe([f"{wunit} {r['wardShort']}"]),
                valid_to=end,
                legal_basis=district_end["legal_basis"],
            )
        )
    for (pkey, district_key), spec in district_specs.items():
        # Island districts have no wards: the district itself passes to the new special zone.
        old_ward_code.setdefault(f"{pkey}_{district_key}_", spec.code)

    new_ward_code: dict[tuple[str, str], str] = {}
    for r in _query(
        "SELECT provinceKey, ward, wardShort, wardType, wardCode, wardKey FROM admin_units "
        "ORDER BY provinceCode, wardCode"
    ):
        pcode = current_codes.get(r["provinceKey"])
        if pcode is None:
            continue
        wunit = r["wardType"].lower()
        code = f"xa2025-{r['wardCode']}"
        new_ward_code[(r["provinceKey"], r["wardKey"])] = code
        catalog.add(
            AgencySpec(
                code=code,
                name=f"Ủy ban nhân dân {wunit} {r['wardShort']}",
                kind="commune",
                short_name=f"UBND {wunit} {r['wardShort']}"[:80],
                parent_code=pcode,
                admin_unit_code=r["wardCode"],
                aliases=_dedupe([f"{wunit} {r['wardShort']}"]),
                valid_from=PROVINCE_MERGE_DAY,
                legal_basis=commune_merge["legal_basis"],
            )
        )
    conv = _converter_data()
    day = dt.date.fromisoformat(commune_merge["effective_date"])

    def link(old_key: str, new_code: str | None, kind: str) -> None:
        old_code = old_ward_code.get(old_key)
        if old_code and new_code:
            catalog.successions.append(
                SuccessionSpec(old_code, new_code, kind, day, commune_merge["legal_basis"])
            )

    for new_pkey, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in wards.items():
            for old_key in old_keys:
                link(old_key, new_ward_code.get((new_pkey, new_wkey)), "merged_into")
    for new_pkey, olds in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in olds.items():
            for part in parts:
                link(old_key, new_ward_code.get((new_pkey, part["newWardKey"])), "split_into")


def build_reference_catalog(
    *, communes: bool = False, only_provinces: Collection[str] | None = None
) -> Catalog:
    """Every reference agency and succession as plain records (no database).

    ``only_provinces`` (province codes or short keys such as ``"soctrang"``) limits the local
    part to those units and the units they merged into or from; used to keep tests small.
    """
    template = province_template()
    catalog = Catalog()
    _add_central(catalog)
    units: list[ProvinceUnit] = list(province_units())
    if only_provinces is not None:
        wanted = set(only_provinces)
        keep = {p.code for p in units if p.code in wanted or p.short_key in wanted}
        keep |= {p.successor_code for p in units if p.code in keep and p.successor_code}
        units = [p for p in units if p.code in keep]
    for p in units:
        catalog.add(_province_spec(p, template))
        if p.successor_code and any(u.code == p.successor_code for u in units):
            catalog.successions.append(
                SuccessionSpec(
                    predecessor_code=p.code,
                    successor_code=p.successor_code,
                    kind="merged_into",
                    effective_date=PROVINCE_MERGE_DAY,
                    legal_basis=template["province_merge"]["legal_basis"],
                )
            )
    _add_province_bodies(catalog, units, template)
    if communes:
        _add_communes(catalog, units, template)
    return catalog


# ---------------------------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------------------------

_COMPARED_FIELDS = (
    "name",
    "short_name",
    "kind",
    "parent_id",
    "admin_unit_code",
    "aliases",
    "valid_from",
    "valid_to",
    "legal_basis",
)


def _depth(spec: AgencySpec, by_code: dict[str, AgencySpec], memo: dict[str, int]) -> int:
    if spec.code in memo:
        return memo[spec.code]
    parent = by_code.get(spec.parent_code) if spec.parent_code else None
    depth = 0 if parent is None else _depth(parent, by_code, memo) + 1
    memo[spec.code] = depth
    return depth


def load_reference_agencies(
    *,
    communes: bool = False,
    stdout: Writer | None = None,
    update_existing: bool = False,
    only_provinces: Collection[str] | None = None,
    apps: Apps | None = None,
) -> LoadSummary:
    """Create the reference agencies and successions that are missing; never duplicates.

    Keyed on ``Agency.code``: a second run creates nothing. Existing rows are left as they are
    (an administrator may have corrected them) unless ``update_existing`` is true, in which
    case fields that differ from the reference data are overwritten. ``path`` is always made
    consistent. ``apps`` lets a data migration pass its historical registry.
    Runs in one transaction.
    """
    from django.db import transaction

    if apps is not None:
        agency_model: Any = apps.get_model("core", "Agency")
        succession_model: Any = apps.get_model("core", "AgencySuccession")
    else:
        from ttcs.core.models import Agency, AgencySuccession

        agency_model, succession_model = Agency, AgencySuccession

    started = time.monotonic()

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    catalog = build_reference_catalog(communes=communes, only_provinces=only_provinces)
    say(f"Danh mục: {len(catalog.agencies)} cơ quan, {len(catalog.successions)} quan hệ kế thừa.")
    by_code = {s.code: s for s in catalog.agencies}
    memo: dict[str, int] = {}
    layers: dict[int, list[AgencySpec]] = {}
    for spec in catalog.agencies:
        layers.setdefault(_depth(spec, by_code, memo), []).append(spec)

    created = updated = unchanged = 0
    with transaction.atomic():
        # Read everything rather than "code IN (...)": tens of thousands of codes with
        # communes would exceed SQLite's limit on query parameters.
        existing: dict[str, Any] = {
            a.code: a for a in agency_model.objects.all() if a.code in by_code
        }
        ids: dict[str, int] = {code: a.pk for code, a in existing.items()}
        paths: dict[int, str] = {a.pk: a.path for a in existing.values()}
        for depth in sorted(layers):
            to_create: list[Any] = []
            to_update: list[Any] = []
            for spec in layers[depth]:
                parent_id = ids[spec.parent_code] if spec.parent_code else None
                values = {
                    "name": spec.name,
                    "short_name": spec.short_name,
                    "kind": spec.kind,
                    "parent_id": parent_id,
                    "admin_unit_code": spec.admin_unit_code,
                    "aliases": list(spec.aliases),
                    "valid_from": spec.valid_from,
                    "valid_to": spec.valid_to,
                    "legal_basis": spec.legal_basis,
                }
                obj = existing.get(spec.code)
                if obj is None:
                    to_create.append(agency_model(code=spec.code, **values))
                    continue
                if update_existing and any(getattr(obj, f) != v for f, v in values.items()):
                    for f, v in values.items():
                        setattr(obj, f, v)
                    to_update.append(obj)
                else:
                    unchanged += 1
            if to_create:
                agency_model.objects.bulk_create(to_create, batch_size=500)
                if any(o.pk is None for o in to_create):  # pragma: no cover  (old SQLite)
                    fetched = dict(
                        agency_model.objects.filter(
                            code__in=[o.code for o in to_create]
                        ).values_list("code", "pk")
                    )
                    for o in to_create:
                        o.pk = fetched[o.code]
                created += len(to_create)
            if to_update:
                agency_model.objects.bulk_update(to_update, list(_COMPARED_FIELDS), batch_size=500)
                updated += len(to_update)
            # Materialised paths, computed here because bulk_create skips Agency.save().
            path_fixes: list[Any] = []
            for obj in [
                *to_create,
                *to_update,
                *(existing[s.code] for s in layers[depth] if s.code in existing),
            ]:
                ids[obj.code] = obj.pk
                parent_path = paths.get(obj.parent_id, "/") if obj.parent_id else "/"
                path = f"{parent_path}{obj.pk}/"
                paths[obj.pk] = path
                if obj.path != path:
                    obj.path = path
                    path_fixes.append(obj)
            if path_fixes:
                agency_model.objects.bulk_update(path_fixes, ["path"], batch_size=500)
            say(f"  cấp {depth}: thêm {len(to_create)}, cập nhật {len(to_update)}.")

        have = set(
            succession_model.objects.values_list("predecessor_id", "successor_id", "kind", "duties")
        )

        new_successions: list[Any] = []
        for s in catalog.successions:
            key = (ids[s.predecessor_code], ids[s.successor_code], s.kind, s.duties)
            if key in have:
                continue
            have.add(key)
            new_successions.append(
                succession_model(
                    predecessor_id=key[0],
                    successor_id=key[1],
                    kind=s.kind,
                    effective_date=s.effective_date,
                    legal_basis=s.legal_basis,
                    duties=s.duties,
                )
            )
        succession_model.objects.bulk_create(new_successions, batch_size=500)

    units = province_units()
    summary = LoadSummary(
        created=created,
        updated=updated,
        unchanged=unchanged,
        successions_created=len(new_successions),
        successions_existing=len(catalog.successions) - len(new_successions),
        provinces_current=sum(1 for p in units if p.active_on(PROVINCE_MERGE_DAY)),
        provinces_former=sum(1 for p in units if p.active_on(LAST_DAY_BEFORE_MERGE)),
        seconds=round(time.monotonic() - started, 2),
    )
    say(
        f"Xong sau {summary.seconds} giây: thêm {created} cơ quan, cập nhật {updated}, "
        f"giữ nguyên {unchanged}; thêm {summary.successions_created} quan hệ kế thừa."
    )
    return summary
