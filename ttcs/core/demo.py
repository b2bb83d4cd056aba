"""Demo organisation: a city with departments, communes, a school and a press agency, and people
with different roles. Built through the same actions as real use; running it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from ttcs.core import actions
from ttcs.core.models import Agency, AgencyKind, Role

DEMO_PASSWORD = "ttcs-demo-2026"  # noqa: S105  (printed to the operator; demo data only)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    full_name: str
    role: str
    agency: str


def _find(name: str, kind: str, parent: Agency | None = None) -> Agency | None:
    qs = Agency.objects.filter(name__iexact=name, kind=kind, valid_to__isnull=True)
    if parent is not None:
        qs = qs.filter(path__startswith=parent.path)
    return qs.order_by("path").first()


def _get_or_create(name: str, kind: str, parent: Agency | None, **fields: Any) -> Agency:
    found = _find(name, kind, parent)
    if found is not None:
        return found
    return actions.create_agency(name=name, kind=kind, code="", parent=parent, **fields)


def _person(
    username: str, full_name: str, email: str, memberships: list[tuple[Agency, str, str]]
) -> Any:
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = actions.create_user(
            username=username, password=DEMO_PASSWORD, full_name=full_name, email=email
        )
    for agency, role, title in memberships:
        actions.grant_membership(user=user, agency=agency, role=role, title=title)
    return user


CITY_CODE = "thanh-pho-can-tho-2025"  # Cần Thơ since 1/7/2025 (with Sóc Trăng, Hậu Giang)


def demo_city() -> Agency:
    """The demo city from the agency registry (created only when the registry is not loaded)."""
    city = Agency.objects.filter(code=CITY_CODE).first()
    if city is not None:
        return city
    return actions.create_agency(
        name="Ủy ban nhân dân thành phố Cần Thơ", kind=AgencyKind.PROVINCE, code=CITY_CODE
    )


@transaction.atomic
def build_demo_org() -> list[DemoLogin]:
    """Create (or find) the demo agencies and users; returns the logins to print."""
    city = demo_city()
    ubnd = _get_or_create(
        "Văn phòng Ủy ban nhân dân thành phố Cần Thơ", AgencyKind.DEPARTMENT, city
    )
    sokhcn = _get_or_create(
        "Sở Khoa học và Công nghệ thành phố Cần Thơ", AgencyKind.DEPARTMENT, city
    )
    sovh = _get_or_create(
        "Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ", AgencyKind.DEPARTMENT, city
    )
    sogd = _get_or_create("Sở Giáo dục và Đào tạo thành phố Cần Thơ", AgencyKind.DEPARTMENT, city)
    ninhkieu = _get_or_create("Phường Ninh Kiều", AgencyKind.COMMUNE, city)
    phongdien = _get_or_create("Xã Phong Điền", AgencyKind.COMMUNE, city)
    school = _get_or_create("Trường THPT Châu Văn Liêm", AgencyKind.SCHOOL, sogd)
    press = _get_or_create("Báo và Phát thanh, Truyền hình Cần Thơ", AgencyKind.PRESS, city)

    people = [
        ("quantri", "Nguyễn Minh Quân", Role.ADMINISTRATOR, city, "Quản trị hệ thống"),
        ("lanhdao", "Trần Văn Hải", Role.LEADER, city, "Phó Chủ tịch UBND thành phố"),
        ("phatngon", "Lê Thị Thu Hà", Role.SPOKESPERSON, ubnd, "Chánh Văn phòng"),
        ("canbo.vhttdl", "Phạm Ngọc Lan", Role.OFFICER, sovh, "Chuyên viên Phòng Báo chí"),
        ("lanhdao.khcn", "Võ Thanh Tùng", Role.LEADER, sokhcn, "Giám đốc Sở"),
        ("canbo.khcn", "Huỳnh Thị Mai", Role.OFFICER, sokhcn, "Chuyên viên truyền thông"),
        ("canbo.phuong", "Đặng Văn Phúc", Role.OFFICER, ninhkieu, "Công chức Văn hóa - Xã hội"),
        ("canbo.xa", "Ngô Thị Hồng", Role.OFFICER, phongdien, "Công chức Văn hóa - Xã hội"),
        ("canbo.truong", "Bùi Quốc Việt", Role.OFFICER, school, "Giáo viên phụ trách truyền thông"),
        ("bientap", "Trịnh Thu Trang", Role.VIEWER, press, "Phóng viên"),
    ]
    logins = []
    for username, full_name, role, agency, title in people:
        _person(username, full_name, f"{username}@demo.ttcs.local", [(agency, role, title)])
        logins.append(DemoLogin(username, full_name, str(Role(role).label), agency.name))
    # One officer works for two agencies, to show the agency switcher.
    _person(
        "canbo.khcn",
        "Huỳnh Thị Mai",
        "canbo.khcn@demo.ttcs.local",
        [(sovh, Role.OFFICER, "Kiêm nhiệm truyền thông")],
    )
    return logins
