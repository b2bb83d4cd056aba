"""Every role × every agency × read/write, against the rule written out by hand.

The expected table is derived independently of ttcs.core.permissions: an officer, spokesperson
or viewer reaches only their own agency (viewers never write); a leader or administrator also
reaches every agency below theirs; nobody else reaches anything.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from ttcs.core import actions
from ttcs.core.models import Agency, Role
from ttcs.core.permissions import can_read, can_write, forget_cached_permissions
from ttcs.core.tests.personas import build_org

pytestmark = pytest.mark.django_db


def _is_below(agency: Agency, ancestor: Agency) -> bool:
    node: Agency | None = agency
    while node is not None:
        if node.pk == ancestor.pk:
            return True
        node = node.parent
    return False


def _expected(role: str, home: Agency, target: Agency, mode: str) -> bool:
    if mode == "write" and role == Role.VIEWER:
        return False
    if role in (Role.LEADER, Role.ADMINISTRATOR):
        return _is_below(target, home)
    return target.pk == home.pk


def test_generated_matrix_denies_every_cross_agency_access() -> None:
    org = build_org()
    checked = 0
    leaks: list[str] = []
    for index, (role, home) in enumerate(itertools.product(Role.values, org.agencies)):
        user = actions.create_user(username=f"u{index}", password="x-y-z-12345")
        actions.grant_membership(user=user, agency=home, role=role)
        for target, mode in itertools.product(org.agencies, ("read", "write")):
            check = can_read if mode == "read" else can_write
            got = check(user, target.pk)
            want = _expected(role, home, target, mode)
            checked += 1
            if got != want:
                leaks.append(f"{role}@{home.name} {mode} {target.name}: got {got}, want {want}")
    assert checked == len(Role.values) * len(org.agencies) ** 2 * 2
    assert leaks == []


def test_user_without_membership_reaches_nothing() -> None:
    org = build_org()
    assert not any(can_read(org.nobody, a.pk) for a in org.agencies)
    assert list(Agency.objects.readable_by(org.nobody)) == []


def test_revoked_membership_loses_access() -> None:
    org = build_org()
    assert can_write(org.dept_officer, org.dept_a1.pk)
    membership = org.dept_officer.memberships.get()
    actions.revoke_membership(membership=membership)
    forget_cached_permissions(org.dept_officer)
    assert not can_read(org.dept_officer, org.dept_a1.pk)


def test_leader_reaches_agency_moved_under_their_province() -> None:
    org = build_org()
    assert not can_read(org.province_leader, org.dept_b1.pk)
    org.dept_b1.parent = org.province_a
    org.dept_b1.save()
    forget_cached_permissions(org.province_leader)
    assert can_read(org.province_leader, org.dept_b1.pk)


def test_queryset_helpers_match_single_checks() -> None:
    org = build_org()
    users: list[Any] = [org.province_leader, org.dept_officer, org.viewer_a1, org.outsider]
    for user in users:
        readable = set(Agency.objects.readable_by(user).values_list("pk", flat=True))
        writable = set(Agency.objects.writable_by(user).values_list("pk", flat=True))
        for a in org.agencies:
            assert (a.pk in readable) == can_read(user, a.pk)
            assert (a.pk in writable) == can_write(user, a.pk)
