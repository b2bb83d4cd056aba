"""Named personas over a small agency tree, built through real actions.

Tỉnh A (province)                    Tỉnh B (province)
├── Sở A1 (department)               └── Sở B1
│   └── Trường A1 (school)
└── Xã A2 (commune)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ttcs.core import actions
from ttcs.core.models import Agency, AgencyKind, Role


@dataclass
class Org:
    province_a: Agency
    dept_a1: Agency
    school_a1: Agency
    commune_a2: Agency
    province_b: Agency
    dept_b1: Agency
    province_leader: Any  # leader of Tỉnh A
    dept_officer: Any  # officer of Sở A1
    school_officer: Any  # officer of Trường A1
    viewer_a1: Any  # viewer of Sở A1
    admin_a: Any  # administrator of Tỉnh A
    outsider: Any  # officer of Sở B1
    nobody: Any  # a login with no membership

    @property
    def agencies(self) -> list[Agency]:
        return [
            self.province_a,
            self.dept_a1,
            self.school_a1,
            self.commune_a2,
            self.province_b,
            self.dept_b1,
        ]


def _agency(name: str, kind: str, parent: Agency | None) -> Agency:
    return actions.create_agency(name=name, kind=kind, code="", parent=parent)


def _person(username: str, full_name: str, agency: Agency | None, role: str) -> Any:
    user = actions.create_user(
        username=username, password="mat-khau-thu-nghiem", full_name=full_name
    )
    if agency is not None:
        actions.grant_membership(user=user, agency=agency, role=role)
    return user


def build_org() -> Org:
    pa = _agency("Tỉnh A", AgencyKind.PROVINCE, None)
    d1 = _agency("Sở A1", AgencyKind.DEPARTMENT, pa)
    s1 = _agency("Trường A1", AgencyKind.SCHOOL, d1)
    c2 = _agency("Xã A2", AgencyKind.COMMUNE, pa)
    pb = _agency("Tỉnh B", AgencyKind.PROVINCE, None)
    b1 = _agency("Sở B1", AgencyKind.DEPARTMENT, pb)
    return Org(
        province_a=pa,
        dept_a1=d1,
        school_a1=s1,
        commune_a2=c2,
        province_b=pb,
        dept_b1=b1,
        province_leader=_person("lanhdao", "Nguyễn Văn Lãnh", pa, Role.LEADER),
        dept_officer=_person("canbo", "Trần Thị Bình", d1, Role.OFFICER),
        school_officer=_person("truong", "Lê Văn Cường", s1, Role.OFFICER),
        viewer_a1=_person("xem", "Phạm Thị Dung", d1, Role.VIEWER),
        admin_a=_person("quantri", "Hoàng Văn Em", pa, Role.ADMINISTRATOR),
        outsider=_person("ngoai", "Đỗ Thị Giang", b1, Role.OFFICER),
        nobody=_person("khongai", "Vũ Văn Hùng", None, Role.VIEWER),
    )
